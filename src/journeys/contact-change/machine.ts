import { codeMachine } from '../../flows/machine';
import type { ContactKind } from '../../accounts/destination';

/**
 * Changing the contact details of a signed-in account: once the current password is checked and a
 * code sent to the NEW contact, the flow waits for that code; the right code replaces the contact
 * and consumes the flow. A new request replaces a pending one. Pure: the diagram
 * (`contactChangeMachine.diagram()`) is in ./README.md.
 */
export type ContactChangeState = 'awaiting_code' | 'changed';
export type ContactChangeEvent = 'code_verified';

export const contactChangeMachine = codeMachine('contact_change', 'changed');

/** The new contact, until its code is typed (the account is the flow's `accountId`). */
export interface ContactChangeData {
  kind: ContactKind;
  value: string;
}
