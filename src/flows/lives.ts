import type { FlowKind } from './flow';

type Life = Pick<FlowKind<string, string, unknown>, 'ttlMs' | 'expiry'>;

/**
 * How long each kind of flow lives, in one place (a change to a flow's expiry is one edit here):
 * src/journeys/kinds.ts gives each its machine, and the retention registry (src/retention/registry.ts)
 * tells how long the table keeps them.
 */
export const FLOW_LIVES = {
  // An hour after the last thing the person did.
  registration: { ttlMs: 60 * 60_000, expiry: 'sliding' },
  // The code must be typed within 15 minutes of the password, whatever happens in between.
  login: { ttlMs: 15 * 60_000, expiry: 'fixed' },
  passwordReset: { ttlMs: 20 * 60_000, expiry: 'fixed' },
  // An hour after the last thing the person did.
  franceConnectSignup: { ttlMs: 60 * 60_000, expiry: 'sliding' },
  // The code must be typed within 30 minutes of the request (the code itself lives 10).
  contactChange: { ttlMs: 30 * 60_000, expiry: 'fixed' },
  // Identity proven: the new contact and password within 30 minutes (a letter's code lives 30 days, it is not spent until then).
  recovery: { ttlMs: 30 * 60_000, expiry: 'fixed' },
  // As the person's login: the code within 15 minutes of the password.
  agentLogin: { ttlMs: 15 * 60_000, expiry: 'fixed' },
} as const satisfies Record<string, Life>;
