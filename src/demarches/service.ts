import type { Kysely } from 'kysely';
import type { Account } from '../accounts/repository';
import type { Database } from '../db/schema';
import type { Answers, FormDefinition } from '../forms/definition';
import {
  answerKey,
  firstIncomplete,
  findPage,
  isPageOf,
  nextPage,
  readPage,
  relevantAnswers,
  type FieldProblem,
  type PageInstance,
} from '../forms/engine';
import type { Input } from '../forms/fields';
import { agencyDay } from '../shared/french-time';
import { formOf } from '../forms/definitions';
import { whoCan } from '../household/who';
import type { HouseholdActor } from '../household/repository';
import { can } from '../household/permissions';
import { enqueueMessage } from '../messaging/outbox';
import { findPrestation, requestAction, type Prestation } from '../prestations/catalogue';
import type { ResourcesFeed } from '../resources/feed';
import { cafFacts, dossierPrefill, withFacts } from './known';
import { receiptMessage } from './messages';
import {
  StaleDemarcheError,
  createDraft,
  findDemarche,
  isExpiredDraft,
  listDemarches,
  listHouseholdDemarches,
  onlinePrestation,
  saveAnswers,
  submitDemarche,
  type Demarche,
} from './repository';

/**
 * The person's side of a démarche, for pages and JSON alike: start a request (if their place in the
 * household allows it), save a page of answers, submit, and see their démarches and, for those who
 * manage the dossier, the household's. Each takes the person's `actor` as the request read it
 * (findActor, once per request, by the route): rights are read afresh at each request, never cached.
 */
export interface Deps {
  db: Kysely<Database>;
  now(): number;
  /** the monthly resources feed (absent: it knows nothing, the forms ask) */
  resources?: ResourcesFeed | undefined;
}

export type Refusal =
  | { kind: 'not_found' }
  /** the person's place in the household does not allow it: who may (French) */
  | { kind: 'forbidden'; who: string }
  /** the brouillon expired (or was sent from another device) */
  | { kind: 'gone' };

export function requestable(slug: string): { prestation: Prestation; form: FormDefinition | undefined } | undefined {
  const p = onlinePrestation(slug);
  return p ? { prestation: p, form: formOf(p.slug) } : undefined;
}

/** May this person ask for this prestation today? */
export function mayRequest(actor: HouseholdActor, p: Prestation, now: number): { allowed: true } | { allowed: false; who: string } {
  return can(actor, requestAction(p), agencyDay(now));
}

/** « Faire la demande »: the brouillon of this prestation (the one started, or a new one). */
export async function startRequest(
  d: Deps,
  actor: HouseholdActor,
  slug: string,
): Promise<{ ok: true; demarche: Demarche } | { ok: false; refusal: Refusal }> {
  const r = requestable(slug);
  if (!r) return { ok: false, refusal: { kind: 'not_found' } };
  const decision = mayRequest(actor, r.prestation, d.now());
  if (!decision.allowed) return { ok: false, refusal: { kind: 'forbidden', who: await whoCan(d.db, actor, requestAction(r.prestation)) } };
  const householdId = r.prestation.requester === 'household' ? (actor.dossier?.householdId ?? null) : null;
  const demarche = await createDraft(d.db, { accountId: actor.accountId, prestation: r.prestation.slug, householdId, now: d.now() });
  return demarche ? { ok: true, demarche } : { ok: false, refusal: { kind: 'not_found' } };
}

export interface DemarcheAccess {
  demarche: Demarche;
  /** the person asked for it (may change and send a brouillon); otherwise they see it as a manager of the household */
  own: boolean;
  prestation: Prestation | undefined;
  form: FormDefinition | undefined;
}

/**
 * A démarche as this person may see it: their own (a live brouillon or sent), or a sent démarche of
 * their household when they may follow the household's démarches. Undefined otherwise — the same
 * answer as for an id that does not exist.
 */
