import type { Kysely } from 'kysely';
import { findAccountById } from '../accounts/repository';
import type { Database } from '../db/schema';
import type { Answers, FormDefinition } from '../forms/definition';
import { factsSpoken } from '../forms/engine';
import { PARTNER_CIVILITY } from '../forms/words';
import type { HouseholdMember } from '../db/tables/household.table';
import { can } from '../household/permissions';
import { currentAddress, currentBankAccount, listMembers, type HouseholdActor } from '../household/repository';
import { memberName, spouse } from '../household/names';
import { listHouseholdDemarches } from './repository';
import { maskIban } from '../identity/iban';
import type { Prestation } from '../prestations/catalogue';
import { lastMonths, lastTwelveMonths, totals, type ResourcesFeed } from '../resources/feed';
import { agencyDay, deDate } from '../shared/french-time';

/**
 * « Dites-le nous une fois »: what the Caf already knows, offered in a request form to confirm.
 *
 * - Facts (`caf_…` answers, shown by `known` questions, never a field): the salaries and pensions
 *   of the last twelve months from the monthly resources feed (the person's, and the conjoint's of
 *   the dossier), the period they cover, the household as the dossier knows it, and the dossier's
 *   bank account, masked; and the conjoint's civilité, for the words of the form (« votre conjointe »). Recomputed at each page shown, saved and sent, so that a change (a new
 *   bank account through the protected change) is what the form shows.
 * - Prefill: values the dossier knows for ordinary questions (the address, the number of children),
 *   shown in the fields while the person has not answered; they confirm by « Continuer ».
 *
 * The dossier's facts are offered only to those who manage it, for a prestation of the household.
 */
export interface KnownDeps {
  db: Kysely<Database>;
  now(): number;
  /** absent: the feed knows nothing (the form asks) */
  resources?: ResourcesFeed | undefined;
}

export const CAF_PREFIX = 'caf_';

const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthWords = (ym: string) => MONTH.format(Date.parse(`${ym}-01T00:00:00Z`));

function managesDossier(actor: HouseholdActor, p: Prestation | undefined, now: number): boolean {
  return !!actor.dossier && p?.requester === 'household' && can(actor, 'manage_dossier', agencyDay(now)).allowed;
}

const ROLE_WORDS: Record<HouseholdMember['role'], (m: HouseholdMember) => string> = {
  responsable: () => 'responsable du dossier',
  conjoint: (m) => spouse(m.civility),
  enfant: () => 'enfant',
  personne_a_charge: () => 'personne à charge',
};

/**
 * The facts a form shows (the ids of its `known` questions) and those its words use (the partner's
 * civilité, src/forms/words.ts): only these are looked up and kept.
 */
function factsShown(form: FormDefinition | undefined): Set<string> {
  if (!form) return new Set();
  return new Set([
    ...form.sections.flatMap((s) => s.pages.flatMap((p) => p.questions.filter((q) => q.type === 'known').map((q) => q.id))),
    ...factsSpoken(form),
  ]);
}

/** The facts of the Caf for this person's request (`caf_…` keys; absent: unknown), those its form shows only. */
export async function cafFacts(
  d: KnownDeps,
  actor: HouseholdActor,
  p: Prestation | undefined,
  form: FormDefinition | undefined,
): Promise<Answers> {
  const shown = factsShown(form);
  if (shown.size === 0) return {};
  const facts = await allFacts(d, actor, p, shown);
  return Object.fromEntries(Object.entries(facts).filter(([k]) => shown.has(k)));
}

/** The two adults a request asks about: the person, and their conjoint of the dossier (for who manages it). */
async function adultsOf(d: KnownDeps, actor: HouseholdActor, p: Prestation | undefined) {
  const account = await findAccountById(d.db, actor.accountId);
  const manages = managesDossier(actor, p, d.now());
  const members = manages && actor.dossier ? await listMembers(d.db, actor.dossier.householdId) : [];
  const me = members.find((m) => m.id === actor.dossier?.memberId);
  const partnerRole = me?.role === 'responsable' ? 'conjoint' : me?.role === 'conjoint' ? 'responsable' : undefined;
  const conjoint = partnerRole ? members.find((m) => m.role === partnerRole) : undefined;
  return { account, manages, members, conjoint };
}

