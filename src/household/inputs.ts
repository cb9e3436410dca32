import { z } from 'zod';
import { fieldError, type FieldError } from '../errors/app-error';
import type { ErrorCode } from '../errors/catalogue';
import { IBAN_INPUT_MAX, parseIban } from '../identity/iban';
import { agencyDay } from '../shared/french-time';
import type { SeparationChildren, SeparationLeaver } from '../db/tables/household.table';
import type { AddressInput } from './repository';

/**
 * What the household's forms and JSON routes accept: one zod schema per input (the boundary: types
 * and maximum lengths, to be registered in the OpenAPI document), then the rules, each refusal a
 * French message at its field. Pages and JSON share these readers; a date is « YYYY-MM-DD » in JSON
 * and three fields (jour, mois, année) on a page.
 */
const text = (max: number) => z.string().max(max, { error: `Ce texte est trop long (${max} caractères au plus).` });
const dateParts = z.object({ day: text(2), month: text(2), year: text(4) }).partial();
const date = z.union([text(10), dateParts]);

export const LIMITS = { line: 100, postalCode: 5, city: 60, holder: 70, password: 200 } as const;

export const addressSchema = z.object({
  line1: text(LIMITS.line),
  line2: text(LIMITS.line).optional(),
  postalCode: text(LIMITS.postalCode + 2),
  city: text(LIMITS.city),
});
export const addressChangeSchema = addressSchema.extend({ since: date });
export const bankAccountChangeSchema = z.object({ iban: text(IBAN_INPUT_MAX), holder: text(LIMITS.holder) });
/** The protected step of a bank account change: the account again, the password (none for an account without one) and the code. */
export const bankAccountConfirmSchema = bankAccountChangeSchema.extend({
  currentPassword: text(LIMITS.password).optional(),
  code: text(10),
});
/**
 * One of the couple says `declarer` / `partner`; another member (child, personne à charge) names
 * one of the couple: `responsable` / `conjoint`, and gives a new address only if they moved.
 */
export const separationSchema = z.object({
  date,
  leaver: z.enum(['declarer', 'partner', 'responsable', 'conjoint']),
  children: z.enum(['none', 'declarer', 'partner', 'alternate', 'responsable', 'conjoint']),
  newAddress: addressSchema.optional(),
});
export const procurationGrantSchema = z.object({ currentPassword: text(LIMITS.password).optional() });

export type Read<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** zod's verdict as field errors (the first issue of each field); `fields` maps a schema path to a form field. */
function shape<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fields: (path: string) => string = (p) => p,
  codes: Record<string, ErrorCode> = {},
): Read<z.infer<S>> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldError[] = [];
  for (const issue of r.error.issues) {
    const field =
      fields(
        issue.path
          .filter((p) => typeof p !== 'number')
          .join('.')
          .replace(/\.(day|month|year)$/, ''),
      ) || 'form';
    if (errors.some((e) => e.field === field)) continue;
    const own = issue.code === 'too_big' ? undefined : codes[field];
    errors.push(
      own
        ? fieldError(field, own)
        : fieldError(field, issue.code === 'too_big' ? 'HOUSEHOLD_FIELD_TOO_LONG' : 'VALIDATION_FAILED', issue.message),
    );
  }
  return { ok: false, errors };
}