export async function accessDemarche(d: Deps, actor: HouseholdActor, id: string): Promise<DemarcheAccess | undefined> {
  const demarche = await findDemarche(d.db, id);
  if (!demarche || isExpiredDraft(demarche, d.now())) return undefined;
  const view = { demarche, prestation: findPrestation(demarche.prestation), form: formOf(demarche.prestation) };
  if (demarche.account_id === actor.accountId) return { ...view, own: true };
  if (demarche.status === 'brouillon' || !demarche.household_id || !sharedWithHousehold(demarche)) return undefined;
  if (actor.dossier?.householdId !== demarche.household_id || !can(actor, 'view_household_demarches', agencyDay(d.now())).allowed)
    return undefined;
  return { ...view, own: false };
}

/** The brouillon this person may fill, with its form; undefined when it is not theirs, not a brouillon, or has no form. */
export async function ownDraft(
  d: Deps,
  actor: HouseholdActor,
  id: string,
): Promise<(DemarcheAccess & { form: FormDefinition }) | undefined> {
  const a = await accessDemarche(d, actor, id);
  if (!a || !a.own || a.demarche.status !== 'brouillon' || !a.form) return undefined;
  return a as DemarcheAccess & { form: FormDefinition };
}

/**
 * The brouillon this person may fill AND is still allowed to send: a brouillon of a household
 * prestation is the household's, so saving a page asks `can()` the same action as sending it
 * (a conjoint whose procuration was revoked can no longer change it; rights as read for this request).
 */
async function draftToFill(
  d: Deps,
  actor: HouseholdActor,
  id: string,
): Promise<
  | { ok: true; draft: DemarcheAccess & { form: FormDefinition; prestation: Prestation }; actor: HouseholdActor }
  | { ok: false; refusal: Refusal }
> {
  const a = await ownDraft(d, actor, id);
  if (!a?.prestation) return { ok: false, refusal: { kind: 'gone' } };
  const decision = mayRequest(actor, a.prestation, d.now());
  if (!decision.allowed) return { ok: false, refusal: { kind: 'forbidden', who: await whoCan(d.db, actor, requestAction(a.prestation)) } };
  return { ok: true, draft: a as DemarcheAccess & { form: FormDefinition; prestation: Prestation }, actor };
}

export type StepOutcome =
  | { ok: true; demarche: Demarche; next: PageInstance | undefined }
  | { ok: false; problems: FieldProblem[] }
  /**
   * A page of the form that does not apply to this request given its answers (the conjoint's of a
   * person alone…): nothing saved; where the request stands is `resume` (undefined: every page is
   * filled, the recap comes next).
   */
  | { ok: false; notApplicable: true; resume: PageInstance | undefined }
  | { ok: false; refusal: Refusal };

/**
 * Saves one page of a brouillon (if the person may still send it: `draftToFill`): read and checked by the form engine, merged into the answers and
 * saved with the version read (a save from another tab or device in between is re-read and merged
 * again: pages are independent, nothing typed is lost). `version`, when given (JSON clients),
 * must be the current one: a conflict is then reported instead of merged.
 */
export async function saveStep(
  d: Deps,
  actor: HouseholdActor,
  id: string,
  pageKey: string,
  input: Input,
  version?: number,
): Promise<StepOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const allowed = await draftToFill(d, actor, id);
    if (!allowed.ok) return allowed;
    const a = allowed.draft;
    // What the Caf knows today (src/demarches/known.ts), never what the person sends under its keys.
    const current = withFacts(a.demarche.answers, await cafFacts(d, allowed.actor, a.prestation, a.form));
    const inst = findPage(a.form, current, pageKey);
    if (!inst && isPageOf(a.form, pageKey))
      return { ok: false, notApplicable: true, resume: firstIncomplete(a.form, current, agencyDay(d.now())) };
    if (!inst) return { ok: false, refusal: { kind: 'not_found' } };
    const reading = readPage(inst, input, current, agencyDay(d.now()));
    if (reading.problems.length) return { ok: false, problems: reading.problems };
    const pageKeys = new Set(inst.page.questions.map((q) => answerKey(q, inst.copy)));
    const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !pageKeys.has(k)));
    const answers = { ...kept, ...Object.fromEntries(Object.entries(reading.values).filter(([, v]) => v !== undefined)) };
    try {
      const saved = await saveAnswers(d.db, { id, version: version ?? a.demarche.version, answers, now: d.now() });
      return { ok: true, demarche: saved, next: nextPage(a.form, saved.answers, pageKey) };
    } catch (e) {
      if (!(e instanceof StaleDemarcheError) || version !== undefined) throw e;
    }
  }
  throw new StaleDemarcheError(id);
}