async function allFacts(d: KnownDeps, actor: HouseholdActor, p: Prestation | undefined, shown: Set<string>): Promise<Answers> {
  const facts: Answers = {};
  const now = d.now();
  const { from, to } = lastTwelveMonths(agencyDay(now));
  facts.caf_periode = `${deDate(monthWords(from))} à ${monthWords(to)}`;
  // The months a request of the last three months' resources names: « septembre 2026 »…
  for (const [n, month] of lastMonths(agencyDay(now), 3)) facts[`caf_mois_${n}`] = monthWords(month);
  const { account, manages, members, conjoint } = await adultsOf(d, actor, p);
  const feed = async (nir: string | null | undefined, who: 'vous' | 'conjoint') => {
    if (!nir || !d.resources || !shown.has(`caf_salaires_${who}`)) return;
    const months = await d.resources.monthly(nir, from, to);
    if (!months) return;
    const t = totals(months);
    facts[`caf_salaires_${who}`] = t.salaries;
    facts[`caf_pensions_${who}`] = t.pensions;
  };
  await feed(account?.nir, 'vous');
  await feed(conjoint?.nir, 'conjoint');
  // « votre conjointe », « votre conjoint »: the partner the dossier knows (unknown: « conjoint(e) »)
  if (conjoint) facts[PARTNER_CIVILITY] = conjoint.civility;
  if (!manages || !actor.dossier) return facts;
  facts.caf_foyer = members.map((m) => `${memberName(m)} (${ROLE_WORDS[m.role](m)})`).join(', ');
  const bank = await currentBankAccount(d.db, actor.dossier.householdId);
  if (bank) facts.caf_compte = `${maskIban(bank.iban)}, au nom de ${bank.holder}`;
  return facts;
}

/** The answers with the facts of the Caf replaced by today's. */
export function withFacts(answers: Answers, facts: Answers): Answers {
  const out: Answers = {};
  for (const [k, v] of Object.entries(answers)) if (!k.startsWith(CAF_PREFIX)) out[k] = v;
  return { ...out, ...facts };
}

/**
 * The salaries the monthly resources feed knows of each of the last three months, for the questions
 * of a form that asks them month by month (`salaires_vous_m3`…): the person's, and their conjoint's
 * of the dossier for who manages it.
 */
async function monthlySalaries(d: KnownDeps, actor: HouseholdActor, p: Prestation | undefined, form: FormDefinition | undefined) {
  const asked = new Set(form?.sections.flatMap((s) => s.pages.flatMap((pg) => pg.questions.map((q) => q.id))) ?? []);
  const out: Answers = {};
  if (!d.resources || !asked.has('salaires_vous_m1')) return out;
  const months = lastMonths(agencyDay(d.now()), 3);
  const { account, conjoint } = await adultsOf(d, actor, p);
  for (const [who, nir] of [
    ['vous', account?.nir],
    ['conjoint', conjoint?.nir],
  ] as const) {
    if (!nir) continue;
    const known = await d.resources.monthly(nir, months.at(-1)![1], months[0]![1]);
    for (const [n, month] of months) {
      const m = known?.find((x) => x.month === month);
      if (m) out[`salaires_${who}_m${n}`] = m.salaries;
    }
  }
  return out;
}

/** Values the dossier knows for ordinary questions, by question id (shown while not answered). */
export async function dossierPrefill(
  d: KnownDeps,
  actor: HouseholdActor,
  p: Prestation | undefined,
  form?: FormDefinition,
): Promise<Answers> {
  const salaries = await monthlySalaries(d, actor, p, form);
  if (!managesDossier(actor, p, d.now()) || !actor.dossier) return salaries;
  const out: Answers = { ...salaries };
  const address = await currentAddress(d.db, actor.dossier.householdId);
  if (address) {
    out.adresse = address.line1;
    if (address.line2) out.complement = address.line2;
    out.code_postal = address.postal_code;
    out.commune = address.city;
  }
  const members = await listMembers(d.db, actor.dossier.householdId);
  out.enfants_a_charge = members.filter((m) => m.role === 'enfant').length;
  const situation = await lastSituation(d, actor.dossier.householdId, members);
  if (situation) out.situation_familiale = situation;
  return out;
}

const COUPLES = ['marie', 'pacse', 'concubinage'];

/**
 * The situation familiale the household last gave in a request sent to the Caf, when the dossier
 * still agrees with it (a conjoint in the dossier, and a couple declared — or neither): the dossier
 * itself does not say whether a couple is married, pacsé or in union libre.
 */
async function lastSituation(d: KnownDeps, householdId: string, members: readonly HouseholdMember[]): Promise<string | undefined> {
  const couple = members.some((m) => m.role === 'conjoint');
  for (const sent of await listHouseholdDemarches(d.db, householdId)) {
    const said = sent.answers.situation_familiale;
    if (typeof said === 'string') return COUPLES.includes(said) === couple ? said : undefined;
  }
  return undefined;
}
