import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, type Config } from '../../src/config/config';
import { enqueueMessage } from '../../src/messaging/outbox';
import { buildTestApp, type TestApp } from '../support/app';
import { expectAccessible, useBrowserApp } from '../support/browser';

const mail = {
  channel: 'email' as const,
  to: 'paul.martin@example.fr',
  subject: 'Votre code de vérification',
  text: 'Bonjour,\n\nVotre code est 123456.\nIl est valable 10 minutes.',
};
const sms = { channel: 'sms' as const, to: '+33612345678', subject: 'Code de connexion', text: 'Mon Compte Caf : votre code est 654321.' };

describe('GET /dev/messages (development outbox)', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('answers JSON, newest first, after delivering what was just enqueued (capture transport)', async () => {
    t = await buildTestApp();
    const db = t.ctx.database.db;
    await enqueueMessage(db, mail, t.clock.now());
    t.clock.advance(60_000);
    await enqueueMessage(db, sms, t.clock.now());

    const res = await t.app.inject({ method: 'GET', url: '/dev/messages', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // flush() ran before answering: both are sent, at the (test) clock's time
    expect(res.json()).toEqual([
      { channel: 'sms', to: '+33612345678', subject: 'Code de connexion', text: sms.text, sentAt: '2026-11-26T09:01:00.000Z' },
      {
        channel: 'email',
        to: 'paul.martin@example.fr',
        subject: 'Votre code de vérification',
        text: mail.text,
        sentAt: '2026-11-26T09:01:00.000Z',
      },
    ]);

    // ?to= keeps one recipient's messages
    const one = await t.app.inject({ method: 'GET', url: '/dev/messages?to=%2B33612345678', headers: { accept: 'application/json' } });
    expect(one.json()).toEqual([expect.objectContaining({ channel: 'sms', to: '+33612345678' })]);
  });

  it('shows sentAt null while a message cannot be delivered yet', async () => {
    t = await buildTestApp({ env: { SMS_PROVIDER_URL: 'http://127.0.0.1:9/sms' } }); // nothing listens on port 9
    await enqueueMessage(t.ctx.database.db, sms, t.clock.now());
    const res = await t.app.inject({ method: 'GET', url: '/dev/messages', headers: { accept: 'application/json' } });
    expect(res.json()).toEqual([{ channel: 'sms', to: '+33612345678', subject: 'Code de connexion', text: sms.text, sentAt: null }]);
    const page = await t.app.inject({ method: 'GET', url: '/dev/messages' });
    expect(page.body).toContain('Pas encore envoyé — 1 tentative, dernière erreur\u00a0: HTTP connexion impossible');
  });

  it('renders an HTML table in French, newest first, with the text escaped', async () => {
    t = await buildTestApp();
    const db = t.ctx.database.db;
    await enqueueMessage(db, { ...mail, subject: 'Objet <b>gras</b>' }, t.clock.now());
    t.clock.advance(60_000);
    await enqueueMessage(db, sms, t.clock.now());

    const res = await t.app.inject({ method: 'GET', url: '/dev/messages' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body).toContain('<title>Boîte d’envoi de développement – Mon Compte – Caf</title>');
    expect(body).toContain('<caption class="govuk-table__caption govuk-table__caption--m">2 messages</caption>');
    for (const h of ['Canal', 'Destinataire', 'Objet', 'Texte', 'Envoyé le'])
      expect(body).toContain(`<th scope="col" class="govuk-table__header">${h}</th>`);
    expect(body).toContain('Objet &lt;b&gt;gras&lt;/b&gt;');
    expect(body).toContain('<p class="govuk-body">Votre code est 123456.<br>Il est valable 10 minutes.</p>');
    // 09:01 UTC is 10:01 in Paris (winter time)
    expect(body).toContain('<time datetime="2026-11-26T09:01:00.000Z">26 novembre 2026 à 10:01:00</time>');
    expect(body.indexOf('<td class="govuk-table__cell">SMS</td>')).toBeLessThan(body.indexOf('<td class="govuk-table__cell">Mail</td>'));
  });

  it('says so when the outbox is empty', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/dev/messages' });
    expect(res.body).toContain('Aucun message pour le moment.');
    const json = await t.app.inject({ method: 'GET', url: '/dev/messages', headers: { accept: 'application/json' } });
    expect(json.json()).toEqual([]);
  });

  it('does not exist in production', async () => {
    // A production configuration, built directly (loadConfig would also demand PostgreSQL and HTTPS).
    const base = testConfig();
    // The production server logs requests: silent here.
    const config: Config = {
      ...base,
      env: 'production',
      isProduction: true,
      baseUrl: 'https://mon-compte.caf.example',
      logLevel: 'silent',
    };
    t = await buildTestApp({ config });
    await enqueueMessage(t.ctx.database.db, sms, t.clock.now());
    const html = await t.app.inject({ method: 'GET', url: '/dev/messages' });
    expect(html.statusCode).toBe(404);
    expect(html.body).not.toContain('654321');
    const json = await t.app.inject({ method: 'GET', url: '/dev/messages', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.body).not.toContain('654321');
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).not.toContain('/dev/messages');
  });
});

describe('/dev/messages in Chromium', () => {
  const app = useBrowserApp();

  it('is accessible and lists the messages', async () => {
    await enqueueMessage(app.t.ctx.database.db, mail, app.t.clock.now());
    app.t.clock.advance(1000);
    await enqueueMessage(app.t.ctx.database.db, sms, app.t.clock.now());
    const page = await app.browser.newPage();
    await page.goto(`${app.base}/dev/messages`);
    expect(await page.locator('h1').textContent()).toBe('Boîte d’envoi de développement');
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('tbody tr').first().locator('td').first().textContent()).toBe('SMS');
    await expectAccessible(page, '/dev/messages');
    await page.close();
  });
});
