import { DEMO_PEOPLE } from './people';

/**
 * What the local resources feed (src/resources/feed.ts) says of the demo people, per month in
 * cents: Julien MOREAU's salary and Jeanne LEROY's pension are known; Léa MOREAU is unknown to
 * the feed (the form then says so and asks). Anybody else: the feed's deterministic demo data.
 */
const nir13 = (p: { nir: string }) => p.nir.slice(0, 13);

export const demoResources: Readonly<Record<string, { salary: number; pension: number } | null>> = {
  [nir13(DEMO_PEOPLE.julienMoreau)]: { salary: 215_000, pension: 0 },
  [nir13(DEMO_PEOPLE.leaMoreau)]: null,
  [nir13(DEMO_PEOPLE.sophieGarnier)]: { salary: 148_000, pension: 0 },
  [nir13(DEMO_PEOPLE.jeanneLeroy)]: { salary: 0, pension: 112_000 },
};
