/**
 * NIR (numéro d'inscription au répertoire, « numéro de sécurité sociale »).
 *
 * Layout of the 13-character body, then the 2-digit key:
 *
 *   S YY MM PPPPP OOO KK
 *   │ │  │  │     │   └ key = 97 − (body mod 97), with 2A → 19 and 2B → 18: always 01–97
 *   │ │  │  │     └ order number 001–999
 *   │ │  │  └ birth place as coded *at the time of birth* (see below)
 *   │ │  └ month 01–12, or 20, 30–42, 50–99 when the month is unknown (incomplete civil status)
 *   │ └ last two digits of the birth year
 *   └ 1 man, 2 woman; 3/4 and 7/8 (man/woman) for provisional or waiting numbers
 *
 * Birth place (positions 6–10):
 * - metropolitan France: département (01–95, 20 for Corsica before 1976, 2A/2B since 1976) + commune;
 *   the code in force at birth: e.g. 75044 for Levallois-Perret before 1968 (Seine), 92044 after;
 * - overseas: 97x or 98x + 2 digits (971 Guadeloupe … 976 Mayotte, 985xx for Mayotte before 2008, 98x
 *   for the Pacific collectivités);
 * - abroad: 99 + the INSEE country code (99134 Spain…), including countries that no longer exist;
 * - Algeria, Morocco and Tunisia before independence: a birth there may carry, instead of 99 + country,
 *   a specific code: 91, 92, 93 or 94 for Algeria (its French départements, until independence on
 *   1962-07-03, the date France recognised it), 95 for Morocco (protectorate until 1956-03-02) and 96
 *   for Tunisia (protectorate until 1956-03-20). 91–95 were reused from 1968 for the new Île-de-France
 *   départements (Essonne, Hauts-de-Seine, Seine-Saint-Denis, Val-de-Marne, Val-d'Oise), so the birth
 *   date tells which is meant; a birth in 91–94 between mid-1962 and 1967 (or in 95 between 1956 and
 *   1967, or in 96 after 1956) fits neither.
 *
 * Strictness: rules that only need the number are errors. Rules that depend on the full birth date
 * (Corsica 20 vs 2A/2B, former colonies) are errors when the civil status gives the birth date,
 * and warnings otherwise (the NIR only has a 2-digit year). A commune code unknown to our INSEE data
 * is a warning, never an error: the NIR is certified by INSEE and our data may lag behind.
 */
import { fail, ok, type IdentityWarning, type Result } from './result';
import { communeInForceBetween, departementCodeOf, findCommune, findCountry, sameCommuneLineage, type CountryPlace } from './places';

export type NirSex = 'M' | 'F';
export type NirKind = 'certified' | 'provisional';
export type NirPlaceKind = 'commune' | 'overseas' | 'abroad' | 'former-colony';

export type BirthPlace = { kind: 'commune'; code: string } | { kind: 'country'; code: string };

export interface NirCivilStatus {
  sex?: NirSex;
  /** YYYY-MM-DD */
  birthDate?: string;
  birthPlace?: BirthPlace;
}

export interface ParsedNir {
  /** Normalised: 15 characters, upper case (the key is computed when 13 were given). */
  nir: string;
  /** The 13 characters before the key. */
  body: string;
  sex: NirSex;
  kind: NirKind;
  /** Last two digits of the birth year. */
  year: number;
  /** 1–12, or null when the NIR says the month is unknown. */
  month: number | null;
  monthUnknown: boolean;
  /** 5 characters: '75056', '2A004', '97411', '99134', '91352'… */
  placeCode: string;
  placeKind: NirPlaceKind;
  placeName?: string;
  /** Order number 1–999. */
  order: number;
  /** Two digits, '01'–'97'. */
  key: string;
  warnings: IdentityWarning[];
}

const SEPARATORS = /[\s.\-‐‑‒–—_]/g;
const SHAPE = /^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const OVERSEAS_DEPARTEMENTS = new Set(['971', '972', '973', '974', '975', '976', '977', '978', '984', '985', '986', '987', '988', '989']);

