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
 * Outside that plan (international form only, no leading 0 in the territory):
 * - Saint-Pierre-et-Miquelon +508: 6 digits, mobiles 55 xx xx (landlines 41 xx xx);
 * - Nouvelle-Calédonie +687: 6 digits, mobiles 7x, 8x, 9x (landlines 2x–4x);
 * - Polynésie française +689: 8 digits, mobiles 87, 88, 89 (landlines 40);
 * - Wallis-et-Futuna +681: 6 digits, mobiles 82 and 83 (landlines 72).
 */
import { fail, ok, type Result } from './result';

export type PhoneTerritory = 'FR' | 'GP' | 'MQ' | 'GF' | 'RE' | 'YT' | 'PM' | 'NC' | 'PF' | 'WF';

export interface MobilePhone {
  /** E.164, e.g. '+33612345678', '+590690123456'. */
  e164: string;
  territory: PhoneTerritory;
  /** For display, e.g. '06 12 34 56 78', '87 12 34 56'. */
  national: string;
}

/** Overseas mobile prefixes of the French plan: 4 national digits → territory and country code. */
const OVERSEAS_MOBILE: Record<string, { territory: PhoneTerritory; cc: string }> = {
  '0690': { territory: 'GP', cc: '590' },
  '0691': { territory: 'GP', cc: '590' },
  '0696': { territory: 'MQ', cc: '596' },
  '0697': { territory: 'MQ', cc: '596' },
  '0694': { territory: 'GF', cc: '594' },
  '0692': { territory: 'RE', cc: '262' },
  '0693': { territory: 'RE', cc: '262' },
  '0639': { territory: 'YT', cc: '262' },
};

/** Territories outside the French 10-digit plan. */
const OTHER_PLANS: Record<string, { territory: PhoneTerritory; length: number; mobile: RegExp }> = {
  '508': { territory: 'PM', length: 6, mobile: /^55/ },
  '687': { territory: 'NC', length: 6, mobile: /^[789]/ },
  '689': { territory: 'PF', length: 8, mobile: /^8[789]/ },
  '681': { territory: 'WF', length: 6, mobile: /^8[23]/ },
};

const MSG = {
  empty: 'Saisissez votre numéro de téléphone mobile.',
  invalid: 'Ce numéro de téléphone n’est pas valide. Saisissez un numéro de mobile, par exemple 06 12 34 56 78.',
  landline: 'Ce numéro est un numéro de téléphone fixe : il ne peut pas recevoir de SMS. Saisissez un numéro de téléphone mobile, ou choisissez de recevoir le code par courriel.',
  special: 'Ce numéro est un numéro spécial : il ne peut pas recevoir de SMS. Saisissez un numéro de téléphone mobile, ou choisissez de recevoir le code par courriel.',
  foreign: 'Seuls les numéros de mobile de France (y compris l’outre-mer) peuvent recevoir le code par SMS. Vous pouvez choisir de recevoir le code par courriel.',
} as const;

function pairs(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

function fromNational(national: string): Result<MobilePhone> {
  // national: 10 digits starting with 0
  if (!/^0\d{9}$/.test(national)) return fail('PHONE_INVALID', MSG.invalid, 'phone');
  const first = national[1] as string;
  if (first === '6' || first === '7') {
    const overseas = OVERSEAS_MOBILE[national.slice(0, 4)];
    if (overseas) {
      return ok({ e164: `+${overseas.cc}${national.slice(1)}`, territory: overseas.territory, national: pairs(national) });
    }
    return ok({ e164: `+33${national.slice(1)}`, territory: 'FR', national: pairs(national) });
  }
  if (first === '8') return fail('PHONE_NOT_MOBILE', MSG.special, 'phone');
  if (first === '0') return fail('PHONE_INVALID', MSG.invalid, 'phone');
  return fail('PHONE_NOT_MOBILE', MSG.landline, 'phone');
}

/**
 * A French (or French overseas) mobile number, in national (06…, 0690…) or international
 * (+33 6…, 0033 6…, +590 690…, +687 7…) form; spaces, dots, dashes and brackets are ignored.
 */
export function parseMobilePhone(input: string): Result<MobilePhone> {
  const raw = (input ?? '').trim();
  if (raw === '') return fail('PHONE_EMPTY', MSG.empty, 'phone');
  let s = raw.replace(/[\s.\-‐‑–—/]/g, '').replace(/\(0\)/g, '').replace(/[()]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (!/^\+?\d+$/.test(s)) return fail('PHONE_INVALID', MSG.invalid, 'phone');
  if (!s.startsWith('+')) return fromNational(s);

  const digits = s.slice(1);
  if (digits.startsWith('33')) {
    let rest = digits.slice(2);
    if (rest.length === 10 && rest.startsWith('0')) rest = rest.slice(1); // '+33 0 6…'
    if (rest.length !== 9) return fail('PHONE_INVALID', MSG.invalid, 'phone');
    return fromNational(`0${rest}`);
  }
  for (const cc of ['590', '596', '594', '262']) {
    if (!digits.startsWith(cc)) continue;
    let rest = digits.slice(3);
    if (rest.length === 10 && rest.startsWith('0')) rest = rest.slice(1);
    if (rest.length !== 9) return fail('PHONE_INVALID', MSG.invalid, 'phone');
    const national = `0${rest}`;
    const parsed = fromNational(national);
    if (!parsed.ok) return parsed;
    // The prefix must belong to that country code (e.g. +590 with 0690/0691 only).
    const overseas = OVERSEAS_MOBILE[national.slice(0, 4)];
    if (!overseas || overseas.cc !== cc) return fail('PHONE_INVALID', MSG.invalid, 'phone');
    return parsed;
  }
  for (const [cc, plan] of Object.entries(OTHER_PLANS)) {
    if (!digits.startsWith(cc)) continue;
    const rest = digits.slice(3);
    if (rest.length !== plan.length) return fail('PHONE_INVALID', MSG.invalid, 'phone');
    if (!plan.mobile.test(rest)) return fail('PHONE_NOT_MOBILE', MSG.landline, 'phone');
    return ok({ e164: `+${cc}${rest}`, territory: plan.territory, national: pairs(rest) });
  }
  return fail('PHONE_COUNTRY_NOT_SUPPORTED', MSG.foreign, 'phone');
}