/**
 * A brouillon as the form shows it today: its answers with the Caf's facts of today
 * (src/demarches/known.ts), and the values the dossier offers for questions not answered yet.
 */
export async function draftWithFacts<T extends DemarcheAccess>(
  d: Deps,
  actor: HouseholdActor,
  a: T,
): Promise<{ draft: T; prefill: Answers }> {
  const answers = withFacts(a.demarche.answers, await cafFacts(d, actor, a.prestation, a.form));
  return { draft: { ...a, demarche: { ...a.demarche, answers } }, prefill: await dossierPrefill(d, actor, a.prestation, a.form) };
}

/** Where « Reprendre » leads: the first page still to fill, or the recap when all is done. */
export function resumeAt(form: FormDefinition, demarche: Demarche, now: number): PageInstance | undefined {
  return firstIncomplete(form, demarche.answers, agencyDay(now));
}

export type SubmitOutcome =
  | { ok: true; demarche: Demarche }
  | { ok: false; refusal: Refusal }
  | { ok: false; incomplete: PageInstance }
  | { ok: false; declaration: true };

/**
 * Sends a brouillon: every page complete, the déclaration sur l'honneur ticked, the person still
 * allowed to ask (`actor` as read for this request). Only the answers that apply are kept; the accusé de
 * réception goes through the outbox in the same transaction.
 */
export async function submitRequest(
  d: Deps,
  account: Pick<Account, 'id' | 'contact_kind' | 'contact_value'>,
  actor: HouseholdActor,
  id: string,
  o: { declaration: boolean; version?: number; agencyPhone: string },
): Promise<SubmitOutcome> {
  if (actor.accountId !== account.id) throw new Error('submitRequest: the actor is not the account sending');
  const allowed = await draftToFill(d, actor, id);
  if (!allowed.ok) return allowed;
  const { draft } = allowed;
  const a = {
    ...draft,
    demarche: { ...draft.demarche, answers: withFacts(draft.demarche.answers, await cafFacts(d, actor, draft.prestation, draft.form)) },
  };
  const missing = resumeAt(a.form, a.demarche, d.now());
  if (missing) return { ok: false, incomplete: missing };
  if (!o.declaration) return { ok: false, declaration: true };
  const householdId = a.prestation.requester === 'household' ? (actor.dossier?.householdId ?? null) : null;
  const prestation = a.prestation;
  const form = a.form;
  const demarche = await d.db.transaction().execute(async (trx) => {
    const pruned = await saveAnswers(trx, {
      id,
      version: o.version ?? a.demarche.version,
      answers: relevantAnswers(form, a.demarche.answers),
      now: d.now(),
    });
    const sent = await submitDemarche(trx, { id, accountId: account.id, version: pruned.version, householdId, now: d.now() });
    await enqueueMessage(trx, receiptMessage(account, prestation, sent, o.agencyPhone), d.now());
    return sent;
  });
  return { ok: true, demarche };
}

/**
 * Whether the household's managers may see another member's sent démarche. A separation
 * declaration never: it may come with violence, and the couple is told only what the Caf
 * confirmed, by its own message (src/demarches/separation.ts) — never who declared it, nor where
 * they live now.
 */
export function sharedWithHousehold(d: Pick<Demarche, 'prestation'>): boolean {
  return d.prestation !== 'declaration-separation';
}

/** « Mes démarches »: the person's own, and the household's sent démarches for those who manage the dossier. */
export async function demarchesOf(d: Deps, actor: HouseholdActor): Promise<{ own: Demarche[]; household: Demarche[] }> {
  const { accountId } = actor;
  const own = await listDemarches(d.db, accountId, d.now());
  const householdId = actor.dossier?.householdId;
  if (!householdId || !can(actor, 'view_household_demarches', agencyDay(d.now())).allowed) return { own, household: [] };
  const household = (await listHouseholdDemarches(d.db, householdId)).filter((x) => x.account_id !== accountId && sharedWithHousehold(x));
  return { own, household };
}