/** Former colonies: code → country, INSEE country code, last day of the French period (exclusive). */
const FORMER_COLONIES: Record<string, { country: string; countryCode: string; until: string; label: string }> = {
  '91': { country: 'Algérie', countryCode: '99352', until: '1962-07-03', label: 'Algérie (avant l’indépendance, 1962)' },
  '92': { country: 'Algérie', countryCode: '99352', until: '1962-07-03', label: 'Algérie (avant l’indépendance, 1962)' },
  '93': { country: 'Algérie', countryCode: '99352', until: '1962-07-03', label: 'Algérie (avant l’indépendance, 1962)' },
  '94': { country: 'Algérie', countryCode: '99352', until: '1962-07-03', label: 'Algérie (avant l’indépendance, 1962)' },
  '95': { country: 'Maroc', countryCode: '99350', until: '1956-03-02', label: 'Maroc (avant l’indépendance, 1956)' },
  '96': { country: 'Tunisie', countryCode: '99351', until: '1956-03-20', label: 'Tunisie (avant l’indépendance, 1956)' },
};
const ILE_DE_FRANCE_1968 = '1968-01-01';
const CORSICA_SPLIT = '1976-01-01';

const MSG = {
  empty: 'Saisissez votre numéro de sécurité sociale.',
  length: 'Le numéro de sécurité sociale comporte 13 chiffres, suivis d’une clé de 2 chiffres (15 caractères en tout).',
  chars: 'Le numéro de sécurité sociale ne contient que des chiffres (et 2A ou 2B pour une naissance en Corse). Vérifiez votre saisie.',
  sex: 'Le premier chiffre du numéro de sécurité sociale doit être 1 (homme) ou 2 (femme).',
  month: 'Le mois de naissance (4e et 5e chiffres du numéro de sécurité sociale) n’est pas valide. Vérifiez votre saisie.',
  place: 'Le lieu de naissance (6e au 10e caractère du numéro de sécurité sociale) n’est pas valide. Vérifiez votre saisie.',
  country: 'Le code du pays de naissance (99 suivi de 3 chiffres) n’existe pas. Vérifiez votre numéro de sécurité sociale.',
  order: 'Le numéro d’ordre (11e au 13e chiffre du numéro de sécurité sociale) ne peut pas être 000. Vérifiez votre saisie.',
  key: 'La clé du numéro de sécurité sociale ne correspond pas. Vérifiez les 2 derniers chiffres.',
} as const;

function normalise(input: string): string {
  return input.replace(SEPARATORS, '').toUpperCase();
}

function numericBody(body: string): number {
  // INSEE rule: the Corsican départements 2A and 2B count as 19 and 18 in the key computation.
  const digits =
    body.slice(0, 5) + (body.slice(5, 7) === '2A' ? '19' : body.slice(5, 7) === '2B' ? '18' : body.slice(5, 7)) + body.slice(7);
  return Number(digits); // < 10^13 < 2^53: exact
}

/**
 * The key (two digits, '01'–'97') of a 13-character NIR body. Separators and lower case are accepted.
 * Throws a RangeError when the input is not a 13-character body.
 */
export function nirKey(thirteen: string): string {
  const body = normalise(thirteen);
  if (body.length !== 13 || !SHAPE.test(body)) throw new RangeError('nirKey expects the 13 characters of a NIR body');
  return String(97 - (numericBody(body) % 97)).padStart(2, '0');
}

/** '1 84 12 75 056 123 45' (or without the key for a 13-character input). Other input is returned trimmed. */
/**
 * The NIR the forms give as an example: well formed, with its right key, and nobody's — no demo
 * person, no FranceConnect stand-in citizen (a test checks it), so no one types a real person's.
 */
export const EXAMPLE_NIR = '2 84 12 76 451 089 93';

export function formatNir(nir: string): string {
  const n = normalise(nir);
  if (!SHAPE.test(n)) return nir.trim();
  const parts = [n.slice(0, 1), n.slice(1, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7, 10), n.slice(10, 13)];
  if (n.length === 15) parts.push(n.slice(13, 15));
  return parts.join(' ');
}

