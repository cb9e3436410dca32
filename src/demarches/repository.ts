import type { Kysely, Selectable } from 'kysely';
import type { Database, DemarcheEventsTable, DemarchesTable } from '../db/schema';
import { findPrestation, type Prestation } from '../prestations/catalogue';
import { randomToken } from '../shared/crypto';
import { EVENT_ACTOR, REASON_REQUIRED, demarcheMachine, type DemarcheActor, type DemarcheEvent, type DemarcheStatus } from './machine';
import { newReference } from './reference';

/**
 * The démarches: requests for a prestation, from the brouillon the person fills to the Caf's
 * decision (src/demarches/machine.ts). Every change of status goes through `transitionDemarche`,
 * which writes the history row (`demarche_events`) in the same transaction.
 *
 * Concurrency: a brouillon carries a `version`; a save or a submission names the version it read,
 * and loses (StaleDemarcheError) when another tab or device saved in between. A transition updates
 * the row only if its status is still the one it read, and the history's primary key
 * (demarche_id, seq) refuses a second row for the same step: two agents clicking at once, one wins.
 */
export type Answers = Record<string, unknown>;
export type Demarche = Omit<Selectable<DemarchesTable>, 'answers'> & { answers: Answers };
export type DemarcheHistoryEntry = Selectable<DemarcheEventsTable>;
export type { DemarcheStatus };

/** A brouillon lives 30 days after its last save (shown to the person, pushed back at each save). */
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Someone else saved, submitted or moved the démarche since it was read. */
export class StaleDemarcheError extends Error {
  constructor(readonly demarcheId: string) {
    super(`démarche ${demarcheId} changed since it was read`);
    this.name = 'StaleDemarcheError';
  }
}

/** An event caused by the wrong side (a person deciding, an agent submitting): a programming error. */
export class WrongActorError extends Error {
  constructor(
    readonly event: DemarcheEvent,
    readonly actorKind: string,
  ) {
    super(`démarche: event "${event}" cannot be caused by a ${actorKind}`);
    this.name = 'WrongActorError';
  }
}

/**
 * The prestation of the catalogue a slug names, if it is asked for online with a brouillon;
 * undefined otherwise (asked elsewhere, or declared on a page of its own such as the separation).
 */
export function onlinePrestation(slug: string | null | undefined): Prestation | undefined {
  const p = findPrestation(slug);
  return p?.online && !p.declaredAt ? p : undefined;
}

type Db = Kysely<Database>;

/** Runs `work` in a transaction, or in the caller's one when `db` is already a transaction. */
function atomically<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function parse(row: Selectable<DemarchesTable>): Demarche {
  return { ...row, answers: JSON.parse(row.answers) as Answers };
}

export interface NewDraft {
  accountId: string;
  prestation: string;
  householdId?: string | null;
  now: number;
}

/**
 * The brouillon of an account for a prestation: the one already started (not expired), or a new
 * one with the first line of its history. Undefined when the slug is not a prestation asked for
 * online. An expired brouillon is deleted first (the person starts again cleanly). Safe inside a
 * transaction on PostgreSQL: a clash (two logins, two tabs) is `on conflict do nothing`.
 */
