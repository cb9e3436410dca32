import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { fold } from '../../../src/assistant/analyser';
import { safetyOf } from '../../../src/assistant/screening';

/**
 * In the personal space, a yes-or-no question gets what is true said plainly, in our own words: what the person
 * may do (`can()`, src/household/permissions.ts), what the ex-partner sees after a separation
 * (src/demarches/separation.ts), what an identity « à confirmer » allows (src/journeys/registration/review-views.ts).
 */
const assistant = new Assistant({ agencyPhone: '3230' });
const says = (q: string, step: 'espace' | 'demarches' = 'espace') => fold(assistant.ask(q, step).answer);

describe('direct answers in the personal space', () => {
  it('tells that the content of an attestation can be chosen', () => {
    expect(says('sur l’attestation pour la crèche, je peux décider ce qui est affiché ?')).toContain('vous pouvez choisir');
  });

  it('tells a conjoint with a procuration that they may do what the responsable does', () => {
    expect(says('ma femme m’a donné la procuration, je peux faire la demande de RSA pour nous deux ?')).toContain(
      'vous pouvez faire tout ce que fait le responsable',
    );
  });

  it('tells the person who declares a separation that the former partner has no access to the new address', () => {
    expect(says('je déclare la séparation, mon ancien compagnon pourra lire où j’habite maintenant ?')).toContain(
      'vos coordonnees restent connues de la caf seule',
    );
  });

  it('tells every member that they change their own contact themselves', () => {
    expect(says('je ne suis pas le responsable du dossier, je peux changer mon adresse mail moi-même ?')).toContain(
      'vous pouvez modifier vous-meme vos coordonnees',
    );
  });

  it('tells where the amounts already received are shown, beside what it cannot calculate', () => {
    expect(says('combien je touche d’APL en ce moment ?')).toContain('« mes droits » donne le montant mensuel');
  });

  it('tells that an identity « à confirmer » does not stop using the account', () => {
    expect(says('dans mes informations c’est écrit identité à confirmer, qu’est-ce que ça veut dire ?')).toContain(
      'vous pouvez quand meme vous connecter et utiliser votre compte',
    );
  });

  it('reads « il faut le dire ? » as declaring something, not as asking for someone else’s data', () => {
    expect(safetyOf('mon copain touche le RSA, moi j’ai repris un travail, il faut le dire ?', true).othersData).toBe(false);
    expect(safetyOf('ma sœur touche combien de RSA, vous pouvez me le dire ?', true).othersData).toBe(true);
  });
});
