import type { FranceConnectIdentity } from '../../franceconnect';
import { parseNir, type NirCivilStatus } from '../../identity';
import { franceConnectFlowErrors } from './errors';
import { matchesRepertoire, type RepertoirePerson } from '../../identity/repertoire';

/**
 * Finding the NIR of a person who arrives from FranceConnect.
 *
 * FranceConnect gives a certified « identité pivot » but no NIR. The répertoire (national identity
 * registry, here a local adapter over the demo people) is searched with it: a person matches when
 * sex, birth name, first given name and birth date agree (`matchesRepertoire`) AND their NIR is
 * consistent with the pivot (sex, year and month of birth, birth place — `parseNir` against the civil
 * status). Exactly one match gives the NIR; none or several, and the person types it, checked the
 * same way.
 */
export interface RepertoireSearch {
  /** Everybody whose civil status matches the identity (in any order). */
  searchByIdentity(identity: FranceConnectIdentity): Promise<RepertoirePerson[]>;
  findByNir(nir: string): Promise<RepertoirePerson | undefined>;
}

export class LocalRepertoireSearch implements RepertoireSearch {
  constructor(private readonly people: readonly RepertoirePerson[]) {}

  async searchByIdentity(identity: FranceConnectIdentity): Promise<RepertoirePerson[]> {
    return this.people.filter((p) => personMatchesIdentity(p, identity));
  }

  async findByNir(nir: string): Promise<RepertoirePerson | undefined> {
    return this.people.find((p) => p.nir === nir);
  }
}

export function sexOf(identity: Pick<FranceConnectIdentity, 'gender'>): 'M' | 'F' {
  return identity.gender === 'male' ? 'M' : 'F';
}

/** The pivot as the NIR library's civil status (the birth date only when it is complete). */
export function nirCivilStatusOf(identity: FranceConnectIdentity): NirCivilStatus {
  const complete = !/-00/.test(identity.birthdate);
  return {
    sex: sexOf(identity),
    ...(complete ? { birthDate: identity.birthdate } : {}),
    birthPlace:
      identity.birthcountry === '99100' ? { kind: 'commune', code: identity.birthplace } : { kind: 'country', code: identity.birthcountry },
  };
}

export type NirCheck = { ok: true; nir: string } | { ok: false; code: string; message: string };

/**
 * Checks a NIR against the identity FranceConnect certified: the library's own rules and
 * cross-checks, then — for a birth date with an unknown day or month, which the library cannot
 * take — the year and the known month by hand.
 */
export function checkNirAgainstIdentity(input: string, identity: FranceConnectIdentity): NirCheck {
  const parsed = parseNir(input, nirCivilStatusOf(identity));
  if (!parsed.ok) return { ok: false, code: parsed.error.code, message: parsed.error.message };
  const [year, month] = identity.birthdate.split('-');
  if (Number(year) % 100 !== parsed.value.year) {
    return {
      ok: false,
      code: 'NIR_BIRTH_YEAR_MISMATCH',
      message: 'L’année de naissance ne correspond pas à votre numéro de sécurité sociale (2e et 3e chiffres). Vérifiez votre saisie.',
    };
  }
  if (month !== '00' && parsed.value.month !== null && parsed.value.month !== Number(month)) {
    return {
      ok: false,
      code: 'NIR_BIRTH_MONTH_MISMATCH',
      message: 'Le mois de naissance ne correspond pas à votre numéro de sécurité sociale (4e et 5e chiffres). Vérifiez votre saisie.',
    };
  }
  return { ok: true, nir: parsed.value.nir };
}

export function personMatchesIdentity(p: RepertoirePerson, identity: FranceConnectIdentity): boolean {
  const civil = { sex: sexOf(identity), birthName: identity.familyName, givenNames: identity.givenName, birthDate: identity.birthdate };
  return matchesRepertoire(p, civil) && checkNirAgainstIdentity(p.nir, identity).ok;
}

export type NirLookup = { kind: 'found'; nir: string; matches: 1 } | { kind: 'to_type'; matches: number };

/** Exactly one person of the répertoire matches: their NIR. Otherwise the person will type it. */
export async function lookUpNir(repertoire: RepertoireSearch, identity: FranceConnectIdentity): Promise<NirLookup> {
  const people = await repertoire.searchByIdentity(identity);
  const only = people.length === 1 ? people[0] : undefined;
  return only ? { kind: 'found', nir: only.nir, matches: 1 } : { kind: 'to_type', matches: people.length };
}

/**
 * A NIR typed by the person: consistent with the identity, and — when the répertoire knows it —
 * belonging to someone with this civil status (never somebody else's NIR).
 */
export async function checkTypedNir(repertoire: RepertoireSearch, input: string, identity: FranceConnectIdentity): Promise<NirCheck> {
  const checked = checkNirAgainstIdentity(input, identity);
  if (!checked.ok) return checked;
  const known = await repertoire.findByNir(checked.nir);
  if (known && !personMatchesIdentity(known, identity)) {
    return { ok: false, code: 'FC_NIR_NOT_THIS_PERSON', message: franceConnectFlowErrors.FC_NIR_NOT_THIS_PERSON.message };
  }
  return checked;
}
