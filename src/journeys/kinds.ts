import { agentLoginMachine, type AgentLoginData } from './agents-login/machine';
import { defineFlowKind, type FlowKind } from './engine/flow';
import type { RegistrationData } from './registration/data';
import { contactChangeMachine, type ContactChangeData } from './contact-change/machine';
import { franceConnectSignupMachine } from './franceconnect/machine';
import type { SignupData } from './franceconnect/data';
import { loginMachine, type LoginData } from './login/machine';
import { passwordResetMachine, type PasswordResetData } from './password-reset/machine';
import { recoveryMachine, type RecoveryData } from './recovery/machine';
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

export const loginFlow = defineFlowKind<LoginData>()({
  machine: loginMachine,
  // The code must be typed within 15 minutes of the password, whatever happens in between.
  ttlMs: 15 * 60_000,
  expiry: 'fixed',
  label: 'connexion',
  restartPath: '/connexion',
});

export const passwordResetFlow = defineFlowKind<PasswordResetData>()({
  machine: passwordResetMachine,
  ttlMs: 20 * 60_000,
  expiry: 'fixed',
  label: 'demande de nouveau mot de passe',
  restartPath: '/mot-de-passe-oublie',
});

export const franceConnectSignupFlow = defineFlowKind<SignupData>()({
  machine: franceConnectSignupMachine,
  // An hour after the last thing the person did.
  ttlMs: 60 * 60_000,
  expiry: 'sliding',
  label: 'création de compte avec FranceConnect',
  restartPath: '/connexion',
});

export const contactChangeFlow = defineFlowKind<ContactChangeData>()({
  machine: contactChangeMachine,
  // The code must be typed within 30 minutes of the request (the code itself lives 10).
  ttlMs: 30 * 60_000,
  expiry: 'fixed',
  label: 'changement de coordonnées',
  restartPath: '/mon-espace/securite/contact',
});

export const recoveryFlow = defineFlowKind<RecoveryData>()({
  machine: recoveryMachine,
  // Identity proven: the new contact and password within 30 minutes (a letter's code lives 30 days, it is not spent until then).
  ttlMs: 30 * 60_000,
  expiry: 'fixed',
  label: 'récupération de l’accès à votre compte',
  restartPath: '/mot-de-passe-oublie/sans-contact',
});

export const agentLoginFlow = defineFlowKind<AgentLoginData>()({
  machine: agentLoginMachine,
  // As the person's login: the code within 15 minutes of the password.
  ttlMs: 15 * 60_000,
  expiry: 'fixed',
  label: 'connexion à l’espace gestionnaire',
  restartPath: '/gestion/connexion',
});

/** Every kind, with the README that shows its diagram (kept in step by `npm run diagrams`, checked by a test). */
export const allFlowKinds: readonly { kind: FlowKind<string, string, unknown>; readme: string }[] = [
  { kind: registrationFlow, readme: 'src/journeys/registration/README.md' },
  { kind: loginFlow, readme: 'src/journeys/login/README.md' },
  { kind: passwordResetFlow, readme: 'src/journeys/password-reset/README.md' },
  { kind: franceConnectSignupFlow, readme: 'src/journeys/franceconnect/README.md' },
  { kind: contactChangeFlow, readme: 'src/journeys/contact-change/README.md' },
  { kind: recoveryFlow, readme: 'src/journeys/recovery/README.md' },
  { kind: agentLoginFlow, readme: 'src/journeys/agents-login/README.md' },
];
