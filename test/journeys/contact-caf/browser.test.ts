import { beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src/accounts/repository';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { DEMO_PASSWORD, seedDemoData } from '../../../src/demo/seed';
import { logInWithPage, PASSWORD } from '../../support/accounts';
import { lastCode } from '../../support/outbox';
import { pageChecker, useBrowserApp, watchedPage } from '../../support/browser';
import { createTestAgent } from '../gestion/helpers';

/**
 * « Contacter ma Caf » in Chromium: a person writes from « Mon espace » on a phone-sized window, an
 * agent answers from the inbox, the person reads the answer. axe-core and 320/375 px on every page
 * (screenshots in /tmp/contact-caf-*.png).
 */
describe('Contacter ma Caf in Chromium', () => {
  const app = useBrowserApp();
  const check = pageChecker('contact-caf');
  beforeAll(async () => {
    await seedDemoData(app.t.ctx);
  });

  it('a person writes on a phone, an agent answers, the person reads the answer', async () => {
    const { ctx } = app.t;
    const { page, problems } = await watchedPage(app.browser);
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 375, height: 800 });
    const nadia = (await findAccountByLoginId(ctx.database.db, DEMO_PEOPLE.nadiaPetit.nir))!;
    await logInWithPage(page, app.base, ctx, nadia, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Contacter ma Caf' }).click();
    await page.waitForURL(`${app.base}/mon-espace/messages/nouveau`);
    await check(page, problems, 'nouveau');
    await page.getByRole('button', { name: 'Envoyer mon message' }).click();
    await check(page, problems, 'nouveau-erreurs');
    expect(await page.textContent('.govuk-error-summary')).toContain('Choisissez l’objet de votre message.');
    await page.getByLabel('Mes paiements').check();
    await page
      .getByLabel('Votre message')
      .fill('Bonjour,\nje ne peux pas téléphoner : pouvez-vous me dire quand arrive le prochain paiement ?');
    await page.getByRole('button', { name: 'Envoyer mon message' }).click();
    await page.waitForURL((u) => /^\/mon-espace\/messages\/[^/]+$/.test(u.pathname) && u.pathname !== '/mon-espace/messages/nouveau');
    await page.waitForSelector('text=Message envoyé');
    await check(page, problems, 'envoye');
    const threadUrl = page.url().split('?')[0]!;

    const agent = await createTestAgent(ctx);
    const { page: a, problems: agentProblems } = await watchedPage(app.browser);
    a.setDefaultTimeout(10_000);
    await a.goto(`${app.base}/gestion/connexion`);
    await a.fill('#login', agent.login_id);
    await a.fill('#password', PASSWORD);
    await a.getByRole('button', { name: 'Se connecter' }).click();
    await a.waitForURL(`${app.base}/gestion/connexion/code`);
    await a.fill('#code', await lastCode(ctx, agent.email));
    await a.getByRole('button', { name: 'Valider' }).click();
    await a.waitForURL(`${app.base}/gestion/demarches`);
    await a.getByRole('link', { name: 'Messages', exact: true }).click();
    await a.waitForURL(`${app.base}/gestion/messages`);
    await check(a, agentProblems, 'agent-messages');
    await a.getByRole('link', { name: 'Mes paiements' }).first().click();
    await a.waitForURL((u) => u.pathname.startsWith('/gestion/messages/'));
    expect(await a.textContent('main')).toContain('je ne peux pas téléphoner');
    await check(a, agentProblems, 'agent-echange');
    // An empty answer: back to the thread's own page with the error (Post/Redirect/Get).
    const thread = a.url();
    await a.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await a.waitForSelector('.govuk-error-summary');
    expect(a.url()).toBe(thread);
    await check(a, agentProblems, 'agent-reponse-vide');
    await a.getByLabel('Répondre').fill('Bonjour Madame, le prochain paiement est prévu le 5 du mois.');
    await a.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await a.waitForSelector('text=la personne en est prévenue');

    await page.goto(`${app.base}/mon-espace`);
    expect(await page.textContent('main')).toContain('1 nouvelle réponse');
    await page.getByRole('link', { name: /Mes messages/ }).click();
    await page.waitForURL(`${app.base}/mon-espace/messages`);
    await check(page, problems, 'liste');
    await page.goto(threadUrl);
    expect(await page.textContent('main')).toContain('le prochain paiement est prévu le 5 du mois');
    await check(page, problems, 'reponse-lue');
  }, 120_000);
});
