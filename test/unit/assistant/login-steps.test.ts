import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/**
 * The login's steps (se connecter, mot de passe oublié, FranceConnect) and the help page (no step): what a person
 * there needs, in words of our own, not the tuning sets'.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('logging in', () => {
  it.each([
    'pas de numero secu, je me connecte avec quoi alors',
    'vu que j’ai pas de numéro de sécurité sociale, je me connecte avec quoi ?',
  ])('answers « %s » on the login page with the provisional identifier, not the NIR’s format', (q) => {
    const a = assistant.ask(q, 'connexion');
    expect(a.topic).toBe('sans-nir');
    expect(a.answer).toContain('identifiant provisoire');
  });
});