const collapse = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A date in the past two years (a move, a separation): « YYYY-MM-DD » or { day, month, year }. */
export function readPastDate(v: z.infer<typeof date>, field: string, now: number): Read<string> {
  const parts =
    typeof v === 'string'
      ? (/^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim())?.slice(1) ?? (v.trim() ? ['x', 'x', 'x'] : []))
      : [v.year, v.month, v.day];
  const [year = '', month = '', day = ''] = parts;
  const fail = (code: ErrorCode): Read<string> => ({ ok: false, errors: [fieldError(field, code)] });
  if (!year.trim() && !month.trim() && !day.trim()) return fail('HOUSEHOLD_DATE_REQUIRED');
  if (!/^\d{1,2}$/.test(day.trim()) || !/^\d{1,2}$/.test(month.trim()) || !/^\d{4}$/.test(year.trim()))
    return fail('HOUSEHOLD_DATE_INVALID');
  const iso = `${year.trim()}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return fail('HOUSEHOLD_DATE_INVALID');
  const today = agencyDay(now);
  if (iso > today) return fail('HOUSEHOLD_DATE_FUTURE');
  const [ty, tm, td] = today.split('-');
  if (iso < `${Number(ty) - 2}-${tm}-${td}`) return fail('HOUSEHOLD_DATE_TOO_OLD');
  return { ok: true, value: iso };
}

type Address = Omit<AddressInput, 'since'>;

/** Field names: `line1`…, or with a prefix `newLine1`… (the separation's new address). */
const named = (prefix: string, f: string) => (prefix ? prefix + f[0]!.toUpperCase() + f.slice(1) : f);

function readAddressFields(a: z.infer<typeof addressSchema>, prefix = ''): { value: Address; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Address = {
    line1: collapse(a.line1),
    line2: collapse(a.line2) || null,
    postalCode: a.postalCode.replace(/\s/g, ''),
    city: collapse(a.city).toUpperCase(),
  };
  if (!value.line1) errors.push(fieldError(named(prefix, 'line1'), 'HOUSEHOLD_ADDRESS_LINE1_REQUIRED'));
  if (!/^\d{5}$/.test(value.postalCode)) errors.push(fieldError(named(prefix, 'postalCode'), 'HOUSEHOLD_POSTAL_CODE_INVALID'));
  if (!value.city) errors.push(fieldError(named(prefix, 'city'), 'HOUSEHOLD_CITY_REQUIRED'));
  return { value, errors };
}

export function readAddressChange(input: unknown, now: number): Read<AddressInput> {
  const s = shape(addressChangeSchema, input);
  if (!s.ok) return s;
  const a = readAddressFields(s.value);
  const since = readPastDate(s.value.since, 'since', now);
  const errors = [...a.errors, ...(since.ok ? [] : since.errors)];
  return errors.length || !since.ok ? { ok: false, errors } : { ok: true, value: { ...a.value, since: since.value } };
}

export function readBankAccountChange(input: unknown): Read<{ iban: string; holder: string }> {
  const s = shape(bankAccountChangeSchema, input);
  if (!s.ok) return s;
  const errors: FieldError[] = [];
  const iban = parseIban(s.value.iban);
  if (!iban.ok) errors.push(fieldError('iban', 'HOUSEHOLD_IBAN_INVALID', iban.error.message));
  const holder = collapse(s.value.holder);
  if (!holder) errors.push(fieldError('holder', 'HOUSEHOLD_HOLDER_REQUIRED'));
  return errors.length || !iban.ok ? { ok: false, errors } : { ok: true, value: { iban: iban.value.value, holder } };
}

export interface SeparationInput {
  date: string;
  leaver: SeparationLeaver;
  children: SeparationChildren;
  /** the declarer's new address, when they leave (one of the couple) or moved (another member) */
  newAddress: Address | null;
}

/** The answers each side may give (see separationSchema). */
const SIDE_CHOICES = {
  couple: { leaver: ['declarer', 'partner'], children: ['none', 'declarer', 'partner', 'alternate'] },
  member: { leaver: ['responsable', 'conjoint'], children: ['none', 'responsable', 'conjoint', 'alternate'] },
} as const;

/**
 * In JSON the new address is `newAddress: { line1… }`; its field errors are `newLine1`… (a page's
 * fields). `side`: the declarer is one of the couple, or another member of the household.
 */
export function readSeparation(input: unknown, now: number, side: 'couple' | 'member' = 'couple'): Read<SeparationInput> {
  const s = shape(separationSchema, input, (p) => (p.startsWith('newAddress.') ? named('new', p.slice('newAddress.'.length)) : p), {
    leaver: 'HOUSEHOLD_LEAVER_REQUIRED',
    children: 'HOUSEHOLD_CHILDREN_REQUIRED',
  });
  if (!s.ok) return s;
  const date = readPastDate(s.value.date, 'date', now);
  const errors = date.ok ? [] : [...date.errors];
  const choices = SIDE_CHOICES[side];
  if (!(choices.leaver as readonly string[]).includes(s.value.leaver)) errors.push(fieldError('leaver', 'HOUSEHOLD_LEAVER_REQUIRED'));
  if (!(choices.children as readonly string[]).includes(s.value.children))
    errors.push(fieldError('children', 'HOUSEHOLD_CHILDREN_REQUIRED'));
  let newAddress: Address | null = null;
  if (s.value.leaver === 'declarer' || (side === 'member' && s.value.newAddress)) {
    const a = readAddressFields(s.value.newAddress ?? { line1: '', postalCode: '', city: '' }, 'new');
    errors.push(...a.errors);
    newAddress = a.value;
  }
  return errors.length || !date.ok
    ? { ok: false, errors }
    : { ok: true, value: { date: date.value, leaver: s.value.leaver, children: s.value.children, newAddress } };
}
