import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../auth/sessions';
import { TRANSACTION_TTL_MS } from '../../flows/franceconnect-transactions';
import { SIGNUP_TTL_MS } from '../franceconnect/store';
import { agentLoginFlow, contactChangeFlow, loginFlow, passwordResetFlow, recoveryFlow } from '../kinds';
import { DEVICE_COOKIE_MAX_AGE_S } from '../../recovery/devices';
import { FORM_STATE_TTL_MS, frenchDuration } from '../../retention/registry';

/**
 * Every cookie the service sets (`reply.setCookie` in src/), for the cookies statement (`/cookies`).
 * All are strictly necessary (security, sign-in, a form in progress): no consent banner is needed
 * (CNIL, délibération n° 2020-091, exemption of article 82 of the loi Informatique et Libertés). None
 * measures audience or follows the person elsewhere. test/http/legal-pages.test.ts checks that every
 * cookie name set in the code is listed here.
 */
export interface CookieEntry {
  name: string;
  purpose: string;
  lifetime: string;
}

const untilClosed = 'jusqu’à la fermeture du navigateur';

export const COOKIES: readonly CookieEntry[] = [
  {
    name: 'mc_session',
    purpose: 'vous garder connecté à votre espace personnel',
    lifetime: `${untilClosed} ; la session elle-même prend fin après ${frenchDuration(IDLE_TIMEOUT_MS)} d’inactivité ou ${frenchDuration(ABSOLUTE_TIMEOUT_MS)} au plus`,
  },
  { name: 'mc_csrf', purpose: 'protéger vos formulaires contre les envois frauduleux depuis un autre site', lifetime: untilClosed },
  {
    name: 'mc_form',
    purpose: 'vous réafficher un formulaire avec ses messages d’erreur et vos réponses, une seule fois',
    lifetime: frenchDuration(FORM_STATE_TTL_MS),
  },
  { name: 'mc_registration', purpose: 'retrouver les réponses de votre création de compte en cours', lifetime: '1 jour' },
  { name: 'mc_login', purpose: 'poursuivre votre connexion en cours (étape du code)', lifetime: frenchDuration(loginFlow.ttlMs) },
  { name: 'mc_reset', purpose: 'poursuivre votre demande de nouveau mot de passe', lifetime: frenchDuration(passwordResetFlow.ttlMs) },
  { name: 'mc_contact', purpose: 'poursuivre votre changement de coordonnées', lifetime: frenchDuration(contactChangeFlow.ttlMs) },
  { name: 'mc_intent', purpose: 'vous ramener à la prestation choisie après la connexion', lifetime: '1 jour' },
  { name: 'mc_fc_tx', purpose: 'sécuriser l’aller-retour avec FranceConnect', lifetime: frenchDuration(TRANSACTION_TTL_MS) },
  { name: 'mc_fc_signup', purpose: 'poursuivre la création de votre compte avec FranceConnect', lifetime: frenchDuration(SIGNUP_TTL_MS) },
  { name: 'mc_agent', purpose: 'garder connecté un agent de la Caf à l’espace gestionnaire', lifetime: untilClosed },
  { name: 'mc_agent_login', purpose: 'poursuivre la connexion d’un agent de la Caf', lifetime: frenchDuration(agentLoginFlow.ttlMs) },
  {
    name: 'mc_recovery',
    purpose: 'poursuivre la récupération de l’accès à votre compte sans vos coordonnées de contact',
    lifetime: frenchDuration(recoveryFlow.ttlMs),
  },
  {
    name: 'mc_device',
    purpose:
      'reconnaître un appareil depuis lequel vous vous êtes déjà connecté, pour vous prévenir d’une connexion depuis un nouvel appareil',
    lifetime: frenchDuration(DEVICE_COOKIE_MAX_AGE_S * 1000),
  },
];
