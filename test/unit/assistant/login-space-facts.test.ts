import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { CODE_MAX_ATTEMPTS, CODE_RESEND_COOLDOWN_MS, CODE_TTL_MS } from '../../../src/auth/verification-codes';
import { FLOW_LIVES } from '../../../src/flows/lives';
import { RESET_REQUESTS_PER_IDENTIFIER_PER_HOUR } from '../../../src/journeys/password-reset/use-cases';

/** Facts of the forgotten password and of FranceConnect the knowledge lacked, each as the product does it. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the forgotten password', () => {
  it('gives the reset code’s life, its attempts, the request’s life and its limit per hour as the product has them', () => {
    expect(CODE_TTL_MS).toBe(10 * 60_000);
    expect(CODE_MAX_ATTEMPTS).toBe(5);
    expect(CODE_RESEND_COOLDOWN_MS).toBe(60_000);
    expect(FLOW_LIVES.passwordReset).toEqual({ ttlMs: 20 * 60_000, expiry: 'fixed' });
    expect(RESET_REQUESTS_PER_IDENTIFIER_PER_HOUR).toBe(5);
    const a = assistant.ask('J’ai oublié mon mot de passe : le code reçu dure combien de temps, et la demande ?', 'mot-de-passe-oublie');
    expect(a.topic).toBe('mot-de-passe-oublie');
    expect(a.answer).toContain('Le code reçu est valable 10 minutes ; après 5 codes faux');
    expect(a.answer).toContain('La demande elle-même dure 20 minutes');
    expect(a.answer).toContain('5 demandes au plus par heure');
  });

  it('says every other device is signed out once the new password is saved', () => {
    const a = assistant.ask('mot de passe oublié, une fois changé je dois me reconnecter sur ma tablette ?', 'mot-de-passe-oublie');
    expect(a.topic).toBe('mot-de-passe-oublie');
    expect(a.answer).toContain('vous êtes déconnecté(e) de tous les appareils');
  });

  it('says the letter comes within a few days and its code lasts 30 days (src/journeys/recovery)', () => {
    const a = assistant.ask(
      'j’ai oublié mon mot de passe et je n’ai plus accès à mon mail, le courrier arrive quand ?',
      'mot-de-passe-oublie',
    );
    expect(a.topic).toBe('mot-de-passe-oublie');
    expect(a.answer).toContain('il arrive sous quelques jours et il est valable 30 jours');
    expect(a.answer).toContain('« Récupération au guichet »');
  });
});

describe('FranceConnect', () => {
  it('names France Identité among the accounts, and says no Caf login code is sent with FranceConnect', () => {
    const a = assistant.ask('Quels comptes je peux utiliser avec FranceConnect ? France Identité ça marche ?', 'franceconnect');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('MSA, France Identité');
    // a linked `sub` opens a session at once (src/journeys/franceconnect/login-pages.ts → signIn), no login code
    expect(a.answer).toContain('la Caf ne vous envoie pas de code de connexion');
  });

  it('says an existing account is linked with its own password, once, without a second account', () => {
    const a = assistant.ask('FranceConnect dit que j’ai déjà un compte et me demande de le relier, je fais quoi ?', 'franceconnect');
    expect(a.topic).toBe('franceconnect-probleme');
    expect(a.answer).toContain('« Relier mon compte et me connecter » : aucun deuxième compte n’est créé');
    expect(a.answer).toContain('déjà relié à une autre identité FranceConnect, appelez votre Caf au 3230');
  });
});
