import { agencyDay } from '../shared/french-time';

/** Months as YYYY-MM strings, counted in France. */
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function currentMonth(now: number): string {
  return agencyDay(now).slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** A payment attestation is valid three months from its issue. */
export function paymentExpiry(issuedAt: number): number {
  const d = new Date(issuedAt);
  d.setUTCMonth(d.getUTCMonth() + 3);
  return d.getTime();
}

/** A QF attestation is valid until 31 December of its year, midnight in France (UTC+1 in winter). */
export function qfExpiry(issuedAt: number): number {
  const year = Number(agencyDay(issuedAt).slice(0, 4));
  return Date.UTC(year + 1, 0, 1) - 60 * 60_000;
}
