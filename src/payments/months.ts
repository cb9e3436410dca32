import { agencyDay } from '../shared/french-time';

/** Months (`YYYY-MM`) and payment days, as the Caf counts them (calendar of France). */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The months from `from` to `to`, both included (empty when `to` < `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The day a month's prestations are paid: the 5th of the following month (YYYY-MM-DD). */
export function paymentDayOf(month: string): string {
  return `${addMonths(month, 1)}-05`;
}

/** The last month whose payment day has come on `day` (YYYY-MM-DD). */
export function lastPayableMonth(day: string): string {
  const month = day.slice(0, 7);
  return day.slice(8) >= '05' ? addMonths(month, -1) : addMonths(month, -2);
}

/** The agency's month of an instant. */
export function agencyMonth(ms: number): string {
  return agencyDay(ms).slice(0, 7);
}

/** « mars 2027 » */
export function frenchMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 15));
}

/** « 5 mars 2027 » */
export function frenchDay(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.parse(`${day}T12:00:00Z`),
  );
}
