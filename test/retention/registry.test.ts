import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import type { DatabaseHandle } from '../../src/db/database';
import { DatabaseJustificatifStorage } from '../../src/justificatifs/storage';
import {
  AUDIT_RETENTION_MS,
  CODE_RETENTION_MS,
  frenchDuration,
  INACTIVE_ACCOUNT_MS,
  REFUSED_FILES_RETENTION_MS,
  retentionRules,
  retentionSweeps,
} from '../../src/retention/registry';
import { sampleAccount } from '../support/accounts';
import { testDatabases } from '../support/databases';

const settings = { outboxRetentionDays: 30 };
const NOW = Date.UTC(2026, 11, 1);
const DAY = 24 * 60 * 60_000;

async function sweepAll(h: DatabaseHandle, now: number): Promise<void> {
  for (const sweep of retentionSweeps(settings, new DatabaseJustificatifStorage(h.db), h.db)) await sweep(now);
}

async function account(h: DatabaseHandle, nir: string, createdAt: number) {
  const r = await createAccount(h.db, sampleAccount({ login_id: nir, nir, contact_value: `${nir}@exemple.fr` }), createdAt);
  if (!r.ok) throw new Error('duplicate');
  return r.account;
}

const ids = async (h: DatabaseHandle, table: 'accounts' | 'verification_codes') =>
  (await h.db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();

describe.each(testDatabases)('retention on $name', { timeout: 90_000 }, ({ open }) => {
  let h: DatabaseHandle | undefined;
  afterEach(async () => {
    await h?.destroy();
    h = undefined;
  });

  it('declares a retention for every table of the migrated schema, and none for a table that does not exist', async () => {
    h = await open();
    const tables = (await h.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'))
      .sort();
    expect(tables.length).toBeGreaterThan(10);
    expect(Object.keys(retentionRules(settings)).sort()).toEqual(tables);
    for (const rule of Object.values(retentionRules(settings))) {
      expect(rule.holds.length).toBeGreaterThan(5);
      expect(rule.keptFor.length).toBeGreaterThan(3);
    }
  });

  it('erases accounts never linked to a dossier after two years without sign-in, and keeps the others', async () => {
    h = await open();
    const old = await account(h, '184127505600001', NOW - INACTIVE_ACCOUNT_MS - DAY);
    const recent = await account(h, '184127505600002', NOW - INACTIVE_ACCOUNT_MS - DAY);
    await h.db
      .updateTable('accounts')
      .set({ last_login_at: NOW - 30 * DAY })
      .where('id', '=', recent.id)
      .execute();
    const member = await account(h, '184127505600003', NOW - INACTIVE_ACCOUNT_MS - DAY);
    await h.db.insertInto('households').values({ id: 'h1', dossier_number: '1234567', created_at: 0 }).execute();
    await h.db
      .insertInto('household_members')
      .values({
        id: 'm1',
        household_id: 'h1',
        account_id: member.id,
        nir: member.nir,
        civility: 'M',
        birth_name: 'MARTIN',
        given_names: 'Paul',
        birth_date: '1984-12-01',
        role: 'responsable',
        has_procuration: 0,
        procuration_granted_at: null,
        joined_at: 0,
        left_at: null,
      })
      .execute();
    await h.db
      .insertInto('sessions')
      .values({
        id: 's1',
        account_id: old.id,
        created_at: 0,
        last_seen_at: 0,
        expires_at: 1,
        ended_at: null,
        ip: null,
        user_agent: null,
        data: '{}',
      })
      .execute();
    await sweepAll(h, NOW);
    expect(await ids(h, 'accounts')).toEqual([recent.id, member.id].sort());
    expect(await h.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('deletes audit rows after a year and expired codes after six months', async () => {
    h = await open();
    const audit = (at: number) => ({ at, type: 'logout', account_id: null, ip: null, user_agent: null, details: '{}' });
    await h.db
      .insertInto('audit_events')
      .values([audit(NOW - AUDIT_RETENTION_MS - DAY), audit(NOW - AUDIT_RETENTION_MS + DAY)])
      .execute();
    const code = (id: string, expiresAt: number) => ({
      id,
      purpose: 'login' as const,
      subject_id: 'x',
      destination: 'a@exemple.fr',
      code_hmac: 'h',
      attempts: 0,
      max_attempts: 5,
      created_at: expiresAt - 600_000,
      expires_at: expiresAt,
      consumed_at: null,
    });
    await h.db
      .insertInto('verification_codes')
      .values([code('old', NOW - CODE_RETENTION_MS - DAY), code('new', NOW - CODE_RETENTION_MS + DAY)])
      .execute();
    await sweepAll(h, NOW);
    const kept = await h.db.selectFrom('audit_events').select('at').execute();
    expect(kept.map((r) => Number(r.at))).toEqual([NOW - AUDIT_RETENTION_MS + DAY]);
    expect(await ids(h, 'verification_codes')).toEqual(['new']);
  });

  it('deletes the files of a request refused more than a year ago, bytes included, and keeps those of an accepted one', async () => {
    h = await open();
    const a = await account(h, '184127505600004', NOW);
    const storage = new DatabaseJustificatifStorage(h.db);
    for (const [id, status] of [
      ['refused', 'refusee'],
      ['accepted', 'acceptee'],
    ] as const) {
      await h.db
        .insertInto('demarches')
        .values({
          id,
          account_id: a.id,
          prestation: 'rsa',
          status,
          answers: '{}',
          version: 1,
          household_id: null,
          reference: id,
          submitted_at: 0,
          expires_at: null,
          created_at: 0,
          updated_at: NOW - REFUSED_FILES_RETENTION_MS - DAY,
        })
        .execute();
      const key = await storage.put(new Uint8Array([1, 2, 3]), 0);
      await h.db
        .insertInto('justificatifs')
        .values({
          id: `f-${id}`,
          demarche_id: id,
          request_id: null,
          uploaded_by: a.id,
          file_name: 'a.pdf',
          media_type: 'application/pdf',
          size_bytes: 3,
          sha256: 'x',
          storage_key: key,
          created_at: 0,
        })
        .execute();
    }
    await sweepAll(h, NOW);
    const t = h.db;
    expect((await t.selectFrom('justificatifs').select('id').execute()).map((r) => r.id)).toEqual(['f-accepted']);
    expect(await t.selectFrom('justificatif_blobs').select('key').execute()).toHaveLength(1);
    // the démarches themselves are the Caf's records
    expect(await h.db.selectFrom('demarches').select('id').execute()).toHaveLength(2);
  });
});

describe('frenchDuration', () => {
  it('says durations as the notice reads them', () => {
    expect(frenchDuration(INACTIVE_ACCOUNT_MS)).toBe('2 ans');
    expect(frenchDuration(CODE_RETENTION_MS)).toBe('6 mois');
    expect(frenchDuration(30 * DAY)).toBe('30 jours');
    expect(frenchDuration(60 * 60_000)).toBe('1 heure');
  });
});
