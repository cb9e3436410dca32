import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';

/** The suggestions, the choices followed by topic, and the conversation kept from one question to the next. */
describe('the conversation with the assistant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const ask = (payload: unknown, ip = '10.0.1.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/chatbot',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
      remoteAddress: ip,
    });

  it('answers a suggestion or a choice by its topic, and ignores a topic it does not have', async () => {
    const chosen = (await ask({ question: 'Mot de passe oublié', topic: 'mot-de-passe-oublie', step: 'code' })).json();
    expect(chosen.topic).toBe('mot-de-passe-oublie');
    expect(chosen.confidence).toBe(1);
    expect(chosen.question).toBe('Mot de passe oublié');
    const unknown = (await ask({ question: 'je n’ai pas reçu le code', topic: 'n-existe-pas', step: 'code' })).json();
    expect(unknown.topic).toBe('code-non-recu');
    // A topic that is not searched (the answer given when nothing matches) is not a choice either.
    expect((await ask({ question: 'code pas reçu', topic: 'inconnu', step: 'code' })).json().topic).toBe('code-non-recu');
  });

  it('sends the question back masked, the only form the widget keeps', async () => {
    const body = (await ask({ question: 'mon numéro 1 85 05 78 006 084 36 est refusé', step: 'etat-civil' })).json();
    expect(body.question).toBe('mon numéro [masqué] est refusé');
    expect(JSON.stringify(body)).not.toContain('006 084');
  });

  it('offers the step’s frequent questions on the help page, the step’s own topic first', async () => {
    const res = await t.app.inject({ url: '/aide/assistant?etape=code' });
    expect(res.body).toContain('Les questions fréquentes à cette étape');
    const block = res.body.slice(res.body.indexOf('id="suggestions"'), res.body.indexOf('<form'));
    const first = block.match(/href="([^"]+)"/)?.[1];
    expect(first).toBe('/aide/assistant?sujet=code-non-recu&amp;etape=code');
  });

  it('keeps the conversation from one question to the next, masked, in the form (a reload posts it again)', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/aide/assistant?etape=code');
    const first = await b.post('/aide/assistant', { etape: 'code', question: 'mon code 123456 ne marche pas' });
    expect(first.body).toContain('<input type="hidden" name="historique" value="');
    const carried = [...first.body.matchAll(/name="historique" value="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(carried).toHaveLength(1);
    expect(carried[0]).not.toContain('123456');

    const second = await b.post('/aide/assistant', { etape: 'code', historique: carried, question: 'et le mot de passe ?' });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Vos questions précédentes');
    expect(second.body).toContain('« mon code [masqué] ne marche pas »');
    expect([...second.body.matchAll(/name="historique"/g)]).toHaveLength(2);
  });

  it('masks again what the form carries and drops what is not a topic', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/aide/assistant');
    const res = await b.post('/aide/assistant', {
      historique: ['code-non-recu|mon nir 1 85 05 78 006 084 36', 'pas-un-sujet|bonjour', 'sans barre'],
      question: 'FranceConnect',
    });
    expect(res.body).not.toContain('006 084');
    expect(res.body).toContain('« mon nir [masqué] »');
    expect(res.body).not.toContain('bonjour');
    expect([...res.body.matchAll(/name="historique"/g)]).toHaveLength(2);
  });
});
