import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import type { DatabaseHandle } from '../../src/db/database';
import { DEMARCHE_EVENTS, DEMARCHE_STATUSES, EVENT_ACTOR, demarcheMachine, type DemarcheStatus } from '../../src/demarches/machine';
import { REFERENCE_PATTERN } from '../../src/demarches/reference';
import {
  DRAFT_TTL_MS,
  StaleDemarcheError,
  WrongActorError,
  createDraft,
  deleteExpiredDrafts,
  demarcheHistory,
  findDemarche,
  listDemarches,
  listHouseholdDemarches,
  onlinePrestation,
  saveAnswers,
  startDemarche,
  submitDemarche,
  transitionDemarche,
} from '../../src/demarches/repository';
import { WrongStateError } from '../../src/flows/machine';
import { testDatabases } from '../support/databases';
import { sampleAccount } from '../support/accounts';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);
const AGENT = { kind: 'agent' as const, id: 'agent-1' };

describe.each(testDatabases)('démarches on $name', ({ open }) => {
  // One database per engine for the whole block (a fresh PostgreSQL database costs a second);
  // each test has its own account, hence its own démarches.
  let h: DatabaseHandle;
  let n = 0;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(() => h.destroy());
  const withDb = async (run: (h: DatabaseHandle, accountId: string) => Promise<void>) => {
    n += 1;
    const id = `1841275056${String(n).padStart(5, '0')}`;
    const r = await createAccount(h.db, sampleAccount({ login_id: id, nir: id, contact_value: `p${n}@example.fr` }), T0);
    if (!r.ok) throw new Error('account not created');
    await run(h, r.account.id);
  };
  const person = (id: string) => ({ kind: 'person' as const, id });

  /** A démarche of `accountId` brought to `status` by the shortest path of allowed events. */
  const bringTo = async (h: DatabaseHandle, accountId: string, status: DemarcheStatus, prestation = 'rsa') => {
    const d = (await createDraft(h.db, { accountId, prestation, now: T0 }))!;
    const path: Record<DemarcheStatus, [(typeof DEMARCHE_EVENTS)[number], string?][]> = {
      brouillon: [],
      envoyee: [['submit']],
      en_instruction: [['submit'], ['start_instruction']],
      en_attente_de_pieces: [['submit'], ['start_instruction'], ['request_documents', 'Votre bail']],
      acceptee: [['submit'], ['start_instruction'], ['accept']],
      refusee: [['submit'], ['start_instruction'], ['refuse', 'Ressources trop élevées']],
      classee_sans_suite: [['submit'], ['close', 'Demande en double']],
    };
    let now = T0;
    for (const [event, reason] of path[status]) {
      now += 1000;
      await transitionDemarche(h.db, { id: d.id, event, actor: EVENT_ACTOR[event] === 'person' ? person(accountId) : AGENT, reason, now });
    }
    return (await findDemarche(h.db, d.id))!;
  };

  it('creates one brouillon per account and prestation, with its expiry and the first line of its history', () =>
    withDb(async (h, accountId) => {
      expect(await listDemarches(h.db, accountId)).toEqual([]);
      const first = await createDraft(h.db, { accountId, prestation: 'prime-activite', now: T0 });
      expect(first).toMatchObject({
        account_id: accountId,
        prestation: 'prime-activite',
        status: 'brouillon',
        answers: {},
        version: 1,
        household_id: null,
        reference: null,
        submitted_at: null,
        expires_at: T0 + DRAFT_TTL_MS,
        created_at: T0,
        updated_at: T0,
      });
      // Idempotent: the same brouillon, its dates unchanged, no second history line.
      expect(await createDraft(h.db, { accountId, prestation: 'prime-activite', now: T0 + 60_000 })).toEqual(first);
      expect(await startDemarche(h.db, accountId, 'prime-activite', T0 + 60_000)).toEqual(first);
      expect(await demarcheHistory(h.db, first!.id)).toEqual([
        {
          demarche_id: first!.id,
          seq: 1,
          at: T0,
          event: 'create',
          from_status: null,
          to_status: 'brouillon',
          actor_kind: 'person',
          actor_id: accountId,
          reason: null,
        },
      ]);
      const second = await createDraft(h.db, { accountId, prestation: 'aide-au-logement', now: T0 + 120_000 });
      expect(second?.id).not.toBe(first?.id);
      expect((await listDemarches(h.db, accountId)).map((d) => d.prestation)).toEqual(['aide-au-logement', 'prime-activite']);
      expect(await findDemarche(h.db, first!.id)).toEqual(first);
      expect(await findDemarche(h.db, 'nope')).toBeUndefined();
    }));

  it('saves answers with an optimistic version, pushing back the expiry; a stale version loses', () =>
    withDb(async (h, accountId) => {
      const d = (await createDraft(h.db, { accountId, prestation: 'aide-au-logement', now: T0 }))!;
      const saved = await saveAnswers(h.db, { id: d.id, version: 1, answers: { loyer: '450,00', statut: 'locataire' }, now: T0 + 1000 });
      expect(saved).toMatchObject({
        version: 2,
        answers: { loyer: '450,00', statut: 'locataire' },
        updated_at: T0 + 1000,
        expires_at: T0 + 1000 + DRAFT_TTL_MS,
      });
      // Another tab still at version 1.
      await expect(saveAnswers(h.db, { id: d.id, version: 1, answers: { loyer: '1' }, now: T0 + 2000 })).rejects.toThrow(
        StaleDemarcheError,
      );
      expect((await findDemarche(h.db, d.id))!.answers).toEqual({ loyer: '450,00', statut: 'locataire' });
      await expect(saveAnswers(h.db, { id: 'nope', version: 1, answers: {}, now: T0 })).rejects.toThrow(StaleDemarcheError);
    }));

  it('an expired brouillon is hidden, cannot be saved or sent, gives way to a new one, and is swept', () =>
    withDb(async (h, accountId) => {
      const d = (await createDraft(h.db, { accountId, prestation: 'rsa', now: T0 }))!;
      const later = T0 + DRAFT_TTL_MS;
      expect(await listDemarches(h.db, accountId, later - 1)).toHaveLength(1);
      expect(await listDemarches(h.db, accountId, later)).toEqual([]);
      await expect(saveAnswers(h.db, { id: d.id, version: 1, answers: {}, now: later })).rejects.toThrow(StaleDemarcheError);
      await expect(submitDemarche(h.db, { id: d.id, accountId, version: 1, now: later })).rejects.toThrow(StaleDemarcheError);
      const fresh = (await createDraft(h.db, { accountId, prestation: 'rsa', now: later }))!;
      expect(fresh.id).not.toBe(d.id);
      expect(await findDemarche(h.db, d.id)).toBeUndefined();
      await createDraft(h.db, { accountId, prestation: 'ajpa', now: T0 });
      const sent = await bringTo(h, accountId, 'envoyee', 'prime-activite');
      expect(await deleteExpiredDrafts(h.db, later + 1)).toBeGreaterThanOrEqual(1);
      expect((await listDemarches(h.db, accountId)).map((x) => x.id).sort()).toEqual([fresh.id, sent.id].sort());
      expect(await demarcheHistory(h.db, sent.id)).toHaveLength(2);
    }));

  it('submits: envoyée, a reference, the time; only the author, at the version read', () =>
    withDb(async (h, accountId) => {
      const d = (await createDraft(h.db, { accountId, prestation: 'aide-au-logement', now: T0 }))!;
      await saveAnswers(h.db, { id: d.id, version: 1, answers: { a: '1' }, now: T0 + 1 });
      await expect(submitDemarche(h.db, { id: d.id, accountId, version: 1, now: T0 + 2 })).rejects.toThrow(StaleDemarcheError);
      await expect(submitDemarche(h.db, { id: d.id, accountId: 'someone-else', version: 2, now: T0 + 2 })).rejects.toThrow(
        StaleDemarcheError,
      );
      const sent = await submitDemarche(h.db, { id: d.id, accountId, version: 2, now: T0 + 3 });
      expect(sent).toMatchObject({ status: 'envoyee', submitted_at: T0 + 3, expires_at: null, version: 3, answers: { a: '1' } });
      expect(sent.reference).toMatch(REFERENCE_PATTERN);
      expect(sent.reference).toContain('MC-2026-');
      await expect(submitDemarche(h.db, { id: d.id, accountId, version: 3, now: T0 + 4 })).rejects.toThrow(WrongStateError);
      await expect(saveAnswers(h.db, { id: d.id, version: 3, answers: {}, now: T0 + 4 })).rejects.toThrow(StaleDemarcheError);
      // A new brouillon of the same prestation may be started once the first is sent.
      expect((await createDraft(h.db, { accountId, prestation: 'aide-au-logement', now: T0 + 5 }))!.id).not.toBe(d.id);
    }));

  it.each(DEMARCHE_STATUSES.flatMap((s) => DEMARCHE_EVENTS.map((e) => [s, e] as const)))(
    'from %s, event %s: allowed moves and records; refused changes nothing',
    (status, event) =>
      withDb(async (h, accountId) => {
        const d = await bringTo(h, accountId, status);
        const before = await demarcheHistory(h.db, d.id);
        const actor = EVENT_ACTOR[event] === 'person' ? person(accountId) : AGENT;
        const move = () => transitionDemarche(h.db, { id: d.id, event, actor, reason: 'Parce que', now: T0 + 60_000 });
        if (demarcheMachine.can(status, event)) {
          const to = demarcheMachine.next(status, event);
          expect(await move()).toMatchObject({ status: to, version: d.version + 1, updated_at: T0 + 60_000 });
          expect((await demarcheHistory(h.db, d.id)).at(-1)).toEqual({
            demarche_id: d.id,
            seq: before.length + 1,
            at: T0 + 60_000,
            event,
            from_status: status,
            to_status: to,
            actor_kind: actor.kind,
            actor_id: actor.id,
            reason: 'Parce que',
          });
        } else {
          await expect(move()).rejects.toThrow(WrongStateError);
          expect(await findDemarche(h.db, d.id)).toEqual(d);
          expect(await demarcheHistory(h.db, d.id)).toEqual(before);
        }
      }),
  );

  it('refuses an event from the wrong side, a decision without a reason, and a stale version', () =>
    withDb(async (h, accountId) => {
      const d = await bringTo(h, accountId, 'en_instruction');
      await expect(transitionDemarche(h.db, { id: d.id, event: 'accept', actor: person(accountId), now: T0 })).rejects.toThrow(
        WrongActorError,
      );
      await expect(transitionDemarche(h.db, { id: d.id, event: 'refuse', actor: AGENT, reason: '  ', now: T0 })).rejects.toThrow(
        /needs a reason/,
      );
      await expect(transitionDemarche(h.db, { id: d.id, event: 'accept', actor: AGENT, now: T0, version: d.version - 1 })).rejects.toThrow(
        StaleDemarcheError,
      );
      await expect(transitionDemarche(h.db, { id: 'nope', event: 'accept', actor: AGENT, now: T0 })).rejects.toThrow(/not found/);
      expect(await findDemarche(h.db, d.id)).toEqual(d);
      const accepted = await transitionDemarche(h.db, { id: d.id, event: 'accept', actor: AGENT, now: T0 + 1, version: d.version });
      expect(accepted.status).toBe('acceptee');
    }));

  it('two agents deciding at once: one wins, the other is told, the history has one decision', () =>
    withDb(async (h, accountId) => {
      const d = await bringTo(h, accountId, 'en_instruction');
      const results = await Promise.allSettled([
        transitionDemarche(h.db, { id: d.id, event: 'accept', actor: AGENT, now: T0 + 1 }),
        transitionDemarche(h.db, { id: d.id, event: 'refuse', actor: { kind: 'agent', id: 'agent-2' }, reason: 'Non', now: T0 + 1 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const history = await demarcheHistory(h.db, d.id);
      expect(history.filter((e) => ['accept', 'refuse'].includes(e.event))).toHaveLength(1);
    }));

  it('lists a household’s sent démarches, from any member; brouillons stay their author’s', () =>
    withDb(async (h, accountId) => {
      await h.db.insertInto('households').values({ id: 'hh1', dossier_number: '7654321', created_at: T0 }).execute();
      const other = await createAccount(
        h.db,
        sampleAccount({ login_id: '284127505612399', nir: '284127505612399', contact_value: 'autre@example.fr' }),
        T0,
      );
      if (!other.ok) throw new Error('account not created');
      const mine = (await createDraft(h.db, { accountId, prestation: 'rsa', householdId: 'hh1', now: T0 }))!;
      const theirs = (await createDraft(h.db, { accountId: other.account.id, prestation: 'ajpa', now: T0 }))!;
      await createDraft(h.db, { accountId: other.account.id, prestation: 'aide-au-logement', householdId: 'hh1', now: T0 });
      expect(await listHouseholdDemarches(h.db, 'hh1')).toEqual([]);
      await submitDemarche(h.db, { id: mine.id, accountId, version: 1, now: T0 + 1 });
      await submitDemarche(h.db, { id: theirs.id, accountId: other.account.id, version: 1, householdId: 'hh1', now: T0 + 2 });
      expect((await listHouseholdDemarches(h.db, 'hh1')).map((d) => d.id)).toEqual([theirs.id, mine.id]);
      expect((await listDemarches(h.db, accountId)).map((d) => d.id)).toEqual([mine.id]);
    }));

  it('records nothing for a slug outside the catalogue or a prestation not asked for online', () =>
    withDb(async (h, accountId) => {
      expect(await createDraft(h.db, { accountId, prestation: 'inconnue', now: T0 })).toBeUndefined();
      expect(await createDraft(h.db, { accountId, prestation: 'aah', now: T0 })).toBeUndefined();
      expect(await createDraft(h.db, { accountId, prestation: '', now: T0 })).toBeUndefined();
      expect(await listDemarches(h.db, accountId)).toEqual([]);
      expect(onlinePrestation('aah')).toBeUndefined();
      expect(onlinePrestation('rsa')?.title).toBe('Revenu de solidarité active (RSA)');
    }));

  it('is safe inside a transaction, even when the brouillon exists already (no aborted transaction on PostgreSQL)', () =>
    withDb(async (h, accountId) => {
      await createDraft(h.db, { accountId, prestation: 'rsa', now: T0 });
      await h.db.transaction().execute(async (trx) => {
        await createDraft(trx, { accountId, prestation: 'rsa', now: T0 + 1 });
        await createDraft(trx, { accountId, prestation: 'ajpa', now: T0 + 1 });
      });
      expect((await listDemarches(h.db, accountId)).map((d) => d.prestation).sort()).toEqual(['ajpa', 'rsa']);
    }));

  it('the database refuses a second brouillon for the same prestation, a reused reference, and an unknown account', () =>
    withDb(async (h, accountId) => {
      const row = {
        account_id: accountId,
        prestation: 'rsa',
        status: 'brouillon' as const,
        answers: '{}',
        version: 1,
        created_at: T0,
        updated_at: T0,
      };
      await h.db
        .insertInto('demarches')
        .values({ id: 'd1', ...row })
        .execute();
      await expect(
        h.db
          .insertInto('demarches')
          .values({ id: 'd2', ...row })
          .execute(),
      ).rejects.toThrow();
      await expect(
        h.db
          .insertInto('demarches')
          .values({ id: 'd3', ...row, prestation: 'ajpa', account_id: 'nobody' })
          .execute(),
      ).rejects.toThrow();
      const sent = { ...row, status: 'envoyee' as const, reference: 'MC-2026-AAAA-BBBB' };
      await h.db
        .insertInto('demarches')
        .values({ id: 'd4', ...sent })
        .execute();
      await expect(
        h.db
          .insertInto('demarches')
          .values({ id: 'd5', ...sent })
          .execute(),
      ).rejects.toThrow();
    }));
});
