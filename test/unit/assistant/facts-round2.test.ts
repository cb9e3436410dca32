import { describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../../src/demarches/machine';
import { Assistant } from '../../../src/assistant/assistant';
import { asksStatusMeaning } from '../../../src/assistant/statuses';
import type { AssistantStep } from '../../../src/assistant/steps';

const assistant = new Assistant({ agencyPhone: '3230' });

/** A question about something else than Mon Compte is said to be so on every step, never answered with the step's topic. */
describe('off-topic on every step', () => {
  it.each<[string, AssistantStep | undefined]>([
    ['La mairie est ouverte le lundi matin ?', 'mot-de-passe'],
    ['À quelle heure ouvre la pharmacie le dimanche ?', 'contact'],
    ['le bureau de poste ferme à quelle heure ce soir ?', 'recapitulatif'],
    ['le bureau de poste ferme à quelle heure ce soir ?', undefined],
  ])('« %s » on %s', (q, step) => {
    const a = assistant.ask(q, step);
    expect(a.topic).toBe('hors-sujet');
    expect(a.answer).toContain('Je ne peux pas répondre à cette question');
    expect(a.choices).toBe(false);
  });
});

/** What a démarche's status means: the statuses of src/demarches/machine.ts, whatever prestation the message names. */
describe('the meaning of a status', () => {
  it.each([
    'mon RSA est marqué traitée, ça veut dire quoi ?',
    'Que signifie « Classée sans suite » pour ma demande d’aide au logement ?',
    'ma demande de prime d’activité est en cours d’instruction c koi',
  ])('« %s » gets the statuses', (q) => {
    const a = assistant.ask(q, 'demarches');
    expect(a.topic).toBe('suivre-demarches');
    expect(a.answer).toMatch(/Acceptée|En cours d’instruction/);
  });
  it('names every status the product shows', () => {
    const a = assistant.ask('mon RSA est marqué traitée, ça veut dire quoi ?', 'demarches');
    for (const label of Object.values(STATUS_LABELS).filter((l) => l !== 'En attente de pièces'))
      expect(a.answer).toContain(`« ${label} »`);
  });
  it('is not a code « envoyé » nor a status named without asking its meaning', () => {
    expect(asksStatusMeaning('le code envoyé ça veut dire quoi')).toBe(false);
    expect(asksStatusMeaning('ma demande est refusée, comment contester ?')).toBe(false);
    expect(asksStatusMeaning('ma demande est « Envoyée », ça veut dire quoi ?')).toBe(true);
  });
});

/** The household of the glossary: the responsable, the conjoint, every child and the other dependents. */
describe('the foyer', () => {
  it('counts every child, not only those over 15', () => {
    const a = assistant.ask('Qui fait partie du foyer allocataire ?');
    expect(a.answer).toContain('ses enfants (quel que soit leur âge)');
    expect(a.answer).not.toMatch(/enfants de plus de 15 ans (et|font)/);
  });
});

/** FranceConnect changes how one logs in, not what one may do: that is the role in the household (`can()`). */
describe('FranceConnect and rights on the dossier', () => {
  it('says the role decides, not the way of logging in', () => {
    const a = assistant.ask('En passant par FranceConnect, est-ce que je peux faire plus de choses sur le dossier ?', 'franceconnect');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('dépend de votre rôle dans le foyer');
    expect(a.answer).toContain('les mêmes droits');
  });
});

/** The codes' limits (src/journeys/contact-verification/codes.ts): why one waits, and how long. */
describe('codes sent too often', () => {
  it('on the contact step, says the limit per hour and that the page tells how long to wait', () => {
    const a = assistant.ask('j’ai appuyé plein de fois sur envoyer le code et maintenant trop de codes, je suis bloquée', 'contact');
    expect(a.topic).toBe('sms-ou-mail');
    expect(a.answer).toContain('5 codes au plus');
    expect(a.answer).toContain('combien de temps patienter');
  });
  it('on the code step, says why a new code is not sent at once', () => {
    const a = assistant.ask('pourquoi je dois attendre pour redemander un nouveau code ?', 'code');
    expect(a.topic).toBe('code-non-recu');
    expect(a.answer).toContain('protègent votre compte');
  });
});

/** The code at each login is the Caf's, and why. */
describe('the login code', () => {
  it('says it is sent by the Caf, for security', () => {
    const a = assistant.ask('ce code à 6 chiffres quand je me connecte, c’est vraiment la Caf qui l’envoie ?', 'connexion');
    expect(a.topic).toBe('code-connexion');
    expect(a.answer).toContain('C’est bien la Caf qui vous l’envoie');
  });
});
