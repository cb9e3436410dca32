import { defineMachine } from '../../flows/machine';
import type { ContactKind } from '../../accounts/destination';

/**
 * Getting back into an account without its verified contact (src/recovery): the person has proven
 * who they are — the code of a letter sent to the dossier's address, FranceConnect, or the code an
 * agent sent at the counter to the new contact — and now sets a new contact (verified by a code)
 * and, by letter or at the counter, a new password. Pure: the diagram is in ./README.md.
 */
export type RecoveryState = 'identity_proven' | 'awaiting_contact_code' | 'contact_verified' | 'completed';
export type RecoveryEvent = 'contact_code_sent' | 'contact_verified' | 'completed';

export const recoveryMachine = defineMachine<RecoveryState, RecoveryEvent>({
  name: 'account_recovery',
  states: ['identity_proven', 'awaiting_contact_code', 'contact_verified', 'completed'],
  initial: 'identity_proven',
  final: ['completed'],
  transitions: {
    identity_proven: { contact_code_sent: 'awaiting_contact_code' },
    // Another contact typed: a new code, to it.
    awaiting_contact_code: { contact_code_sent: 'awaiting_contact_code', contact_verified: 'contact_verified' },
    contact_verified: { completed: 'completed' },
  },
});

/** The recovery row (src/recovery/repository.ts) and, once typed, the new contact. */
export interface RecoveryData {
  recoveryId: string;
  channel: 'letter' | 'counter' | 'franceconnect';
  contact?: { kind: ContactKind; value: string };
}
