import { describe, expect, it } from 'vitest';
import { actOnDemarche } from '../../../src/agents/instruction';
import { createAgent, findActiveAgentByLogin } from '../../../src/agents/repository';
import { parisMidnight, searchDemarches } from '../../../src/agents/search';
import { DbSessionStore, SessionService } from '../../../src/auth/sessions';
import type { AppContext } from '../../../src/context';
import { findDemarche } from '../../../src/demarches/repository';
import { findActor } from '../../../src/household/repository';
import { closeOpenRequests, demarchesAwaitingPieces, openRequests } from '../../../src/justificatifs/repository';
import { addJustificatif, piecesOf, readJustificatif } from '../../../src/justificatifs/service';
import { createTestAccount } from '../../support/accounts';
import { samplePdf } from '../../justificatifs/files';
import { sentDemarche } from '../../justificatifs/support';
import { testDatabases, withTestContext } from '../../support/databases';

/** The Caf side's data layer and the justificatifs', on SQLite and PostgreSQL. */
const origin = { ip: null, userAgent: null };
const newAgent = (ctx: AppContext, login: string) =>
  createAgent(
    ctx.database.db,
    { login_id: login, display_name: 'Nadia MARTIN', email: login.toLowerCase(), password_hash: 'x', roles: ['instruction'] },
    ctx.clock.now(),
  );

describe.each(testDatabases)('espace gestionnaire data on $name', ({ open }) => {
  it('agents: unique login in lower case, a disabled agent cannot be found to log in', () =>
    withTestContext(open, async (ctx) => {
      const agent = await newAgent(ctx, 'Nadia.Martin@Caf.example.fr');
      expect(agent.login_id).toBe('nadia.martin@caf.example.fr');
      expect((await findActiveAgentByLogin(ctx.database.db, ' NADIA.martin@caf.example.fr '))?.id).toBe(agent.id);
      await expect(newAgent(ctx, 'nadia.martin@caf.example.fr')).rejects.toThrow();
      await ctx.database.db.updateTable('agents').set({ disabled_at: 1 }).where('id', '=', agent.id).execute();
      expect(await findActiveAgentByLogin(ctx.database.db, agent.login_id)).toBeUndefined();
    }));

  it('agent sessions live in their own table, which only names agents', () =>
    withTestContext(open, async (ctx) => {
      const agent = await newAgent(ctx, 'session@caf.example.fr');
      const { token, session } = await ctx.agentSessions.create({ accountId: agent.id, ip: null, userAgent: null });
      expect(await ctx.agentSessions.resolve(token)).toMatchObject({ status: 'active', session: { accountId: agent.id } });
      expect(await ctx.sessions.resolve(token)).toEqual({ status: 'none' });
      expect(await ctx.database.db.selectFrom('sessions').select('id').execute()).toEqual([]);
      await ctx.agentSessions.end(session.id);
      expect(await ctx.agentSessions.resolve(token)).toEqual({ status: 'none' });
      // A person's account id is not an agent: the foreign key refuses it.
      const person = await createTestAccount(ctx);
      const store = new SessionService(new DbSessionStore(ctx.database.db, 'agent_sessions'), ctx.clock);
      await expect(store.create({ accountId: person.id, ip: null, userAgent: null })).rejects.toThrow();
    }));

  it('an action is all or nothing: the piece asked, the message and the audit with the transition, nothing on a stale version', () =>
    withTestContext(open, async (ctx) => {
      const { db } = ctx.database;
      const agent = await newAgent(ctx, 'instruction@caf.example.fr');
      const person = await createTestAccount(ctx);
      const d = await sentDemarche(ctx, person);
      const started = await actOnDemarche(ctx, { agent, demarcheId: d.id, event: 'start_instruction', version: d.version, origin });
      await expect(
        actOnDemarche(ctx, { agent, demarcheId: d.id, event: 'request_documents', reason: 'Un RIB', version: d.version, origin }),
      ).rejects.toThrow();
      expect(await openRequests(db, d.id)).toEqual([]);
      const counts = async () => [
        (await db.selectFrom('outbox_messages').select('id').where('recipient', '=', person.contact_value).execute()).length,
        (await db.selectFrom('audit_events').select('id').where('account_id', '=', agent.id).execute()).length,
      ];
      expect(await counts()).toEqual([1, 1]);
      await actOnDemarche(ctx, {
        agent,
        demarcheId: d.id,
        event: 'request_documents',
        reason: '  Un RIB  ',
        version: started.version,
        origin,
      });
      expect((await openRequests(db, d.id)).map((r) => [r.message, r.requested_by])).toEqual([['Un RIB', agent.id]]);
      expect(await counts()).toEqual([2, 2]);
      expect(await demarchesAwaitingPieces(db, [d.id, 'autre'])).toEqual(new Set([d.id]));
      expect(await closeOpenRequests(db, d.id, ctx.clock.now())).toBe(1);
      expect(await demarchesAwaitingPieces(db, [d.id])).toEqual(new Set());
    }));

  it('a file is stored with its SHA-256 and never served once altered in storage', () =>
    withTestContext(open, async (ctx) => {
      const { db } = ctx.database;
      const agent = await newAgent(ctx, 'fichiers@caf.example.fr');
      const person = await createTestAccount(ctx);
      let d = await sentDemarche(ctx, person);
      d = await actOnDemarche(ctx, { agent, demarcheId: d.id, event: 'start_instruction', version: d.version, origin });
      await actOnDemarche(ctx, { agent, demarcheId: d.id, event: 'request_documents', reason: 'Un RIB', version: d.version, origin });
      const view = (await piecesOf(ctx, await findActor(ctx.database.db, person.id), d.id))!;
      const added = await addJustificatif(ctx, { account: person, view, bytes: samplePdf(), declaredName: 'rib.pdf', origin });
      expect(added.ok).toBe(true);
      const id = added.ok ? added.justificatif.id : '';
      const back = (await readJustificatif(ctx, id))!;
      expect(back.bytes.equals(samplePdf())).toBe(true);
      expect((await piecesOf(ctx, await findActor(ctx.database.db, person.id), d.id))!.pending.map((f) => f.id)).toEqual([id]);
      await db
        .updateTable('justificatif_blobs')
        .set({ bytes: Buffer.from('altéré') })
        .where('key', '=', back.justificatif.storage_key)
        .execute();
      await expect(readJustificatif(ctx, id)).rejects.toThrow('SHA-256 mismatch');
      expect((await findDemarche(db, d.id))!.status).toBe('en_attente_de_pieces');
    }));

  it('the list: sent démarches only, by status, prestation and day of submission in France', () =>
    withTestContext(open, async (ctx, clock) => {
      const person = await createTestAccount(ctx);
      // 26 November 2026 at 23:30 in Paris is 22:30 UTC: still the 26th in France.
      clock.advance(parisMidnight('2026-11-27') - 30 * 60_000 - clock.now());
      const late = await sentDemarche(ctx, person);
      clock.advance(60 * 60_000);
      const next = await sentDemarche(ctx, person, { prestation: 'rsa' });
      const ids = async (f: Parameters<typeof searchDemarches>[1]) => (await searchDemarches(ctx.database.db, f)).rows.map((r) => r.id);
      expect(await ids({})).toEqual([late.id, next.id]);
      expect(await ids({ du: '2026-11-26', au: '2026-11-26' })).toEqual([late.id]);
      expect(await ids({ du: '2026-11-27' })).toEqual([next.id]);
      expect(await ids({ prestation: 'rsa' })).toEqual([next.id]);
      expect(await ids({ statut: 'acceptee' })).toEqual([]);
      expect(parisMidnight('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 22));
    }));
});