/** For logs: only sex, year and month are kept: '1 84 12 ** *** *** **'. */
export function maskNir(nir: string): string {
  const n = normalise(nir);
  if (!SHAPE.test(n)) return '* ** ** ** *** *** **';
  return `${n.slice(0, 1)} ${n.slice(1, 3)} ${n.slice(3, 5)} ** *** *** **`;
}

// ---------------------------------------------------------------------------------------------

interface BirthTiming {
  /** Full date when the civil status gives it. */
  date?: string;
  /** Candidate full years (19yy and/or 20yy, not in the future). */
  years: number[];
}

function spans(t: BirthTiming): [string, string][] {
  if (t.date) return [[t.date, t.date]];
  return t.years.map((y) => [`${y}-01-01`, `${y}-12-31`]);
}

/** Could the birth have happened on or after `from` (inclusive) and before `to` (exclusive)? */
function possibleBetween(t: BirthTiming, from: string | undefined, to: string | undefined): boolean {
  return spans(t).some(([a, b]) => (from === undefined || b >= from) && (to === undefined || a < to));
}

function departementFamily(dep: string): string {
  if (dep === '20' || dep === '2A' || dep === '2B') return 'corse';
  // The former Seine (75) and Seine-et-Oise (78) were split in 1968 into 75, 78, 91, 92, 93, 94, 95.
  if (['75', '78', '91', '92', '93', '94', '95'].includes(dep)) return 'ile-de-france';
  if (dep === '976' || dep === '985') return 'mayotte';
  if (dep === '971' || dep === '977' || dep === '978') return 'guadeloupe';
  return dep;
}

function relatedCountries(a: CountryPlace, b: CountryPlace): boolean {
  return (
    a.code === b.code ||
    a.attachedToCode === b.code ||
    b.attachedToCode === a.code ||
    a.previousCode === b.code ||
    b.previousCode === a.code ||
    (a.previousCode !== undefined && a.previousCode === b.previousCode)
  );
}

interface Place {
  kind: NirPlaceKind;
  name?: string;
  /** Rule broken that depends on the birth date: an error with a full birth date, else a warning. */
  dateProblem?: { code: string; message: string };
  warnings: IdentityWarning[];
}

function communePlace(code: string, timing: BirthTiming, kind: 'commune' | 'overseas'): Place {
  const warnings: IdentityWarning[] = [];
  let name: string | undefined;
  for (const [from, to] of spans(timing)) {
    const found = communeInForceBetween(code, from, to);
    if (found) {
      name = found.name;
      break;
    }
  }
  if (name === undefined) {
    const any = findCommune(code);
    if (any.ok) {
      name = any.value.name;
      warnings.push({
        code: 'NIR_PLACE_NOT_IN_FORCE_AT_BIRTH',
        message: `Le code commune ${code} (${any.value.name}) ne semble pas en vigueur à la date de naissance. Vérifiez votre numéro de sécurité sociale.`,
      });
    } else {
      warnings.push({
        code: 'NIR_PLACE_UNKNOWN',
        message: `Le code commune ${code} ne figure pas dans notre liste des communes. Vérifiez votre numéro de sécurité sociale.`,
      });
    }
  }
  return name === undefined ? { kind, warnings } : { kind, name, warnings };
}

function withDateProblem(place: Place, code: string, message: string): Place {
  // The date rule says it better than the generic "not in force at birth" warning.
  place.warnings = place.warnings.filter((w) => w.code !== 'NIR_PLACE_NOT_IN_FORCE_AT_BIRTH');
  place.dateProblem = { code, message };
  return place;
}

