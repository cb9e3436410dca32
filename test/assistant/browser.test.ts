import { describe, expect, it } from 'vitest';
import { expectAccessible, expectAccessibleWithoutJs, useBrowserApp, watchedPage } from '../support/browser';

const shot = (name: string, fullPage = true) =>
  process.env.SCREENSHOTS ? { path: `/tmp/shot_assistant_${name}.png`, fullPage } : undefined;

describe('the assistant in Chromium', () => {
  const app = useBrowserApp();

  it('opens from the keyboard, announces each answer, keeps the focus, closes with Escape', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/connexion`);
    // The toggle's label says what it does: « Masquer l’assistant » once the panel is open.
    const toggle = page.locator('button.mc-assistant__toggle');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toBe('Une question ? Demandez à l’assistant');
    await expectAccessible(page, '/connexion with the assistant closed');

    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.textContent()).toBe('Masquer l’assistant');
    const input = page.getByLabel('Votre question');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type("j'ai oublié mon mdp");
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => log.textContent()).toContain('Mot de passe oublié ?');
    expect(await log.textContent()).toContain("Vous avez demandé : j'ai oublié mon mdp");
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await input.inputValue()).toBe('');
    await expectAccessible(page, '/connexion with an answer');
    const link = log.getByRole('link', { name: 'Mot de passe oublié' });
    expect(await link.getAttribute('href')).toBe('/mot-de-passe-oublie');
    await page.screenshot(shot('widget', false));

    await input.fill('');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => page.locator('#mc-assistant-question-error').textContent()).toContain('Écrivez votre question');
    expect(await input.getAttribute('aria-describedby')).toBe('mc-assistant-question-error');

    await input.focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('#mc-assistant-panel').isHidden()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toBe('Une question ? Demandez à l’assistant');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('on a phone: in the page’s flow, covering nothing; Enter sends, Shift+Enter makes a new line', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${app.base}/connexion`);
    const toggle = page.locator('button.mc-assistant__toggle');
    await toggle.click();
    expect(await page.locator('[data-assistant]').evaluate((el) => getComputedStyle(el).position)).toBe('static');
    const input = page.getByLabel('Votre question');
    await input.focus();
    await page.keyboard.type('je n’ai pas reçu');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('le code');
    expect(await input.inputValue()).toBe('je n’ai pas reçu\nle code');
    expect(await page.locator('[data-assistant-log]').textContent()).toBe('');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/chatbot'));
    await page.keyboard.press('Enter');
    expect((await sent).postDataJSON()).toMatchObject({ question: 'je n’ai pas reçu\nle code' });
    await expect.poll(() => page.getByRole('log').textContent()).toContain('Vous avez demandé');
    await expectAccessible(page, '/connexion on a phone, the assistant open');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('sends the step of the page with the question', async () => {
    const { page } = await watchedPage(app.browser);
    await page.goto(`${app.base}/mot-de-passe-oublie`);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/chatbot'));
    await page.getByRole('button', { name: 'Une question ? Demandez à l’assistant' }).click();
    await page.getByLabel('Votre question').fill('je suis bloqué');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    expect((await sent).postDataJSON()).toEqual({ question: 'je suis bloqué', step: 'mot-de-passe-oublie' });
    await expect.poll(() => page.getByRole('log').textContent()).toContain('Mot de passe oublié ?');
    await page.close();
  });

  it('offers the step’s questions and the choices as buttons, and keeps the conversation on reload', async () => {
    const { page, problems } = await watchedPage(app.browser);
    // On the forgotten-password page for its frequent questions; the choice is asked on the home page, which has no
    // step (on the login, the recap, the start, the démarches, FranceConnect and the forgotten password, the step's own
    // topic among the choices is answered instead: src/assistant/assistant.ts, OWN_FIRST). The conversation follows.
    await page.goto(`${app.base}/mot-de-passe-oublie`);
    await page.getByRole('button', { name: 'Une question ? Demandez à l’assistant' }).click();
    const suggestions = page.locator('[data-assistant-suggestions]');
    expect(await suggestions.textContent()).toContain('Questions fréquentes à cette étape');
    const suggestion = suggestions.getByRole('button', { name: 'Mot de passe oublié' });
    await suggestion.focus();
    await page.keyboard.press('Enter');
    const log = page.getByRole('log');
    await expect.poll(() => log.textContent()).toContain('Indiquez votre numéro de sécurité sociale ou votre identifiant provisoire');
    await expectAccessible(page, '/mot-de-passe-oublie with the suggestions and an answer');

    // Unsure between topics: « Je ne suis pas sûr », and the likeliest topics as buttons — on the next page, the
    // panel still open and the conversation kept.
    await page.goto(`${app.base}/`);
    expect(await page.locator('#mc-assistant-panel').isHidden()).toBe(false);
    await expect.poll(() => log.textContent()).toContain('Indiquez votre numéro de sécurité sociale ou votre identifiant provisoire');
    await page.getByLabel('Votre question').fill('une question de code');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => log.textContent()).toContain('Choisissez votre sujet');
    const choice = log.locator('.mc-assistant__choices').last().getByRole('button').first();
    const chosen = await choice.textContent();
    await choice.click();
    await expect.poll(() => log.locator('.mc-assistant__message--person').count()).toBe(3);
    expect(await log.locator('.mc-assistant__message--person').last().textContent()).toContain(chosen);

    // A number typed by mistake is shown masked, and only masked is kept.
    await page.getByLabel('Votre question').fill('mon numéro 1 85 05 78 006 084 36 ne passe pas');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => log.textContent()).toContain('mon numéro [masqué] ne passe pas');
    expect(await page.evaluate(() => sessionStorage.getItem('mc-assistant'))).not.toContain('006 084');

    await page.reload();
    const after = page.getByRole('log');
    expect(await page.locator('#mc-assistant-panel').isHidden()).toBe(false);
    expect(await page.locator('button.mc-assistant__toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await after.locator('.mc-assistant__message--person').count()).toBe(4);
    expect(await after.textContent()).toContain('Indiquez votre numéro de sécurité sociale ou votre identifiant provisoire');
    await expectAccessible(page, 'the home page after a reload, the conversation kept');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('is a help page with a form when JavaScript is off', async () => {
    const context = await app.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.base}/connexion`);
    await page.getByRole('link', { name: 'Une question ? Demandez à l’assistant' }).click();
    expect(page.url()).toBe(`${app.base}/aide/assistant?etape=connexion`);
    await expectAccessibleWithoutJs(app.browser, app.base, page, '/aide/assistant');
    await page.getByLabel('Votre question').fill("je n'ai pas de numéro de sécu, et aussi c'est quoi FranceConnect ?");
    await page.getByRole('button', { name: 'Poser la question' }).click();
    expect(await page.getByRole('heading', { name: 'Réponse' }).isVisible()).toBe(true);
    expect(await page.locator('.mc-assistant-answer').textContent()).toContain('identifiant provisoire');
    expect(await page.getByRole('link', { name: 'FranceConnect' }).first().getAttribute('href')).toBe(
      '/aide/assistant?sujet=franceconnect',
    );
    await expectAccessibleWithoutJs(app.browser, app.base, page, '/aide/assistant with an answer');
    // The next question keeps the conversation: the first one is listed above the new answer.
    await page.getByLabel('Une autre question ?').fill('mot de passe oublié');
    await page.getByRole('button', { name: 'Poser la question' }).click();
    expect(await page.getByRole('heading', { name: 'Vos questions précédentes' }).isVisible()).toBe(true);
    expect(await page.locator('.mc-assistant-history').textContent()).toContain("je n'ai pas de numéro de sécu");
    await page.reload();
    expect(await page.locator('.mc-assistant-history').textContent()).toContain("je n'ai pas de numéro de sécu");
    await expectAccessibleWithoutJs(app.browser, app.base, page, '/aide/assistant with a conversation');
    await page.screenshot(shot('page'));
    await page.getByRole('button', { name: 'Poser la question' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Écrivez votre question');
    await expectAccessibleWithoutJs(app.browser, app.base, page, '/aide/assistant with an error');
    await context.close();
  }, 90_000);
});
