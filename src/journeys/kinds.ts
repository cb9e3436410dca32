import { agentLoginMachine, type AgentLoginData } from './agents-login/machine';
import { defineFlowKind, type FlowKind } from '../flows/flow';
import { FLOW_LIVES } from '../flows/lives';
import type { RegistrationData } from './registration/data';
import { contactChangeMachine, type ContactChangeData } from './contact-change/machine';
import { franceConnectSignupMachine } from './franceconnect/machine';
import type { SignupData } from './franceconnect/data';
import { loginMachine, type LoginData } from './login/machine';
import { passwordResetMachine, type PasswordResetData } from './password-reset/machine';
import { recoveryMachine, type RecoveryData } from './recovery/machine';
import { registrationMachine } from './registration/machine';

/**
 * Every kind of flow: its machine (in its own folder), how long it lives and whether that slides
 * with activity (src/flows/lives.ts, where the retention registry reads them too), its name in the
 * shared error messages, the page where a person starts again.
 */
export const registrationFlow = defineFlowKind<RegistrationData>()({
  machine: registrationMachine,
  ...FLOW_LIVES.registration,
  label: 'session de création de compte',
  restartPath: '/creer-mon-compte',
});

export const loginFlow = defineFlowKind<LoginData>()({
  machine: loginMachine,
  ...FLOW_LIVES.login,
  label: 'connexion',
  restartPath: '/connexion',
});

export const passwordResetFlow = defineFlowKind<PasswordResetData>()({
  machine: passwordResetMachine,
  ...FLOW_LIVES.passwordReset,
  label: 'demande de nouveau mot de passe',
  restartPath: '/mot-de-passe-oublie',
});

export const franceConnectSignupFlow = defineFlowKind<SignupData>()({
  machine: franceConnectSignupMachine,
  ...FLOW_LIVES.franceConnectSignup,
  label: 'création de compte avec FranceConnect',
  restartPath: '/connexion',
});

export const contactChangeFlow = defineFlowKind<ContactChangeData>()({
  machine: contactChangeMachine,
  ...FLOW_LIVES.contactChange,
  label: 'changement de coordonnées',
  restartPath: '/mon-espace/securite/contact',
});

export const recoveryFlow = defineFlowKind<RecoveryData>()({
  machine: recoveryMachine,
  ...FLOW_LIVES.recovery,
  label: 'récupération de l’accès à votre compte',
  restartPath: '/mot-de-passe-oublie/sans-contact',
});

export const agentLoginFlow = defineFlowKind<AgentLoginData>()({
  machine: agentLoginMachine,
  ...FLOW_LIVES.agentLogin,
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
