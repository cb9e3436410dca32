import { describe, expect, it } from 'vitest';
import { findCitizen } from '../../../src/franceconnect-standin';
import { TestBrowser } from '../../support/app';
import { createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { franceConnectAs, useStandinApp } from '../../support/franceconnect';
import { location, submitRefused, submitThrottled } from '../../support/http';
import { lastCode } from '../../support/outbox';
import { freshMarie, walkTo } from '../../support/registration';
import { assetUrl } from '../../../src/http/assets';

/**
 * The five places a person types a 6-digit code — « Créer Mon Compte », its FranceConnect variant,
 * the login's second factor, « Mot de passe oublié ? » and the contact change of « Sécurité du
 * compte » — answer the same situation with the same words, at the same field.
 */
describe('a code typed: the same words in the five places', () => {
  const fc = useStandinApp();
  const db = () => fc.t.ctx.database.db;

  type Opened = Promise<{ b: TestBrowser; to: string }>;
  const browser = () => new TestBrowser(fc.t.app);

  async function registration(): Opened {
    const b = browser();
    const { to } = await walkTo(b, db(), 'code', { person: freshMarie() });
    return { b, to };
  }

  async function franceConnect(): Opened {
    const b = browser();
    const to = 'angela.mots@example.org';
    expect(location((await franceConnectAs(b, { citizenId: findCitizen('angela-dubois-paris')!.id })).callback)).toBe(
      '/franceconnect/creation',
    );
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/coordonnees');
    await b.get('/franceconnect/coordonnees');
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'email', email: to }))).toBe('/franceconnect/code');
    return { b, to };
  }

  async function login(): Opened {
    const [account, b] = [await createTestAccount(fc.t.ctx), browser()];
    await b.get('/connexion');
    expect(location(await b.post('/connexion', { identifier: account.login_id, password: PASSWORD }))).toBe('/connexion/code');
    return { b, to: account.contact_value };
  }

  async function passwordReset(): Opened {
    const [account, b] = [await createTestAccount(fc.t.ctx), browser()];
    await b.get('/mot-de-passe-oublie');
    expect(location(await b.post('/mot-de-passe-oublie', { identifier: account.login_id }))).toBe('/mot-de-passe-oublie/code');
    return { b, to: account.contact_value };
  }

  async function contactChange(): Opened {
    const [account, b] = [await createTestAccount(fc.t.ctx), browser()];
    await logIn(fc.t.ctx, b, account);
    await b.get('/mon-espace/securite/contact');
    const to = `nouveau.${account.login_id}@exemple.fr`;
    expect(location(await b.post('/mon-espace/securite/contact', { kind: 'email', email: to, currentPassword: PASSWORD }))).toBe(
      '/mon-espace/securite/contact/code',
    );
    return { b, to };
  }

  /**
   * name, the code page, whether its flow has « Renvoyer un code » (`${code}/renvoyer`), how to get
   * there (and the address the code went to), the last help of « Vous n’avez rien reçu ? »
   */
  const places: [string, string, boolean, () => Opened, string][] = [
    [
      'Créer Mon Compte',
      '/creer-mon-compte/code',
      true,
      registration,
      '<a class="govuk-link" href="/creer-mon-compte/coordonnees">Modifiez vos coordonnées de contact</a>',
    ],
    [
      'FranceConnect',
      '/franceconnect/code',
      true,
      franceConnect,
      '<a class="govuk-link" href="/franceconnect/coordonnees">Modifiez vos coordonnées de contact</a>',
    ],
    [
      'Se connecter',
      '/connexion/code',
      true,
      login,
      'Ces coordonnées sont celles de votre compte\u00a0: si vous n’y avez plus accès, signalez-le à l’équipe de votre Caf',
    ],
    [
      'Mot de passe oublié',
      '/mot-de-passe-oublie/code',
      true,
      passwordReset,
      'Vérifiez l’identifiant saisi\u00a0: <a class="govuk-link" href="/mot-de-passe-oublie">recommencez votre demande</a>',
    ],
    [
      'Sécurité du compte',
      '/mon-espace/securite/contact/code',
      false,
      contactChange,
      '<a class="govuk-link" href="/mon-espace/securite/contact">Modifiez ces coordonnées ou demandez un nouveau code</a>',
    ],
  ];

  it.each(places)(
    '%s: the shared code form — field, hint, help, and the countdown before « Renvoyer un code » where the flow resends',
    async (name, page, resends, open, help) => {
      const { b } = await open();
      fc.t.clock.advance(20_000);
      const res = await b.get(page);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="code-hint" class="govuk-hint">6 chiffres, valable 10 minutes</div>');
      expect(res.body).toContain(
        '<input class="govuk-input govuk-input--width-5" id="code" name="code" type="text" autocomplete="one-time-code" inputmode="numeric" spellcheck="false" maxlength="8" aria-describedby="code-hint">',
      );
      expect(res.body).toContain('<h2 class="govuk-heading-m">Vous n’avez rien reçu ?</h2>');
      expect(res.body).toContain('Contactez l’équipe de votre Caf au <strong>3230</strong>');
      expect(res.body).toContain(`<li>${help}`);
      if (!resends) {
        // The contact change sends no second code from this page: no button, no countdown.
        expect(res.body).not.toContain('data-countdown');
        expect(res.body).not.toContain('Renvoyer un code');
        expect(res.body).not.toContain('Modifiez vos coordonnées de contact</a> (vos autres réponses sont gardées)');
        return;
      }
      expect(res.body).toContain(`<script src="${assetUrl('/assets/js/countdown.js')}"`);
      expect(res.body).toContain(
        'data-countdown="40" data-countdown-button="resend" data-countdown-done="Vous pouvez demander un nouveau code.">Vous pourrez demander un nouveau code dans 40 secondes.</p>',
      );
      expect(res.body).toContain(`<form method="post" action="${page}/renvoyer" novalidate id="renvoyer">`);
      expect(res.body).toMatch(
        /<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="resend">Renvoyer un code<\/button>\s*<\/form>/,
      );
      // Too early: the seconds left, at the button; then after the countdown, a new code and its banner.
      // Back to the code page (303), which answers 429 with Retry-After while the wait lasts.
      const early = await submitThrottled(b, `${page}/renvoyer`, {}, page);
      expect(early.body).toContain(
        '<a href="#resend">Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 40 secondes.</a>',
      );
      fc.t.clock.advance(41_000);
      const resent = await b.post(`${page}/renvoyer`, {});
      expect(resent.statusCode).toBe(303);
      expect(resent.headers.location).toBe(`${page}?renvoye=1`);
      const after = await b.get(`${page}?renvoye=1`);
      // « Mot de passe oublié ? » does not say whether the identifier has an account.
      const banner =
        name === 'Mot de passe oublié'
          ? 'Si un compte correspond, un nouveau code de vérification a été envoyé.'
          : 'Un nouveau code de vérification vous a été envoyé.';
      expect(after.body).toContain(`<p class="govuk-notification-banner__heading">${banner}</p>`);
      expect(after.body).toContain('data-countdown="60"');
    },
  );

  /** The field's error as rendered, and the error summary's link to it. */
  const atCodeField = (body: string) => ({
    error: /<p id="code-error" class="govuk-error-message">[\s\S]*?<\/p>/.exec(body)?.[0],
    summary: body.includes('<a href="#code">'),
  });
  const fieldError = (message: string) =>
    `<p id="code-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur\u00a0:</span> ${message}</p>`;

  it.each(places)('%s: missing, malformed and wrong codes, and a resend too early', async (name, page, resends, open) => {
    const { b, to } = await open();
    expect((await b.get(page)).statusCode).toBe(200);
    const good = await lastCode(db(), to);
    const cases: [string, string][] = [
      ['', 'Saisissez le code de vérification à 6 chiffres.'],
      ['12', 'Le code de vérification comporte 6 chiffres.'],
      // Neither of the two above counted a try.
      [good === '000000' ? '111111' : '000000', 'Le code de vérification n’est pas le bon. Il vous reste 4 essais.'],
    ];
    for (const [code, message] of cases) {
      // Back to the code page (303), which shows the error once, the field empty.
      const res = await submitRefused(b, page, { code });
      expect(atCodeField(res.body), `${name} « ${code} »`).toEqual({ error: fieldError(message), summary: true });
      if (code) expect(res.body, `${name} « ${code} »`).not.toContain(`value="${code}"`);
      expect(atCodeField((await b.get(page)).body), `${name}: shown once`).toEqual({ error: undefined, summary: false });
    }
    if (resends) {
      const early = await submitThrottled(b, `${page}/renvoyer`, {}, page);
      expect(early.body, name).toContain('Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 60 secondes.');
    }
  });
});
