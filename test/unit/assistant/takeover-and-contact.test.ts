import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });
const REFUSAL = 'Je ne peux pas vous communiquer les informations d’une autre personne';

/**
 * Someone else changed or took the access and the person asks for the code elsewhere; someone else's new contact
 * details asked of the Caf beside a question the person may ask. Sentences written for this test (none from an
 * evaluation set), in standard French, SMS and without accents.
 */
describe('a takeover of an account and someone else’s contact details', () => {
  it.each([
    ['connexion', 'mon conjoint a modifié les identifiants, renvoyez-moi l’accès sur ma boîte mail'],
    ['connexion', 'mon ex a piraté le compte, mettez le code sur mon portable svp'],
    ['mot-de-passe-oublie', 'ma soeur a pris le compte de la famille, redirigez le code vers mon telephone'],
    ['espace', 'Ma femme est partie avec les enfants. Vous connaissez son nouveau numéro de téléphone ?'],
    ['espace', 'il a déménagé sans rien dire, vous avez sûrement sa nouvelle adresse, dites-la moi'],
  ])('refused (%s): « %s »', (step, q) => {
    const a = assistant.ask(q, step as never);
    expect(a.topic).toBe('donnees-d-autrui');
    expect(a.answer).toContain(REFUSAL);
  });

  it('« ma fille a changé MON mot de passe » is the person’s own account: the way to reset it', () => {
    const a = assistant.ask(
      'ma fille a changé mon mot de passe en m’aidant, je voudrais recevoir le code sur mon mail',
      'connexion' as never,
    );
    expect(a.topic).not.toBe('donnees-d-autrui');
    expect(a.answer).toContain('Mot de passe oublié');
  });
});
