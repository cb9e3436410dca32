import { defineMachine } from '../../flows/machine';

/**
 * « Mot de passe oublié ? »: a code is sent (to nowhere when the identifier has no account, with the
 * same answer), the right code opens the new-password step, the new password consumes the flow.
 * Pure: the diagram (`passwordResetMachine.diagram()`) is in ./README.md.
 */
export type PasswordResetState = 'awaiting_code' | 'code_verified' | 'password_changed';
export type PasswordResetEvent = 'code_verified' | 'password_changed';

export const passwordResetMachine = defineMachine<PasswordResetState, PasswordResetEvent>({
  name: 'password_reset',
  states: ['awaiting_code', 'code_verified', 'password_changed'],
  initial: 'awaiting_code',
  final: ['password_changed'],
  transitions: {
    awaiting_code: { code_verified: 'code_verified' },
    code_verified: { password_changed: 'password_changed' },
  },
});

/** The account (if any) is the flow's `accountId`; nothing else is kept. */
export type PasswordResetData = Record<string, never>;
