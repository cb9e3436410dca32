/**
 * Mobile phone numbers that can receive an SMS: France and its overseas territories.
 *
 * French numbering plan (10 digits from 0, E.164 +33 for metropolitan France):
 * - mobiles 06 and 07 (metropolitan), except the ranges given to overseas mobiles, which are
 *   re-read with their own country code: 0690/0691 Guadeloupe (+590, also Saint-Barthélemy and
 *   Saint-Martin), 0696/0697 Martinique (+596), 0694 Guyane (+594), 0692/0693 La Réunion (+262),
 *   0639 Mayotte (+262);
 * - 01–05 and 09 are landlines or internet boxes (0590, 0596, 0594, 0262, 0269 overseas), 08 special
 *   numbers: none can receive an SMS.
 * Not every 06/07 number exists: only the ranges allotted to mobiles (e.g. 07 12… is not).
 * Outside that plan (international form only, no leading 0 in the territory):
 * - Saint-Pierre-et-Miquelon +508: 6 digits, mobiles 55 xx xx (landlines 41 xx xx);
 * - Nouvelle-Calédonie +687: 6 digits, mobiles 7x, 8x, 9x (landlines 2x–4x);
 * - Polynésie française +689: 8 digits, mobiles 87, 88, 89 (landlines 40);
 * - Wallis-et-Futuna +681: 6 digits, mobiles 82 and 83 (landlines 72).
 *
 * The numbering plans themselves (which ranges are allotted, to what, where) come from
 * libphonenumber-js (Google's libphonenumber metadata, kept up to date by its maintainers); this
 * module only decides which territories we accept and re-reads 06 9x/06 39 numbers as overseas.
 */
import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { fail, ok, type Result } from './result';

export type PhoneTerritory = 'FR' | 'GP' | 'MQ' | 'GF' | 'RE' | 'YT' | 'PM' | 'NC' | 'PF' | 'WF';

export interface MobilePhone {
  /** E.164, e.g. '+33612345678', '+590690123456'. */
  e164: string;
  territory: PhoneTerritory;
  /** For display, e.g. '06 12 34 56 78', '87 12 34 56'. */
  national: string;
}

