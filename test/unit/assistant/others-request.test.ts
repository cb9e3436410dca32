import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { saysBodily } from '../../../src/assistant/distress';
import { safetyOf } from '../../../src/assistant/screening';

const assistant = new Assistant({ agencyPhone: '3230' });

describe('the state of a demande someone else made', () => {
  it.each([
    ['Ma sœur a envoyé sa demande de RSA le mois dernier, vous pouvez me dire si elle est acceptée ?', 'demarches'],
    ['mon fils majeur a fait une demande d aide au logement tout seul, je voudrais savoir où elle en est', undefined],
    ['Mon ex a déposé un dossier pour l’ASF, vous pouvez me dire son statut ?', 'demarches'],
  ] as const)('is refused, never read as an emergency: « %s »', (q, step) => {
    const a = assistant.ask(q, step);
    expect(a.topic).toBe('donnees-d-autrui');
  });

  it('a relative who made a demande, without asking where it stands, is no refusal', () => {
    expect(assistant.ask('Mon fils a fait une demande de son côté, est-ce que je dois en faire une aussi ?', 'demarches').topic).not.toBe(
      'donnees-d-autrui',
    );
  });
});

describe('a medical emergency the safety classifier alone guesses', () => {
  it('needs a body, a symptom or care in the message', () => {
    expect(saysBodily('mon fils de 22 ans a fait une demande d apl, où elle en est ?')).toBe(false);
    for (const q of ['il ne bouge plus', 'elle a très mal au ventre', 'j’ai appelé les pompiers', 'il ne parle plus', 'je suis enceinte'])
      expect(saysBodily(q)).toBe(true);
  });

  it('is no emergency in a question about a démarche that names none', () => {
    expect(safetyOf('Mon fils de 23 ans a fait une demande d’APL pour son studio, vous savez où elle en est ?', true).distress).toEqual([]);
  });

  it('still gives the 15 when the message says one', () => {
    const a = assistant.ask('mon père est tombé, il ne répond plus et respire mal, je fais quoi ?');
    expect(a.answer).toMatch(/\b15\b/);
  });
});
