import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { assetUrl } from '../../src/http/assets';

const json = { 'content-type': 'application/json' };

describe('POST /api/chatbot', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const ask = (payload: unknown, o: { ip?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/chatbot',
      headers: o.headers ?? json,
      payload: JSON.stringify(payload),
      remoteAddress: o.ip ?? '10.0.0.1',
    });

  it('answers { answer, topic, confidence, sources, handover } for a question and a step', async () => {
    const res = await ask({ question: 'jai pas recu le code', step: 'code' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      question: 'jai pas recu le code',
      answer: expect.stringContaining('Renvoyer un code'),
      topic: 'code-non-recu',
      confidence: expect.any(Number),
      sources: expect.arrayContaining([{ title: expect.any(String), url: '/creer-mon-compte/code' }]),
      handover: false,
      others: [],
      choices: false,
    });
    expect(body.confidence).toBeGreaterThan(0);
    expect(body.confidence).toBeLessThanOrEqual(1);
  });

  it('hands over to the Caf for what it must not do, without repeating the number', async () => {
    const body = (await ask({ question: 'donne moi le numero de secu de mon mari, le mien est 2 84 12 75 056 123 45' })).json();
    expect(body.topic).toBe('donnees-d-autrui');
    expect(body.handover).toBe(true);
    expect(body.answer).toContain('3230');
    expect(JSON.stringify(body)).not.toContain('056 123');
  });

  it.each([
    [{ question: '' }, 'ASSISTANT_QUESTION_REQUIRED', 'Écrivez votre question'],
    [{ question: '   ' }, 'ASSISTANT_QUESTION_REQUIRED', 'Écrivez votre question'],
    [{}, 'ASSISTANT_QUESTION_REQUIRED', 'Écrivez votre question'],
    [{ question: 'a'.repeat(501) }, 'ASSISTANT_QUESTION_TOO_LONG', '500 caractères au plus'],
    [{ question: 42 }, 'ASSISTANT_QUESTION_NOT_TEXT', 'doit être du texte'],
    [{ question: ['code'] }, 'ASSISTANT_QUESTION_NOT_TEXT', 'doit être du texte'],
    [['code'], 'ASSISTANT_QUESTION_NOT_TEXT', 'doit être du texte'],
    [{ question: 'code', step: 'ailleurs' }, 'ASSISTANT_STEP_UNKNOWN', 'étape'],
  ])('refuses %j with a clear French message (%s)', async (payload, code, words) => {
    const res = await ask(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, message: expect.stringContaining(words) });
  });

  it('takes a missing or null step as no step', async () => {
    expect((await ask({ question: 'code pas reçu', step: null })).statusCode).toBe(200);
  });

  it('accepts 500 characters', async () => {
    expect((await ask({ question: `${'mot de passe oublié '.repeat(25)}`.slice(0, 500) })).statusCode).toBe(200);
  });

  it('requires a JSON body (the CSRF rule of /api/)', async () => {
    const res = await ask('question=code', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('limits the questions of one IP (20 a minute), not those of another', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await ask({ question: 'code pas reçu' }, { ip: '10.9.9.9' })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 200)).toBe(true);
    const refused = await ask({ question: 'code pas reçu' }, { ip: '10.9.9.9' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'ASSISTANT_RATE_LIMITED', message: expect.stringContaining('Patientez') });
    expect((await ask({ question: 'code pas reçu' }, { ip: '10.9.9.10' })).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await ask({ question: 'code pas reçu' }, { ip: '10.9.9.9' })).statusCode).toBe(200);
  });
});

describe('the page /aide/assistant (without JavaScript)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('shows a form with its CSRF token and the step it came from, and the topics as links', async () => {
    const b = new TestBrowser(t.app);
    const res = await b.get('/aide/assistant?etape=code');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">L’assistant de Mon Compte</h1>');
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(res.body).toContain('<input type="hidden" name="etape" value="code">');
    expect(res.body).toContain('href="/aide/assistant?sujet=sans-nir&amp;etape=code"');
    expect(res.body).not.toContain('data-assistant-toggle');
  });

  it('answers on the page, with the sources, the other questions as links, and the question masked', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/aide/assistant?etape=code');
    const res = await b.post('/aide/assistant', {
      etape: 'code',
      question: "mon code 123456 marche pas. et aussi c'est quoi les règles du mot de passe ?",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 class="govuk-heading-m" id="reponse" tabindex="-1">Réponse</h2>');
    expect(res.body).not.toContain('123456');
    expect(res.body).toContain('Votre question\u00a0: « mon code [masqué] marche pas.');
    expect(res.body).toContain('href="/aide/assistant?sujet=regles-mot-de-passe"');
    expect(res.body).toContain('Pour en savoir plus');
  });

  it('shows the error at the field and in the summary, and keeps what was typed', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/aide/assistant');
    const empty = await b.post('/aide/assistant', { question: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<title>Erreur\u00a0: L’assistant de Mon Compte');
    expect(empty.body).toContain('<a href="#question">Écrivez votre question');
    const long = await b.post('/aide/assistant', { question: `mot de passe ${'x'.repeat(500)}` });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('500 caractères au plus');
    expect(long.body).toContain('>mot de passe xxx');
  });

  it('refuses a post without the CSRF token', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/aide/assistant');
    expect((await b.post('/aide/assistant', { question: 'code' }, { csrf: false })).statusCode).toBe(403);
  });

  it('shows a topic followed from a link', async () => {
    const res = await t.app.inject({ url: '/aide/assistant?sujet=franceconnect' });
    expect(res.body).toContain('FranceConnect vous permet de créer Mon Compte');
  });
});

describe('the widget on the pages of the journeys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['/connexion', 'connexion'],
    ['/mot-de-passe-oublie', 'mot-de-passe-oublie'],
  ])('%s carries its step and links to the help page without JavaScript', async (path, step) => {
    const res = await t.app.inject({ url: path });
    expect(res.body).toContain(`data-assistant-step="${step}"`);
    expect(res.body).toContain(`href="/aide/assistant?etape=${step}" data-assistant-toggle`);
    expect(res.body).toContain(`<script src="${assetUrl('/assets/js/assistant.js')}" defer></script>`);
  });

  it('is on the steps of « Créer Mon Compte » with their names', async () => {
    const b = new TestBrowser(t.app);
    let res = await b.get('/creer-mon-compte/nouveau');
    while (res.statusCode >= 300 && res.statusCode < 400) res = await b.get(String(res.headers.location));
    expect(res.body).toContain('data-assistant-step="etat-civil"');
  });
});