export async function createDraft(db: Db, d: NewDraft): Promise<Demarche | undefined> {
  const p = onlinePrestation(d.prestation);
  if (!p) return undefined;
  return atomically(db, async (trx) => {
    await trx
      .deleteFrom('demarches')
      .where('account_id', '=', d.accountId)
      .where('prestation', '=', p.slug)
      .where('status', '=', 'brouillon')
      .where('expires_at', '<=', d.now)
      .execute();
    const id = randomToken(16);
    const inserted = await trx
      .insertInto('demarches')
      .values({
        id,
        account_id: d.accountId,
        prestation: p.slug,
        status: demarcheMachine.initial,
        answers: '{}',
        version: 1,
        household_id: d.householdId ?? null,
        reference: null,
        submitted_at: null,
        expires_at: d.now + DRAFT_TTL_MS,
        created_at: d.now,
        updated_at: d.now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await trx
        .insertInto('demarche_events')
        .values({
          demarche_id: id,
          seq: 1,
          at: d.now,
          event: 'create',
          from_status: null,
          to_status: 'brouillon',
          actor_kind: 'person',
          actor_id: d.accountId,
          reason: null,
        })
        .execute();
    }
    const row = await trx
      .selectFrom('demarches')
      .selectAll()
      .where('account_id', '=', d.accountId)
      .where('prestation', '=', p.slug)
      .where('status', '=', 'brouillon')
      .executeTakeFirstOrThrow();
    return parse(row);
  });
}

/** @deprecated name kept for the sign-in and registration hooks: a brouillon for the prestation chosen. */
export function startDemarche(db: Db, accountId: string, slug: string, now: number): Promise<Demarche | undefined> {
  return createDraft(db, { accountId, prestation: slug, now });
}

export async function findDemarche(db: Db, id: string): Promise<Demarche | undefined> {
  const row = await db.selectFrom('demarches').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? parse(row) : undefined;
}

/** A brouillon past its expiry: kept in the database until swept, shown to nobody. */
export function isExpiredDraft(d: Pick<Demarche, 'status' | 'expires_at'>, now: number): boolean {
  return d.status === 'brouillon' && d.expires_at !== null && d.expires_at <= now;
}

export interface SaveAnswers {
  id: string;
  /** the version the answers were read at */
  version: number;
  answers: Answers;
  now: number;
}

/**
 * Replaces a brouillon's answers (the whole set the form engine holds) and pushes back its expiry.
 * Throws StaleDemarcheError when the version is not the current one, or the démarche is no longer a
 * live brouillon (sent from another device, expired, deleted).
 */
export async function saveAnswers(db: Db, s: SaveAnswers): Promise<Demarche> {
  const row = await db
    .updateTable('demarches')
    .set({ answers: JSON.stringify(s.answers), version: s.version + 1, updated_at: s.now, expires_at: s.now + DRAFT_TTL_MS })
    .where('id', '=', s.id)
    .where('version', '=', s.version)
    .where('status', '=', 'brouillon')
    .where('expires_at', '>', s.now)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new StaleDemarcheError(s.id);
  return parse(row);
}

export interface Transition {
  id: string;
  event: DemarcheEvent;
  actor: DemarcheActor;
  /** why (the pièce asked, the motif): required for request_documents, refuse and close */
  reason?: string | null;
  now: number;
  /** when given, the transition happens only if the démarche is still at this version */
  version?: number;
}

/**
 * Moves a démarche by one event of the machine and writes its history row, atomically.
 * Throws WrongStateError (the event is not allowed in the current status), WrongActorError (this
 * side may not cause it), StaleDemarcheError (changed meanwhile; for a submission also: not the
 * author's, or expired), or Error for a missing reason or démarche.
 */
export async function transitionDemarche(
  db: Db,
  t: Transition,
  extra: Partial<Pick<DemarchesTable, 'household_id'>> = {},
): Promise<Demarche> {
  const reason = t.reason?.trim() || null;
  if (REASON_REQUIRED.has(t.event) && !reason) throw new Error(`démarche: event "${t.event}" needs a reason`);
  return atomically(db, async (trx) => {
    const current = await findDemarche(trx, t.id);
    if (!current) throw new Error(`démarche ${t.id} not found`);
    if (t.version !== undefined && current.version !== t.version) throw new StaleDemarcheError(t.id);
    if (EVENT_ACTOR[t.event] !== t.actor.kind) throw new WrongActorError(t.event, t.actor.kind);
    if (t.event === 'submit' && (t.actor.id !== current.account_id || isExpiredDraft(current, t.now))) throw new StaleDemarcheError(t.id);
    const to = demarcheMachine.next(current.status, t.event);
    const submitted = t.event === 'submit' ? { reference: newReference(t.now), submitted_at: t.now, expires_at: null } : {};
    const row = await trx
      .updateTable('demarches')
      .set({ status: to, version: current.version + 1, updated_at: t.now, ...submitted, ...extra })
      .where('id', '=', t.id)
      .where('version', '=', current.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new StaleDemarcheError(t.id);
    const last = await trx
      .selectFrom('demarche_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('demarche_id', '=', t.id)
      .executeTakeFirst();
    await trx
      .insertInto('demarche_events')
      .values({
        demarche_id: t.id,
        seq: Number(last?.seq ?? 0) + 1,
        at: t.now,
        event: t.event,
        from_status: current.status,
        to_status: to,
        actor_kind: t.actor.kind,
        actor_id: t.actor.id,
        reason,
      })
      .execute();
    return parse(row);
  });
}

export interface Submission {
  id: string;
  accountId: string;
  version: number;
  householdId?: string | null;
  now: number;
}

/** The person sends their brouillon: status envoyée, a reference number, the time of submission. */
export function submitDemarche(db: Db, s: Submission): Promise<Demarche> {
  const extra = s.householdId !== undefined ? { household_id: s.householdId } : {};
  return transitionDemarche(
    db,
    { id: s.id, event: 'submit', actor: { kind: 'person', id: s.accountId }, now: s.now, version: s.version },
    extra,
  );
}

/**
 * A declaration sent at once (« Déclarer une séparation », src/household): a démarche born
 * envoyée, with its reference and the two first lines of its history (created, sent by the
 * person), so that it appears in « Mes démarches » and the Caf's list like any request.
 */
export async function recordDeclaration(
  db: Db,
  accountId: string,
  slug: string,
  now: number,
  householdId: string | null = null,
): Promise<Demarche> {
  return atomically(db, async (trx) => {
    const id = randomToken(16);
    const row = await trx
      .insertInto('demarches')
      .values({
        id,
        account_id: accountId,
        prestation: slug,
        status: 'envoyee',
        answers: '{}',
        version: 2,
        household_id: householdId,
        reference: newReference(now),
        submitted_at: now,
        expires_at: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const line = { demarche_id: id, at: now, actor_kind: 'person' as const, actor_id: accountId, reason: null };
    await trx
      .insertInto('demarche_events')
      .values([
        { ...line, seq: 1, event: 'create', from_status: null, to_status: 'brouillon' },
        { ...line, seq: 2, event: 'submit', from_status: 'brouillon', to_status: 'envoyee' },
      ])
      .execute();
    return parse(row);
  });
}

/** The history of a démarche, oldest first. */
export function demarcheHistory(db: Db, id: string): Promise<DemarcheHistoryEntry[]> {
  return db.selectFrom('demarche_events').selectAll().where('demarche_id', '=', id).orderBy('seq').execute();
}

/** The démarches a person asked for (expired brouillons left out), the latest changed first. */
export async function listDemarches(db: Db, accountId: string, now?: number): Promise<Demarche[]> {
  const rows = await db
    .selectFrom('demarches')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(parse).filter((d) => now === undefined || !isExpiredDraft(d, now));
}

/**
 * The démarches of a household: those it concerns, sent by any of its members. Brouillons are
 * their author's alone (they are shown to nobody else until sent).
 */
export async function listHouseholdDemarches(db: Db, householdId: string): Promise<Demarche[]> {
  const rows = await db
    .selectFrom('demarches')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('status', '!=', 'brouillon')
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(parse);
}

/** Deletes the brouillons past their expiry (and their history); returns how many. */
export async function deleteExpiredDrafts(db: Db, now: number): Promise<number> {
  const r = await db.deleteFrom('demarches').where('status', '=', 'brouillon').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The person who asked opened the decision (its page or its PDF): « Mon espace » no longer lists it as to read. */
export async function markDecisionRead(db: Db, d: { id: string; accountId: string; now: number }): Promise<void> {
  await db
    .updateTable('demarches')
    .set({ decision_read_at: d.now })
    .where('id', '=', d.id)
    .where('account_id', '=', d.accountId)
    .where('status', 'in', ['acceptee', 'refusee', 'classee_sans_suite'])
    .where('decision_read_at', 'is', null)
    .execute();
}