function resolvePlace(placeCode: string, timing: BirthTiming): Result<Place> {
  const dep2 = placeCode.slice(0, 2);
  if (dep2 === '99') {
    const country = findCountry(placeCode);
    if (!country.ok || placeCode === '99100') return fail('NIR_COUNTRY_UNKNOWN', MSG.country, 'nir');
    return ok({ kind: 'abroad', name: country.value.name, warnings: [] });
  }
  if (dep2 === '97' || dep2 === '98') {
    const dep3 = placeCode.slice(0, 3);
    if (!OVERSEAS_DEPARTEMENTS.has(dep3) || placeCode.slice(3) === '00') return fail('NIR_PLACE_INVALID', MSG.place, 'nir');
    return ok(communePlace(placeCode, timing, 'overseas'));
  }
  if (dep2 === '00' || placeCode.slice(2) === '000') return fail('NIR_PLACE_INVALID', MSG.place, 'nir');
  if (dep2 === '20' || dep2 === '2A' || dep2 === '2B') {
    // 20 before 1976, 2A or 2B since.
    const place = communePlace(placeCode, timing, 'commune');
    const before = dep2 === '20';
    if (!possibleBetween(timing, before ? undefined : CORSICA_SPLIT, before ? CORSICA_SPLIT : undefined)) {
      withDateProblem(
        place,
        before ? 'NIR_CORSICA_CODE_AFTER_1976' : 'NIR_CORSICA_CODE_BEFORE_1976',
        before
          ? 'Pour une naissance en Corse depuis 1976, le numéro de sécurité sociale porte 2A ou 2B, et non 20. Vérifiez votre numéro ou votre date de naissance.'
          : 'Pour une naissance en Corse avant 1976, le numéro de sécurité sociale porte 20, et non 2A ou 2B. Vérifiez votre numéro ou votre date de naissance.',
      );
    }
    return ok(place);
  }
  const colony = FORMER_COLONIES[dep2];
  if (colony) {
    const colonyPossible = possibleBetween(timing, undefined, colony.until);
    const communePossible = dep2 !== '96' && possibleBetween(timing, ILE_DE_FRANCE_1968, undefined);
    const knownCommune = dep2 !== '96' && findCommune(placeCode).ok;
    const asCommune = communePossible ? !colonyPossible || knownCommune : !colonyPossible && knownCommune;
    const place: Place = asCommune
      ? communePlace(placeCode, timing, 'commune')
      : { kind: 'former-colony', name: colony.label, warnings: [] };
    if (!colonyPossible && !communePossible) {
      withDateProblem(
        place,
        'NIR_PLACE_INVALID_FOR_DATE',
        dep2 === '96'
          ? 'Le code 96 du numéro de sécurité sociale désigne une naissance en Tunisie avant son indépendance (1956) : il ne correspond pas à la date de naissance. Vérifiez votre numéro ou votre date de naissance.'
          : `Le code ${dep2} du numéro de sécurité sociale désigne une naissance en ${colony.country} avant son indépendance, ou en Île-de-France depuis 1968 : il ne correspond pas à la date de naissance. Vérifiez votre numéro ou votre date de naissance.`,
      );
    }
    return ok(place);
  }
  return ok(communePlace(placeCode, timing, 'commune'));
}

