import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoResources } from '../../src/demo/resources';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { LocalResourcesFeed, lastTwelveMonths, monthsBetween, totals } from '../../src/resources/feed';

describe('the monthly resources feed (local adapter)', () => {
  it('covers the twelve whole months before the day, across a new year', () => {
    expect(lastTwelveMonths('2026-12-07')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(lastTwelveMonths('2027-01-31')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthsBetween('2025-12', '2026-11')).toHaveLength(12);
  });

  it('answers the same for a NIR every time; some people are unknown to it', async () => {
    const feed = new LocalResourcesFeed();
    const nirs = Array.from({ length: 40 }, (_, i) => `1${String(80 + (i % 19)).padStart(2, '0')}0175${String(100 + i).padStart(6, '0')}`);
    const answers = await Promise.all(nirs.map((n) => feed.monthly(n, '2025-12', '2026-11')));
    expect(await Promise.all(nirs.map((n) => feed.monthly(n, '2025-12', '2026-11')))).toEqual(answers);
    expect(answers.some((a) => a === undefined)).toBe(true);
    const known = answers.filter((a) => a !== undefined);
    expect(known.length).toBeGreaterThan(20);
    for (const months of known) {
      expect(months.map((m) => m.month)).toEqual(monthsBetween('2025-12', '2026-11'));
      expect(totals(months).salaries + totals(months).pensions).toBeGreaterThan(0);
    }
  });

  it('knows the demo people as the README says: Julien MOREAU’s salary, nothing of Léa MOREAU', async () => {
    const feed = new LocalResourcesFeed(demoResources);
    const julien = (await feed.monthly(DEMO_PEOPLE.julienMoreau.nir, '2025-12', '2026-11'))!;
    expect(julien).toHaveLength(12);
    expect(julien.every((m) => Math.abs(m.salaries - 215_000) <= 4_500 && m.pensions === 0)).toBe(true);
    // The total the README gives, and a month the same whatever range it is asked in (the prime
    // d'activité asks three months, the aide au logement twelve).
    expect(totals(julien).salaries).toBe(2_578_500);
    expect(readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')).toContain('25 785 € from December 2025 to November 2026');
    const autumn = (await feed.monthly(DEMO_PEOPLE.julienMoreau.nir, '2026-09', '2026-11'))!;
    expect(autumn).toEqual(julien.slice(-3));
    expect(await feed.monthly(DEMO_PEOPLE.leaMoreau.nir, '2025-12', '2026-11')).toBeUndefined();
    expect(totals((await feed.monthly(DEMO_PEOPLE.jeanneLeroy.nir, '2025-12', '2026-11'))!)).toEqual({
      salaries: 0,
      pensions: 12 * 112_000,
    });
  });
});
