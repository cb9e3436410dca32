import { errorEntry } from '../../errors/registry';
import { fieldError, type FieldError } from '../../errors/app-error';
import { findCommune, findCountry, parseNir, searchCommunes, searchCountries, type IdentityError } from '../../identity';
import { checkName, nameErrorCode, nameRefusalMessage } from '../../identity/names';
import { underAgeRefusal } from '../../household/joining';
import { formRefusal } from '../refusal';
import type { BirthPlaceChoice, Civility } from './data';
import type { CivilStatusInput } from './input';
import { SAVED } from './machine';
import { matchesRepertoire } from '../../identity/repertoire';
import { openStep, saveStep, type RegistrationDeps, type StepOutcome } from './use-cases';

/** A field of a step's input: absent reads as empty (the schemas have trimmed it already). */
const str = (v: string | undefined): string => v ?? '';

/**
 * ④ État civil of « Créer Mon Compte »: the NIR (or none), civility, names, birth date and place,
 * checked alone, then against each other (the NIR's key, sex, date and place), then against the
 * répertoire; a person under 15 is refused. Same contract as ./use-cases.ts.
 */
export async function submitCivilStatus(d: RegistrationDeps, token: string, input: CivilStatusInput): Promise<StepOutcome> {
  const opened = await openStep(d, token, 'civil_status');
  if (opened.kind !== 'open') return opened;
  const now = d.clock.now();
  const { errors, civility, birthName, givenNames, birthDate, place, nir } = readCivilStatus(input, now);
  if (errors.length > 0 || !civility || !birthDate || !place.ok) return { kind: 'refused', refusal: formRefusal(errors) };
  const underAge = underAgeRefusal(birthDate, now);
  if (underAge) return { kind: 'refused', refusal: formRefusal([underAge]) };

  let repertoire: 'known' | 'unknown' | 'no_nir' = 'no_nir';
  if (nir) {
    const person = await d.repertoire.findByNir(nir);
    if (person && !matchesRepertoire(person, { sex: civility === 'M' ? 'M' : 'F', birthName, givenNames, birthDate }))
      return { kind: 'refused', refusal: formRefusal([fieldError('nir', 'REPERTOIRE_MISMATCH')]) };
    repertoire = person ? 'known' : 'unknown';
  }
  const civilStatus = { nir, civility, birthName: birthName.toUpperCase(), givenNames, birthDate, birthPlace: place.value, repertoire };
  return saveStep(d, token, 'civil_status', (f) => ({ event: SAVED.civil_status, data: { ...f.data, civilStatus } }));
}

/** The fields of the form in their order on the page: the error summary lists the errors in this order. */
export const CIVIL_STATUS_FIELDS = [
  'nir',
  'noNir',
  'civility',
  'birthName',
  'givenNames',
  'birthDate',
  'birthPlaceKind',
  'communeQuery',
  'countryQuery',
] as const;

