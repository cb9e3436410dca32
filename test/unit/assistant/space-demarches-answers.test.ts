import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { loadKnowledge } from '../../../src/assistant/knowledge';

const assistant = new Assistant({ agencyPhone: '3230' });
const topic = (id: string) => loadKnowledge().find((t) => t.id === id)!;

describe('the personal space and the démarches: what the answers say (our own sentences)', () => {
  it.each([
    'ma mère est gravement malade, je m’occupe d’elle chaque jour, quelle allocation existe pour moi ?',
    // the safety classifier alone reads this one as a medical emergency
    "Ma mère est très malade, je m'occupe d'elle tous les jours. Il existe une aide pour les aidants ?",
  ])('a carer asking about an aid is no medical emergency when nothing happens now: %s', (q) => {
    const a = assistant.ask(q, 'demarches');
    expect(a.topic).not.toBe('urgence-medicale');
    expect(a.answer).not.toMatch(/appelez tout de suite le 15/);
  });

  it('a carer telling an emergency happening now still gets the 15', () => {
    const a = assistant.ask('mon père vient de tomber et ne répond plus, je m’occupe de lui, quelle aide ?', 'demarches');
    expect(a.answer).toMatch(/15/);
  });

  it.each(['que veut dire en attente de pièces sur ma demande ?', 'mon dossier est en attente d infos, je dois faire quoi'])(
    'the status « En attente de pièces » is explained with what to do, without the list of final statuses: %s',
    (q) => {
      const a = assistant.ask(q, 'demarches');
      expect(a.topic).toBe('suivre-demarches');
      expect(a.answer).toMatch(/« En attente de pièces » veut dire/);
      expect(a.answer).toMatch(/« Transmettre un justificatif »/);
      expect(a.answer).not.toMatch(/Refusée/);
    },
  );

  it('the general answer on following a démarche still lists every status', () => {
    expect(topic('suivre-demarches').answer.join(' ')).toMatch(/« Acceptée », « Refusée » ou « Classée sans suite »/);
  });

  it('a draft keeps the answers already given; a payment attestation lets the person choose the month or the period', () => {
    expect(topic('brouillon-demande').answer.join(' ')).toMatch(/avec les réponses déjà enregistrées/);
    expect(topic('attestations').answer.join(' ')).toMatch(/vous choisissez le mois ou la période : premier et dernier mois/);
  });
});
