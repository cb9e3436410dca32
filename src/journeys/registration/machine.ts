import { defineMachine } from '../../flows/machine';

/**
 * The registration wizard as a pure state machine (no I/O): the steps in order, which step a
 * person may open given the flow's state, and where a successful submission leads.
 * The diagram (`registrationMachine.diagram()`) is in ./README.md.
 */

/** The steps a person fills in, in order (④ to ⑧ of the public page, then the recap). */
export const STEPS = ['civil_status', 'identity_document', 'contact', 'code', 'password', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** Flow states: the furthest step reached, then `completed` once the account is created. */
export type FlowState = Step | 'completed';

export const STEP_TITLES: Record<Step, string> = {
  civil_status: 'État civil',
  identity_document: 'Titre d’identité',
  contact: 'Coordonnées de contact',
  code: 'Code de vérification',
  password: 'Mot de passe',
  review: 'Récapitulatif',
};

/**
 * What a person does that moves the flow: a step saved (`*_saved`), the code verified (with or
 * without a password already chosen), the account confirmed. The state is the furthest step
 * reached: saving an earlier step again (« Retour », « Modifier ») keeps it — except the contact,
 * whose new details must be verified (back to the code step).
 */
export type RegistrationEvent =
  | 'civil_status_saved'
  | 'document_saved'
  | 'contact_saved'
  | 'code_verified'
  | 'code_verified_with_password'
  | 'password_saved'
  | 'confirmed';

export const registrationMachine = defineMachine<FlowState, RegistrationEvent>({
  name: 'registration',
  states: [...STEPS, 'completed'],
  initial: 'civil_status',
  final: ['completed'],
  transitions: {
    civil_status: { civil_status_saved: 'identity_document' },
    identity_document: { civil_status_saved: 'identity_document', document_saved: 'contact' },
    contact: { civil_status_saved: 'contact', document_saved: 'contact', contact_saved: 'code' },
    code: {
      civil_status_saved: 'code',
      document_saved: 'code',
      contact_saved: 'code',
      code_verified: 'password',
      code_verified_with_password: 'review',
    },
    password: { civil_status_saved: 'password', document_saved: 'password', contact_saved: 'code', password_saved: 'review' },
    review: {
      civil_status_saved: 'review',
      document_saved: 'review',
      contact_saved: 'code',
      password_saved: 'review',
      confirmed: 'completed',
    },
  },
});

/** The event of a step saved (the code step's event depends on whether a password was chosen). */
export const SAVED: Record<Exclude<Step, 'code' | 'review'>, RegistrationEvent> = {
  civil_status: 'civil_status_saved',
  identity_document: 'document_saved',
  contact: 'contact_saved',
  password: 'password_saved',
};

export function stepIndex(s: Step): number {
  return STEPS.indexOf(s);
}

/** « Étape n sur 6 » */
export function stepNumber(s: Step): { current: number; total: number; title: string } {
  return { current: stepIndex(s) + 1, total: STEPS.length, title: STEP_TITLES[s] };
}

export function nextStep(s: Step): Step {
  return STEPS[Math.min(stepIndex(s) + 1, STEPS.length - 1)] as Step;
}

export function previousStep(s: Step): Step | undefined {
  const i = stepIndex(s);
  return i > 0 ? STEPS[i - 1] : undefined;
}

/**
 * The navigation guard, in one place: a step can be opened when it is the current step or one
 * already passed; a completed flow opens no step.
 */
export function canOpen(state: FlowState, step: Step): boolean {
  if (state === 'completed') return false;
  return stepIndex(step) <= stepIndex(state);
}

/** Facts about the data that the guard needs besides the state. */
export interface GuardFacts {
  /** the contact details have been verified with a code (the code step is then behind the person) */
  contactVerified: boolean;
}

/**
 * THE navigation guard, used by the pages and the JSON API alike: `null` when `step` may be opened,
 * otherwise where the person should be sent instead.
 * - a completed flow opens no step: its confirmation page is shown;
 * - a step not reached yet sends to the current step;
 * - the code step, once the contact is verified and the flow has moved on, sends to the current step.
 */
export function guard(state: FlowState, step: Step, facts: GuardFacts): Step | 'completed' | null {
  if (state === 'completed') return 'completed';
  if (!canOpen(state, step)) return state;
  if (step === 'code' && facts.contactVerified && state !== 'code') return state;
  return null;
}

/** Where « Retour » leads from `step`: the previous step, skipping the code once the contact is verified. */
export function backStep(step: Step, facts: GuardFacts): Step | undefined {
  const prev = previousStep(step);
  if (prev === 'code' && facts.contactVerified) return 'contact';
  return prev;
}

/**
 * Where to go after a successful submission of `step`: the recap when the person was already
 * there (they came through « Modifier »), else the next step.
 */
export function afterSubmit(newState: FlowState, step: Step): Step | 'completed' {
  if (newState === 'completed') return 'completed';
  if (newState === 'review') return 'review';
  return nextStep(step);
}