function checkBirthPlace(parsed: ParsedNir, birthPlace: BirthPlace, warnings: IdentityWarning[]): Result<true> {
  const mismatch = (message: string): Result<true> => fail('NIR_BIRTH_PLACE_MISMATCH', message, 'birthPlace');
  const given = birthPlace.code.trim().toUpperCase();
  if (birthPlace.kind === 'country') {
    if (given === '99100') {
      // Born in France, commune not given.
      if (parsed.placeKind === 'abroad') {
        return mismatch(
          'Votre numéro de sécurité sociale indique une naissance à l’étranger, alors que le lieu de naissance indiqué est la France. Vérifiez votre numéro ou votre lieu de naissance.',
        );
      }
      if (parsed.placeKind === 'former-colony') {
        warnings.push({
          code: 'NIR_BIRTH_PLACE_FORMER_TERRITORY',
          message:
            'Votre numéro de sécurité sociale indique une naissance en Afrique du Nord avant l’indépendance. Vérifiez votre lieu de naissance.',
        });
      }
      return ok(true);
    }
    const givenCountry = findCountry(given);
    if (parsed.placeKind === 'abroad') {
      if (given === parsed.placeCode) return ok(true);
      const nirCountry = findCountry(parsed.placeCode);
      if (givenCountry.ok && nirCountry.ok && relatedCountries(givenCountry.value, nirCountry.value)) {
        warnings.push({
          code: 'NIR_BIRTH_COUNTRY_HISTORICAL',
          message: `Votre numéro de sécurité sociale indique comme pays de naissance ${nirCountry.value.name}, lié au pays indiqué (${givenCountry.value.name}) : c’est normal si le pays a changé depuis votre naissance.`,
        });
        return ok(true);
      }
      return mismatch(
        'Le pays de naissance ne correspond pas à votre numéro de sécurité sociale (6e au 10e chiffre). Vérifiez votre numéro ou votre pays de naissance.',
      );
    }
    if (parsed.placeKind === 'former-colony') {
      const colony = FORMER_COLONIES[parsed.placeCode.slice(0, 2)];
      if (colony && colony.countryCode === given) return ok(true);
      return mismatch(
        'Le pays de naissance ne correspond pas à votre numéro de sécurité sociale (6e au 10e chiffre). Vérifiez votre numéro ou votre pays de naissance.',
      );
    }
    return mismatch(
      'Votre numéro de sécurité sociale indique une naissance en France, alors qu’un pays étranger est indiqué comme lieu de naissance. Vérifiez votre numéro ou votre lieu de naissance.',
    );
  }
  // birthPlace.kind === 'commune'
  if (parsed.placeKind === 'abroad') {
    return mismatch(
      'Votre numéro de sécurité sociale indique une naissance à l’étranger, alors qu’une commune française est indiquée comme lieu de naissance. Vérifiez votre numéro ou votre lieu de naissance.',
    );
  }
  if (given === parsed.placeCode) return ok(true);
  if (parsed.placeKind === 'former-colony') {
    return mismatch(
      'La commune de naissance ne correspond pas à votre numéro de sécurité sociale (6e au 10e caractère). Vérifiez votre numéro ou votre lieu de naissance.',
    );
  }
  // Same commune under another code (Levallois 75044 → 92044, Ajaccio 20004 → 2A004, merged communes…).
  if (sameCommuneLineage(given, parsed.placeCode)) return ok(true);
  if (departementFamily(departementCodeOf(given)) === departementFamily(departementCodeOf(parsed.placeCode))) {
    // Same département (or the one it came from): most likely a merger, a split or a code change our
    // data does not show, or a homonym picked in the list. The NIR is certified by INSEE: warn only.
    warnings.push({
      code: 'NIR_BIRTH_PLACE_COMMUNE_DIFFERS',
      message:
        'La commune de naissance indiquée diffère de celle de votre numéro de sécurité sociale, dans le même département. Vérifiez votre lieu de naissance (la commune a pu fusionner ou changer de nom).',
    });
    return ok(true);
  }
  return mismatch(
    'La commune de naissance ne correspond pas à votre numéro de sécurité sociale (6e au 10e caractère). Vérifiez votre numéro ou votre lieu de naissance.',
  );
}

/**
 * Parse and check a NIR (13 characters, or 15 with the key), optionally against the civil status.
 * Spaces, dots and dashes are ignored; lower case is accepted (2a, 2b).
 */
