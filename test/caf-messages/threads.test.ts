import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import { attachFile, startThread, threadsForPerson, unreadForPerson } from '../../src/caf-messages/threads';
import { inbox, replyAsAgent } from '../../src/caf-messages/agent-side';
import type { DatabaseHandle } from '../../src/db/database';
import { inlinePdfChecker } from '../../src/justificatifs/pdf-checker';
import { DatabaseJustificatifStorage } from '../../src/justificatifs/storage';
import { CAF_MESSAGES_RETENTION_MS, retentionSweeps } from '../../src/retention/registry';
import { sampleAccount } from '../support/accounts';
import { testDatabases } from '../support/databases';
import { samplePdf } from '../justificatifs/files';

const origin = { ip: null, userAgent: null };
const DAY = 86_400_000;

/** The data layer of « Contacter ma Caf » on both databases: counts of unread messages, files, and retention. */
describe.each(testDatabases)('caf messages on $name', { timeout: 90_000 }, ({ open }) => {
  let h: DatabaseHandle;
  afterEach(async () => h?.destroy());

  it('counts the answers a person has not read and the threads no agent has read; keeps a thread 2 years after its last message, with its files', async () => {
    h = await open();
    const storage = new DatabaseJustificatifStorage(h.db);
    const deps = { db: h.db, storage, pdfChecker: inlinePdfChecker };
    const t0 = Date.UTC(2026, 0, 5);
    const created = await createAccount(h.db, sampleAccount(), t0);
    if (!created.ok) throw new Error('duplicate');
    const person = created.account;
    const actor = { accountId: person.id };
    const started = await startThread(deps, {
      actor,
      subject: 'paiements',
      demarcheId: undefined,
      body: 'Bonjour',
      share: false,
      origin,
      now: t0,
    });
    if (!started.ok) throw new Error('not started');
    expect(
      await attachFile(deps, {
        threadId: started.threadId,
        author: { kind: 'person', id: person.id },
        bytes: samplePdf(),
        declaredName: 'a.pdf',
        origin,
        now: t0,
      }),
    ).toEqual({ ok: true });
    expect((await inbox(h.db, { unreadOnly: true })).map((r) => r.unread)).toEqual([1]);
    expect(
      await replyAsAgent(deps, {
        agentId: 'agent-1',
        threadId: started.threadId,
        body: 'Réponse',
        origin,
        now: t0 + 1000,
        baseUrl: 'http://localhost',
      }),
    ).toEqual({ ok: true });
    expect(await unreadForPerson(h.db, person.id)).toBe(1);
    expect((await threadsForPerson(h.db, actor, t0 + 2000))[0]).toMatchObject({ own: true, unread: 1 });

    const sweep = async (now: number) => {
      for (const s of retentionSweeps({ outboxRetentionDays: 30 }, storage, h.db)) await s(now);
    };
    // The orphan-bytes sweep does not take a message's file; the thread stays until 2 years after its last message.
    await sweep(t0 + 10 * DAY);
    await sweep(t0 + 1000 + CAF_MESSAGES_RETENTION_MS - DAY);
    expect(await h.db.selectFrom('caf_message_files').select('id').execute()).toHaveLength(1);
    expect(await h.db.selectFrom('justificatif_blobs').select('key').execute()).toHaveLength(1);
    await sweep(t0 + 1000 + CAF_MESSAGES_RETENTION_MS + DAY);
    expect(await h.db.selectFrom('caf_threads').select('id').execute()).toHaveLength(0);
    expect(await h.db.selectFrom('caf_messages').select('id').execute()).toHaveLength(0);
    expect(await h.db.selectFrom('caf_message_files').select('id').execute()).toHaveLength(0);
    expect(await h.db.selectFrom('justificatif_blobs').select('key').execute()).toHaveLength(0);
  });
});
