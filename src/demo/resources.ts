import { DEMO_PEOPLE } from './people';

/**
 * What the local resources feed (src/resources/feed.ts) says of the demo people, per month in
 * cents: Julien MOREAU's salary and Jeanne LEROY's pension are known; Léa MOREAU is unknown to
 * the feed (the form then says so and asks). Anybody else: the feed's deterministic demo data.
 * A salary here is the usual one: the feed adds a bonus or takes off a few hours in some months
 * (at most 45 € either way, the same for a month every time), so that twelve months of Julien's
 * 2 150 € come to a little more or less than 25 800 € (25 785 € from December 2025 to November 2026,
 * as the README says).
 */
const nir13 = (p: { nir: string }) => p.nir.slice(0, 13);

export const demoResources: Readonly<Record<string, { salary: number; pension: number } | null>> = {
  [nir13(DEMO_PEOPLE.julienMoreau)]: { salary: 215_000, pension: 0 },
  [nir13(DEMO_PEOPLE.leaMoreau)]: null,
  [nir13(DEMO_PEOPLE.sophieGarnier)]: { salary: 148_000, pension: 0 },
  [nir13(DEMO_PEOPLE.jeanneLeroy)]: { salary: 0, pension: 112_000 },
};
