import { defineFlowKind } from './engine/flow';
import type { RegistrationData } from './registration/data';
import { registrationMachine } from './registration/machine';

/**
 * Every kind of flow and its life, in one place (a change to a flow's expiry is one edit here):
 * its machine (in its own folder), how long it lives and whether that slides with activity, its
 * name in the shared error messages, the page where a person starts again.
 */
export const registrationFlow = defineFlowKind<RegistrationData>()({
  machine: registrationMachine,
  // An hour after the last thing the person did.
  ttlMs: 60 * 60_000,
  expiry: 'sliding',
  label: 'session de création de compte',
  restartPath: '/creer-mon-compte',
});

/** Every kind, with the README that shows its diagram (kept in step by `npm run diagrams`, checked by a test). */
export const allFlowKinds = [{ kind: registrationFlow, readme: 'src/flows/registration/README.md' }] as const;
