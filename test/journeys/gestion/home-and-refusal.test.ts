import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/db/tables/agents.table';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { location, text } from '../../support/http';
import { createTestAgent, logInAgent } from './helpers';

/** /gestion leads each agent to the page of their role; a refusal on the Caf side stays on the Caf side. */
describe('the Caf side’s home and its refusals', () => {
  let t: TestApp;
  let assistant: Agent;
  let instructor: Agent;
  beforeAll(async () => {
    t = await buildTestApp();
    assistant = await createTestAgent(t.ctx, undefined, ['assistance']);
    instructor = await createTestAgent(t.ctx, undefined, ['instruction']);
  });
  afterAll(() => t.close());

  it('/gestion: the accounts for an assistance agent, the démarches for an instructing one', async () => {
    const a = new TestBrowser(t.app);
    await logInAgent(t.ctx, a, assistant, undefined, '/gestion/comptes');
    expect(location(await a.get('/gestion'))).toBe('/gestion/comptes');
    const i = new TestBrowser(t.app);
    await logInAgent(t.ctx, i, instructor);
    expect(location(await i.get('/gestion'))).toBe('/gestion/demarches');
    expect(location(await new TestBrowser(t.app).get('/gestion'))).toBe('/gestion/connexion');
  });

  it('a page of another role: 403 in the Caf side’s frame, with a link back to the agent’s own page', async () => {
    const a = new TestBrowser(t.app);
    await logInAgent(t.ctx, a, assistant, undefined, '/gestion/comptes');
    const refused = await a.get('/gestion/demarches');
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain('Vous n’avez pas le droit d’ouvrir cette page');
    expect(refused.body).toContain('Espace gestionnaire');
    expect(refused.body).toContain('<a class="govuk-link" href="/gestion/comptes">Retour à l’espace gestionnaire</a>');
    expect(refused.body).not.toContain('Retour à l’accueil');
  });
});
