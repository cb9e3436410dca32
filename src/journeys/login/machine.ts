import { codeMachine } from '../../flows/machine';

/**
 * « Se connecter » once the password is right and a code was sent: the flow waits for the code,
 * and is consumed (deleted) when the right code is typed — the session starts. A wrong code or a
 * « Renvoyer un code » leave it as it is (tries and resends are counted by the codes and limits).
 * Pure: the diagram (`loginMachine.diagram()`) is in ./README.md.
 */
export type LoginState = 'awaiting_code' | 'signed_in';
export type LoginEvent = 'code_verified';

export const loginMachine = codeMachine('login', 'signed_in');

/** Nothing about the account is kept in the flow's data: the account is the flow's `accountId`. */
export type LoginData = Record<string, never>;
