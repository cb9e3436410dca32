import { fieldError, type FieldError } from '../errors/app-error';
import { monthlyAmountLimit } from '../prestations/amount-limits';
import { isMonth } from './months';

/**
 * What an agent types for a droit (the acceptance form, a change of amount), read into cents and
 * months, or field errors in French at the field. Nothing here throws: the page shows the errors
 * with what was typed.
 */

export const MAX_MOTIF = 500;

/** « 245,50 », « 245.5 », « 1 245 € » → 24550; undefined when not a positive amount with at most two decimals. */
export function parseEuros(raw: string): number | undefined {
  const s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€$/, '')
    .replace(',', '.');
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : undefined;
}

/** « 03/2027 », « 3/2027 » or « 2027-03 » → « 2027-03 »; undefined otherwise. */
export function parseMonth(raw: string): string | undefined {
  const s = raw.trim();
  const fr = /^(\d{1,2})\s*\/\s*(\d{4})$/.exec(s);
  const month = fr ? `${fr[2]}-${fr[1]!.padStart(2, '0')}` : s;
  return isMonth(month) && month >= '2000-01' && month <= '2099-12' ? month : undefined;
}

/** « 245,50 € » */
export function formatEuros(cents: number): string {
  return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

/** « 03/2027 », as the agent types it. */
export function typedMonth(month: string): string {
  return `${month.slice(5)}/${month.slice(0, 4)}`;
}

export function readAmount(prestation: string, raw: string | undefined, field: string): { cents?: number; errors: FieldError[] } {
  if (!raw?.trim()) return { errors: [fieldError(field, 'DROIT_AMOUNT_REQUIRED')] };
  const cents = parseEuros(raw);
  if (cents === undefined) return { errors: [fieldError(field, 'DROIT_AMOUNT_INVALID')] };
  const limit = monthlyAmountLimit(prestation);
  if (limit !== undefined && cents > limit)
    return {
      errors: [
        fieldError(
          field,
          'DROIT_AMOUNT_TOO_HIGH',
          `Ce montant dépasse ${formatEuros(limit)} par mois, le plafond vraisemblable de cette prestation. Vérifiez la virgule.`,
        ),
      ],
    };
  return { cents, errors: [] };
}

/** `missing`: the words of the field's own question when it is left empty (the default names the first month of a droit). */
export function readMonth(
  raw: string | undefined,
  field: string,
  required: boolean,
  missing?: string,
): { month?: string | null; errors: FieldError[] } {
  if (!raw?.trim()) return required ? { errors: [fieldError(field, 'DROIT_MONTH_REQUIRED', missing)] } : { month: null, errors: [] };
  const month = parseMonth(raw);
  return month ? { month, errors: [] } : { errors: [fieldError(field, 'DROIT_MONTH_INVALID')] };
}

export function readMotif(raw: string | undefined, field: string, missing?: string): { motif?: string; errors: FieldError[] } {
  const motif = (raw ?? '').trim();
  if (!motif) return { errors: [fieldError(field, 'DROIT_MOTIF_REQUIRED', missing)] };
  if (motif.length > MAX_MOTIF) return { errors: [fieldError(field, 'DROIT_MOTIF_TOO_LONG')] };
  return { motif, errors: [] };
}

export interface DroitInput {
  amountCents: number;
  firstMonth: string;
  lastMonth: string | null;
}

/** The droit of an acceptance: `montant`, `premierMois`, `dernierMois` (optional). */
export function readDroitInput(
  prestation: string,
  body: { montant?: string | undefined; premierMois?: string | undefined; dernierMois?: string | undefined },
): { droit?: DroitInput; errors: FieldError[] } {
  const a = readAmount(prestation, body.montant, 'montant');
  const f = readMonth(body.premierMois, 'premierMois', true);
  const l = readMonth(body.dernierMois, 'dernierMois', false);
  const errors = [...a.errors, ...f.errors, ...l.errors];
  if (errors.length) return { errors };
  if (l.month && l.month < f.month!) return { errors: [fieldError('dernierMois', 'DROIT_LAST_MONTH_BEFORE_FIRST')] };
  return { droit: { amountCents: a.cents!, firstMonth: f.month!, lastMonth: l.month ?? null }, errors: [] };
}
