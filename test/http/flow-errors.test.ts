import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../src/flows/flow';
import { contactChangeFlow, registrationFlow } from '../../src/journeys/kinds';
import { registerErrorHandling } from '../../src/http/errors';

describe('flow errors over HTTP', () => {
  it('answer the same code and words in JSON, and a page with the kind’s « Recommencer »', async () => {
    const app = Fastify();
    registerErrorHandling(app, { agencyPhone: '3230' });
    app.get('/api/x', async () => {
      throw new FlowError('FLOW_EXPIRED', registrationFlow);
    });
    app.get('/x', async () => {
      throw new FlowError('FLOW_CONFLICT', contactChangeFlow);
    });
    const json = await app.inject({ url: '/api/x' });
    expect(json.statusCode).toBe(410);
    expect(json.json().error).toEqual({
      code: 'FLOW_EXPIRED',
      message: expect.stringContaining('Votre session de création de compte a expiré'),
    });
    const page = await app.inject({ url: '/x' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('modifiées entre-temps');
    expect(page.body).toContain('<a class="govuk-link" href="/mon-espace/securite/contact">Recommencer</a>');
    await app.close();
  });
});
