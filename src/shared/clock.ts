/** Time is injected everywhere (tests move it forward: test/support/clock.ts); production uses the system clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
