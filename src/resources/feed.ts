import { createHash } from 'node:crypto';

/**
 * The monthly resources feed (« DRM », dispositif des ressources mensuelles): employers and pension
 * funds declare each month what they paid to a person, by NIR, and the Caf reads it — so a person
 * never types their salaries or pensions again (« Dites-le nous une fois »). Since 2021 the aide au
 * logement is computed on the resources of the last twelve months: this port answers for a NIR and
 * a range of months. A real adapter can be plugged later; `LocalResourcesFeed` answers with demo
 * data, the same for a NIR every time.
 */

/** What the feed received for one person and one month, in cents (net amounts). */
export interface MonthlyResources {
  /** YYYY-MM */
  month: string;
  salaries: number;
  pensions: number;
}

export interface ResourcesFeed {
  /**
   * The months from `from` to `to` (YYYY-MM, both included) for this NIR; undefined when the feed
   * knows nothing of the person (no employer nor pension fund declares for them).
   */
  monthly(nir: string, from: string, to: string): Promise<MonthlyResources[] | undefined>;
}

/** The last twelve whole months before `day` (YYYY-MM-DD): from and to, YYYY-MM. */
export function lastTwelveMonths(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const shift = (n: number) => {
    const i = y * 12 + (m - 1) + n;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  };
  return { from: shift(-12), to: shift(-1) };
}

/** The `n` whole months before `day` (YYYY-MM-DD), the nearest first: [[1, '2026-11'], [2, '2026-10'], …]. */
export function lastMonths(day: string, n: number): [number, string][] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, k) => {
    const i = y * 12 + (m - 1) - (k + 1);
    return [k + 1, `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`];
  });
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 120; guard++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    out.push(s);
    if (s >= to) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Totals over a range: what a form shows to confirm. */
export function totals(months: readonly MonthlyResources[]): { salaries: number; pensions: number } {
  return months.reduce((t, x) => ({ salaries: t.salaries + x.salaries, pensions: t.pensions + x.pensions }), { salaries: 0, pensions: 0 });
}

const monthIndex = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
};

/**
 * Demo data, deterministic per NIR: one person in five is unknown to the feed (self-employed,
 * paid abroad, without resources…); the others have a monthly salary, or a pension when the NIR
 * says they were born before 1960. `known` forces a NIR's answer (the demo households).
 */
export class LocalResourcesFeed implements ResourcesFeed {
  constructor(private readonly known: Readonly<Record<string, { salary: number; pension: number } | null>> = {}) {}

  async monthly(nir: string, from: string, to: string): Promise<MonthlyResources[] | undefined> {
    const key = nir.slice(0, 13);
    const forced = Object.hasOwn(this.known, key) ? this.known[key] : undefined;
    if (forced === null) return undefined;
    const h = createHash('sha256').update(`drm:${key}`).digest();
    if (!forced && h[0]! % 5 === 0) return undefined;
    const born = Number(key.slice(1, 3));
    const senior = born >= 25 && born < 60;
    const base = forced ?? {
      salary: senior ? 0 : 90_000 + ((h[1]! * 256 + h[2]!) % 200_000),
      pension: senior ? 80_000 + ((h[3]! * 256 + h[4]!) % 120_000) : 0,
    };
    return monthsBetween(from, to).map((month) => ({
      month,
      // A little variation from month to month (a bonus in one month, fewer hours in another: at most
      // 45 € either way), by the calendar month: a month says the same whatever range it is asked in.
      salaries: base.salary ? base.salary + ((h[5 + (monthIndex(month) % 20)]! % 7) - 3) * 1_500 : 0,
      pensions: base.pension,
    }));
  }
}