/** Field errors in the order of the fields on the page (an unknown field last, in its own order). */
export function inFieldOrder(errors: FieldError[], fields: readonly string[] = CIVIL_STATUS_FIELDS): FieldError[] {
  const rank = (e: FieldError) => {
    const i = fields.indexOf(e.field.split('.')[0] ?? '');
    return i < 0 ? fields.length : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * The civil status read field by field — every error at once, in the order of the page — and,
 * once all of it is readable, the NIR crossed with it (key, sex, date, place). Pure: nothing saved.
 */
export function readCivilStatus(input: CivilStatusInput, now: number) {
  const errors: FieldError[] = [];
  const noNir = input.noNir === true;
  const nirInput = noNir ? '' : str(input.nir);
  if (!noNir && !nirInput) errors.push(fieldError('nir', 'NIR_OR_NONE_REQUIRED'));

  const civilityRaw = str(input.civility);
  const civility: Civility | undefined = civilityRaw === 'M' || civilityRaw === 'MME' ? civilityRaw : undefined;
  if (!civility) errors.push(fieldError('civility', 'CIVILITY_REQUIRED'));

  const birthName = readName(input.birthName, 'birthName', 80, errors);
  const givenNames = readName(input.givenNames, 'givenNames', 120, errors);

  const date = readDate(input.birthDate, now);
  if (!date.ok) errors.push(fieldError('birthDate', date.code));
  const birthDate = date.ok ? date.value : undefined;

  const place = readBirthPlace(input, birthDate);
  if (!place.ok) errors.push(place.error);

  // The NIR alone first (structure, key), then against the civil status once that is readable.
  let nir: string | null = null;
  if (nirInput) {
    const alone = parseNir(nirInput);
    if (!alone.ok) errors.push(identityFieldError(alone.error, 'nir'));
    else if (errors.length === 0 && civility && birthDate && place.ok) {
      const crossed = parseNir(nirInput, {
        sex: civility === 'M' ? 'M' : 'F',
        birthDate,
        birthPlace: { kind: place.value.kind, code: place.value.code },
      });
      if (!crossed.ok) errors.push(identityFieldError(crossed.error, placeField(crossed.error.field, place.value.kind)));
      else nir = crossed.value.nir;
    }
  }
  return { errors: inFieldOrder(errors), civility, birthName, givenNames, birthDate, place, nir };
}

function readBirthPlace(
  input: CivilStatusInput,
  birthDate: string | undefined,
): { ok: true; value: BirthPlaceChoice } | { ok: false; error: FieldError } {
  const kind = str(input.birthPlaceKind);
  if (kind === 'france') {
    const code = str(input.communeCode).toUpperCase();
    if (code) {
      const found = (birthDate ? findCommune(code, birthDate) : undefined) ?? findCommune(code);
      const c = found.ok ? found : findCommune(code);
      if (!c.ok) return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_NOT_FOUND') };
      return { ok: true, value: communeChoice(c.value) };
    }
    const query = str(input.communeQuery);
    if (!query) return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_REQUIRED') };
    const results = searchCommunes(query, { limit: 20, ...(birthDate ? { atDate: birthDate } : {}) });
    if (results.length === 0) return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_NOT_FOUND') };
    if (results.length === 1) return { ok: true, value: communeChoice(results[0]!) };
    return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_CHOOSE') };
  }
  if (kind === 'etranger') {
    const code = str(input.countryCode);
    if (code === '99100') return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_IS_FRANCE') };
    if (code) {
      const c = findCountry(code);
      if (!c.ok) return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_NOT_FOUND') };
      return { ok: true, value: { kind: 'country', code: c.value.code, name: c.value.label } };
    }
    const query = str(input.countryQuery);
    if (!query) return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_REQUIRED') };
    const results = searchCountries(query, { limit: 20 }).filter((c) => c.code !== '99100');
    if (results.length === 0) return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_NOT_FOUND') };
    if (results.length === 1) return { ok: true, value: { kind: 'country', code: results[0]!.code, name: results[0]!.label } };
    return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_CHOOSE') };
  }
  return { ok: false, error: fieldError('birthPlaceKind', 'BIRTH_PLACE_KIND_REQUIRED') };
}

const NAME_CODES = {
  birthName: { required: 'BIRTH_NAME_REQUIRED', invalid: 'BIRTH_NAME_INVALID', tooLong: 'BIRTH_NAME_TOO_LONG' },
  givenNames: { required: 'GIVEN_NAMES_REQUIRED', invalid: 'GIVEN_NAMES_INVALID', tooLong: 'GIVEN_NAMES_TOO_LONG' },
} as const;

/**
 * A name of the civil status in its stored form (src/identity/names.ts: NFKC, look-alikes refused), or
 * '' with its field error pushed — which names the offending character and what to type instead.
 */
function readName(typed: string | undefined, field: keyof typeof NAME_CODES, max: number, errors: FieldError[]): string {
  const codes = NAME_CODES[field];
  if (!str(typed).replace(/\s+/g, '')) {
    errors.push(fieldError(field, codes.required));
    return '';
  }
  const checked = checkName(str(typed), max);
  if (checked.ok) return checked.value;
  // Letters all accepted, the name only too long: say so (not « only letters… »).
  if (checked.refusal.problem === 'characters' && checked.refusal.char === undefined) {
    errors.push(fieldError(field, codes.tooLong));
    return '';
  }
  const code = nameErrorCode(checked.refusal.problem, codes.invalid);
  errors.push(fieldError(field, code, nameRefusalMessage(checked.refusal, errorEntry(code).message)));
  return '';
}

export function communeChoice(c: { code: string; name: string; departement: { code: string; name: string } }): BirthPlaceChoice {
  return { kind: 'commune', code: c.code, name: c.name, departement: `${c.departement.name} (${c.departement.code})` };
}

/** An identity-library error as a field error, at the form field it concerns. */
function identityFieldError(e: IdentityError, field: string): FieldError {
  return { field, code: e.code, message: e.message };
}

/** parseNir names civil-status fields: map them to the form's. */
function placeField(field: string | undefined, placeKind: 'commune' | 'country'): string {
  if (field === 'sex') return 'civility';
  if (field === 'birthDate') return 'birthDate';
  if (field === 'birthPlace') return placeKind === 'commune' ? 'communeQuery' : 'countryQuery';
  return 'nir';
}

type DateRead = { ok: true; value: string } | { ok: false; code: 'BIRTH_DATE_REQUIRED' | 'BIRTH_DATE_INVALID' | 'BIRTH_DATE_OUT_OF_RANGE' };

/** A birth date given as parts `{ day, month, year }` (form) or `YYYY-MM-DD` (JSON). */
export function readDate(v: CivilStatusInput['birthDate'], now: number): DateRead {
  let day = '';
  let month = '';
  let year = '';
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
    if (!v.trim()) return { ok: false, code: 'BIRTH_DATE_REQUIRED' };
    if (!m) return { ok: false, code: 'BIRTH_DATE_INVALID' };
    [, year, month, day] = m as unknown as [string, string, string, string];
  } else if (v) {
    day = str(v.day).trim();
    month = str(v.month).trim();
    year = str(v.year).trim();
  }
  if (!day && !month && !year) return { ok: false, code: 'BIRTH_DATE_REQUIRED' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { ok: false, code: 'BIRTH_DATE_INVALID' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return { ok: false, code: 'BIRTH_DATE_INVALID' };
  if (iso < '1900-01-01' || date.getTime() > now) return { ok: false, code: 'BIRTH_DATE_OUT_OF_RANGE' };
  return { ok: true, value: iso };
}
