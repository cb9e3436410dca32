import { defineMachine } from '../../flows/machine';

/**
 * An account being created with FranceConnect (pure; the diagram, `franceConnectSignupMachine.diagram()`,
 * is in ./README.md):
 * - `identity`: the certified identity is shown, with the NIR found in the répertoire — or a field
 *   to type it (none or several matches), checked against the identity;
 * - `existing_account`: the NIR already has an account: its password proves ownership before linking;
 * - `contact` / `code`: a contact is verified with a code;
 * - `completed`: the account exists (created, or linked to FranceConnect's `sub`).
 */
export type SignupStep = 'identity' | 'existing_account' | 'contact' | 'code' | 'completed';

/**
 * - `nir_confirmed`: the NIR (found or typed) has no account: on to the contact (the code step,
 *   once reached, stays);
 * - `nir_has_account`: the NIR has an account: its password is asked for;
 * - `contact_chosen`: a code was sent to the contact (or had been, to the same one);
 * - `account_created` / `account_linked`: the end.
 */
export type SignupEvent = 'nir_confirmed' | 'nir_has_account' | 'contact_chosen' | 'account_created' | 'account_linked';

export const franceConnectSignupMachine = defineMachine<SignupStep, SignupEvent>({
  name: 'franceconnect_signup',
  states: ['identity', 'existing_account', 'contact', 'code', 'completed'],
  initial: 'identity',
  final: ['completed'],
  transitions: {
    identity: { nir_confirmed: 'contact', nir_has_account: 'existing_account' },
    existing_account: { nir_confirmed: 'contact', nir_has_account: 'existing_account', account_linked: 'completed' },
    contact: { nir_confirmed: 'contact', nir_has_account: 'existing_account', contact_chosen: 'code' },
    code: { nir_confirmed: 'code', nir_has_account: 'existing_account', contact_chosen: 'code', account_created: 'completed' },
  },
});

/** Pages a signup may show at each step (the guard): the current step and those before it. */
const ORDER: SignupStep[] = ['identity', 'contact', 'code'];

export function canOpen(signup: { state: SignupStep }, page: SignupStep): boolean {
  if (signup.state === 'completed') return false;
  if (page === 'existing_account') return signup.state === 'existing_account';
  if (signup.state === 'existing_account') return page === 'identity';
  return ORDER.indexOf(page) <= ORDER.indexOf(signup.state);
}
