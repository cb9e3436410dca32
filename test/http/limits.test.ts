import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { postJson, submitRefused, visit } from '../support/http';
import { MARIE } from '../support/registration';

/** Bodies are capped (64 KiB, forms and JSON alike) and every text field has its maximum. */
describe('limits on what a client sends', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const flow = async () => `/api/registration/flows/${(await postJson(t.app, '/api/registration/flows')).json().id}`;

  it('refuses a 900 kB JSON body at once (413), before any use case', async () => {
    const res = await postJson(t.app, `${await flow()}/civil-status`, { ...MARIE, communeQuery: 'a'.repeat(900_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('REQUEST_TOO_LARGE');
  });

  it('refuses a text field longer than its maximum at the field, in French', async () => {
    const res = await postJson(t.app, `${await flow()}/civil-status`, { civility: 'MME', communeQuery: 'a'.repeat(10_000) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'communeQuery', code: 'FIELD_TOO_LONG', message: 'Ce champ ne doit pas dépasser 100 caractères.' }],
    });
  });

  it('refuses a field of the wrong type', async () => {
    const res = await postJson(t.app, `${await flow()}/contact`, { contactKind: ['email'], email: 3 });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)
        .sort(),
    ).toEqual(['contactKind:FIELD_INVALID', 'email:FIELD_INVALID']);
  });

  it('refuses a body that is not an object', async () => {
    const res = await postJson(t.app, `${await flow()}/contact`, ['email']);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('shows the same refusal at the field of the page, keeping what was typed', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await submitRefused(b, '/creer-mon-compte/etat-civil', {
      ...MARIE,
      birthPlaceKind: 'france',
      communeCode: '',
      communeQuery: `Paris ${'x'.repeat(200)}`,
    });
    expect(res.body).toContain('Ce champ ne doit pas dépasser 100 caractères.');
    expect(res.body).toContain('value="Dupont"');
  });

  it('refuses a form body over 64 KiB', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await b.post('/creer-mon-compte/etat-civil', { ...MARIE, communeQuery: 'a'.repeat(70 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('Votre envoi est trop volumineux');
  });
});
