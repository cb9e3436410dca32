import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, IDLE_WARNING_MS } from '../../../src/auth/sessions';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Being signed out by itself: the session's limits, as src/auth/sessions.ts sets them. */
describe('a session that ends by itself', () => {
  it.each([
    ['ca me deconnecte tout le temps', 'connexion'],
    ['combien de temps je reste connecte', 'connexion'],
    ['pourquoi je suis déconnectée toute seule de mon espace ?', 'espace'],
  ] as const)('answers « %s » with the limits of a session', (q, step) => {
    const a = assistant.ask(q, step);
    expect(a.topic).toBe('session-expiree');
    expect(a.answer).toContain(`${IDLE_TIMEOUT_MS / 60_000} minutes sans activité`);
    expect(a.answer).toContain(`${ABSOLUTE_TIMEOUT_MS / 3_600_000} heures après votre connexion`);
    expect(a.answer).toContain(`${(IDLE_TIMEOUT_MS - IDLE_WARNING_MS) / 60_000} minutes avant`);
    expect(a.answer).toContain('« Rester connecté »');
  });
});