/** The regions of the French 10-digit plan, in the order a national number (06…) is tried. */
const FRENCH_PLAN: readonly CountryCode[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT'];
/** Country calling codes of the French plan (+33 and the overseas ones that share its numbers). */
const FRENCH_PLAN_CODES = new Set(['33', '590', '596', '594', '262']);
/** Territories outside the French 10-digit plan (international form only). */
const OTHER_PLAN_CODES = new Set(['508', '687', '689', '681']);

/** Region of a number → our territory (Saint-Barthélemy and Saint-Martin share Guadeloupe's +590 mobiles). */
const TERRITORY: Partial<Record<CountryCode, PhoneTerritory>> = {
  FR: 'FR',
  GP: 'GP',
  BL: 'GP',
  MF: 'GP',
  MQ: 'MQ',
  GF: 'GF',
  RE: 'RE',
  YT: 'YT',
  PM: 'PM',
  NC: 'NC',
  PF: 'PF',
  WF: 'WF',
};

/**
 * Overseas, ARCEP and the territories' regulators allot numbers to operators by blocks that the
 * metadata may not list yet: a number that libphonenumber does not know there, but that has the
 * right length, is read by its territory's prefixes (mobile, or landline). Metropolitan France has
 * no such fallback: its ranges are fully described (07 12… is not a mobile, it is refused).
 */
const OVERSEAS_PREFIXES: Partial<Record<PhoneTerritory, { mobile: RegExp; landline: RegExp }>> = {
  GP: { mobile: /^69[01]/, landline: /^590/ },
  MQ: { mobile: /^69[67]/, landline: /^596/ },
  GF: { mobile: /^694/, landline: /^594/ },
  RE: { mobile: /^69[23]/, landline: /^262/ },
  YT: { mobile: /^639/, landline: /^269/ },
  PM: { mobile: /^55/, landline: /^41/ },
  NC: { mobile: /^[789]/, landline: /^[2-4]/ },
  PF: { mobile: /^8[789]/, landline: /^40/ },
  WF: { mobile: /^8[23]/, landline: /^72/ },
};

/** Only numbers that are mobiles and nothing else: a FIXED_LINE_OR_MOBILE range may not take an SMS. */
const MOBILE_TYPES = new Set<NumberType>(['MOBILE']);
const SPECIAL_TYPES = new Set<NumberType>(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOICEMAIL', 'PAGER']);

const MSG = {
  empty: 'Saisissez votre numéro de téléphone mobile.',
  invalid: 'Ce numéro de téléphone n’est pas valide. Saisissez un numéro de mobile, par exemple 06 12 34 56 78.',
  landline:
    'Ce numéro est un numéro de téléphone fixe : il ne peut pas recevoir de SMS. Saisissez un numéro de téléphone mobile, ou choisissez de recevoir le code par mail.',
  special:
    'Ce numéro est un numéro spécial : il ne peut pas recevoir de SMS. Saisissez un numéro de téléphone mobile, ou choisissez de recevoir le code par mail.',
  foreign:
    'Seuls les numéros de mobile de France (y compris l’outre-mer) peuvent recevoir le code par SMS. Vous pouvez choisir de recevoir le code par mail.',
} as const;

const invalid = () => fail<MobilePhone>('PHONE_INVALID', MSG.invalid, 'phone');

function pairs(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/**
 * A 10-digit national number (0…) of the French plan, read in each of its regions (those of one
 * country calling code when given: +262 is both La Réunion and Mayotte).
 */
function inFrenchPlan(national: string, cc?: string): PhoneNumber[] {
  if (!/^0\d{9}$/.test(national)) return [];
  return FRENCH_PLAN.filter((region) => !cc || getCountryCallingCode(region) === cc)
    .map((region) => parsePhoneNumberFromString(national, region))
    .filter((p): p is PhoneNumber => !!p);
}

/** The numbers an input may be: several regions for a number of the French plan, one otherwise. */
function candidates(s: string): PhoneNumber[] | 'unsupported' {
  if (!s.startsWith('+')) return inFrenchPlan(s);
  const digits = s.slice(1);
  if (digits.startsWith('33')) {
    const rest = digits.slice(2);
    return inFrenchPlan(rest.length === 10 && rest.startsWith('0') ? rest : `0${rest}`); // '+33 0 6…'
  }
  const cc = digits.slice(0, 3);
  if (FRENCH_PLAN_CODES.has(cc)) {
    const rest = digits.slice(3);
    return inFrenchPlan(rest.length === 10 && rest.startsWith('0') ? rest : `0${rest}`, cc);
  }
  if (!OTHER_PLAN_CODES.has(cc)) return 'unsupported';
  const p = parsePhoneNumberFromString(s);
  return p ? [p] : [];
}

/** An overseas number of the right length that the metadata does not list yet: its kind by its prefix (OVERSEAS_PREFIXES). */
function overseasKind(p: PhoneNumber): NumberType | undefined {
  const prefixes = p.country && OVERSEAS_PREFIXES[TERRITORY[p.country] ?? 'FR'];
  if (!prefixes || !p.isPossible()) return undefined;
  if (prefixes.mobile.test(p.nationalNumber)) return 'MOBILE';
  return prefixes.landline.test(p.nationalNumber) ? 'FIXED_LINE' : undefined;
}

/**
 * A French (or French overseas) mobile number, in national (06…, 0690…) or international
 * (+33 6…, 0033 6…, +590 690…, +687 7…) form; spaces, dots, dashes and brackets are ignored.
 */
export function parseMobilePhone(input: string): Result<MobilePhone> {
  const raw = (input ?? '').trim();
  if (raw === '') return fail('PHONE_EMPTY', MSG.empty, 'phone');
  let s = raw
    .replace(/[\s.\-‐‑–—/]/g, '')
    .replace(/\(0\)/g, '')
    .replace(/[()]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (!/^\+?\d+$/.test(s)) return invalid();
  const found = candidates(s);
  if (found === 'unsupported') return fail('PHONE_COUNTRY_NOT_SUPPORTED', MSG.foreign, 'phone');
  const number = found.find((p) => p.isValid()) ?? found.find((p) => overseasKind(p));
  const territory = number?.country && TERRITORY[number.country];
  if (!number || !territory) return invalid();
  const type = number.isValid() ? number.getType() : overseasKind(number);
  if (!type || !MOBILE_TYPES.has(type))
    return fail('PHONE_NOT_MOBILE', type && SPECIAL_TYPES.has(type) ? MSG.special : MSG.landline, 'phone');
  const nsn = number.nationalNumber;
  return ok({ e164: number.number, territory, national: pairs(FRENCH_PLAN_CODES.has(number.countryCallingCode) ? `0${nsn}` : nsn) });
}