export function parseNir(input: string, civilStatus?: NirCivilStatus): Result<ParsedNir> {
  const n = normalise(input ?? '');
  if (n === '') return fail('NIR_EMPTY', MSG.empty, 'nir');
  if (n.length !== 13 && n.length !== 15) return fail('NIR_LENGTH', MSG.length, 'nir');
  if (!SHAPE.test(n)) return fail('NIR_INVALID_CHARACTERS', MSG.chars, 'nir');

  const body = n.slice(0, 13);
  const sexDigit = body[0] as string;
  let sex: NirSex;
  let kind: NirKind = 'certified';
  if (sexDigit === '1' || sexDigit === '2') sex = sexDigit === '1' ? 'M' : 'F';
  else if (sexDigit === '3' || sexDigit === '7') {
    sex = 'M';
    kind = 'provisional';
  } else if (sexDigit === '4' || sexDigit === '8') {
    sex = 'F';
    kind = 'provisional';
  } else return fail('NIR_SEX_INVALID', MSG.sex, 'nir');

  const year = Number(body.slice(1, 3));
  const monthCode = Number(body.slice(3, 5));
  let month: number | null;
  if (monthCode >= 1 && monthCode <= 12) month = monthCode;
  else if (monthCode === 20 || (monthCode >= 30 && monthCode <= 42) || monthCode >= 50) month = null;
  else return fail('NIR_MONTH_INVALID', MSG.month, 'nir');

  const order = Number(body.slice(10, 13));
  if (order === 0) return fail('NIR_ORDER_INVALID', MSG.order, 'nir');

  // Civil-status birth date, needed for the place rules.
  let birthDate: { date: string; year: number; month: number } | undefined;
  if (civilStatus?.birthDate !== undefined) {
    const m = DATE.exec(civilStatus.birthDate.trim());
    const d = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : undefined;
    if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== civilStatus.birthDate.trim()) {
      return fail('BIRTH_DATE_INVALID', 'La date de naissance n’est pas valide (format attendu : AAAA-MM-JJ).', 'birthDate');
    }
    birthDate = { date: civilStatus.birthDate.trim(), year: Number(m[1]), month: Number(m[2]) };
  }
  const thisYear = new Date().getUTCFullYear();
  const timing: BirthTiming = birthDate
    ? { date: birthDate.date, years: [birthDate.year] }
    : { years: [1900 + year, 2000 + year].filter((y) => y <= thisYear) };

  const placeCode = body.slice(5, 10);
  const place = resolvePlace(placeCode, timing);
  if (!place.ok) return place;

  const key = String(97 - (numericBody(body) % 97)).padStart(2, '0');
  if (n.length === 15 && n.slice(13) !== key) return fail('NIR_KEY_MISMATCH', MSG.key, 'nir');

  const warnings: IdentityWarning[] = [...place.value.warnings];
  if (kind === 'provisional') {
    warnings.push({
      code: 'NIR_PROVISIONAL',
      message:
        'Ce numéro est un numéro provisoire (en attente d’immatriculation définitive). Il pourra être remplacé par votre numéro définitif.',
    });
  }

  const value: ParsedNir = {
    nir: body + key,
    body,
    sex,
    kind,
    year,
    month,
    monthUnknown: month === null,
    placeCode,
    placeKind: place.value.kind,
    order,
    key,
    warnings,
  };
  if (place.value.name !== undefined) value.placeName = place.value.name;

  // Cross-checks with the civil status.
  if (civilStatus?.sex !== undefined && civilStatus.sex !== sex) {
    return fail(
      'NIR_SEX_MISMATCH',
      'La civilité indiquée ne correspond pas au premier chiffre de votre numéro de sécurité sociale. Vérifiez votre saisie.',
      'sex',
    );
  }
  if (birthDate) {
    if (birthDate.year % 100 !== year) {
      return fail(
        'NIR_BIRTH_YEAR_MISMATCH',
        'L’année de naissance ne correspond pas à votre numéro de sécurité sociale (2e et 3e chiffres). Vérifiez votre saisie.',
        'birthDate',
      );
    }
    if (month !== null && birthDate.month !== month) {
      return fail(
        'NIR_BIRTH_MONTH_MISMATCH',
        'Le mois de naissance ne correspond pas à votre numéro de sécurité sociale (4e et 5e chiffres). Vérifiez votre saisie.',
        'birthDate',
      );
    }
  }
  if (place.value.dateProblem) {
    if (birthDate) return fail(place.value.dateProblem.code, place.value.dateProblem.message, 'birthDate');
    warnings.push({ code: place.value.dateProblem.code, message: place.value.dateProblem.message });
  }
  if (civilStatus?.birthPlace !== undefined) {
    const checked = checkBirthPlace(value, civilStatus.birthPlace, warnings);
    if (!checked.ok) return checked;
  }
  return ok(value);
}
