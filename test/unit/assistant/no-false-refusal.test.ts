import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/**
 * Someone else named while the person asks about the rules or their own case: the refusal of someone else's data must
 * not fire. Each sentence is ours.
 */
describe('no refusal when someone else is only named', () => {
  it.each([
    // « à personne » is nobody
    ['votre site plante à chaque étape du compte, il n’y a personne à qui parler ou quoi ?', undefined],
    ['je ne l’ai dit à personne encore, mon copain croit que c’est automatique, je fais quoi pour déclarer la naissance ?', undefined],
    // « notre dossier » is the person's own
    ['mon époux est allocataire, le récapitulatif va montrer notre dossier ?', 'recapitulatif'],
    // « après avoir envoyé sa demande »: an auxiliary, not a wish
    ['ma cousine, après avoir envoyé sa demande, a attendu un mois ; c’est normal ce délai pour la mienne ?', 'demarches'],
    // « le mien »: the person's own account
    ['ma femme a déjà son compte, est-ce que le mien sera rattaché au même dossier ?', 'recapitulatif'],
    // which credentials to use, not a wish to use the partner's
    ['on a le même dossier avec mon conjoint, je me connecte avec ses codes à lui ou avec les miens ?', 'connexion'],
    // the holder's partner who would act for them
    ['ma compagne gère le dossier mais elle est hospitalisée, comment je peux faire les démarches à sa place ?', undefined],
  ] as const)('« %s »', (q, step) => {
    expect(assistant.ask(q, step).topic).not.toBe('donnees-d-autrui');
  });
});
