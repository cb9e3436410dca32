import { describe, expect, it } from 'vitest';
import { findCitizen } from '../../src/franceconnect-standin';
import { TestBrowser } from '../support/app';
import { franceConnectAs, location, useStandinApp } from '../franceconnect/support';
import { freshMarie, lastCode, walkTo } from '../registration/support';
import { PASSWORD, createTestAccount, logIn } from './helpers';

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
    expect(location((await franceConnectAs(b, { citizenId: findCitizen('angela-dubois-paris')!.id })).callback)).toBe('/franceconnect/creation');
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
    expect(location(await b.post('/mon-espace/securite/contact', { kind: 'email', email: to, currentPassword: PASSWORD }))).toBe('/mon-espace/securite/contact/code');
    return { b, to };
  }

  /** name, the code page, whether its flow has « Renvoyer un code » (`${code}/renvoyer`), how to get there (the address the code went to) */
  const places: [string, string, boolean, () => Opened][] = [
    ['Créer Mon Compte', '/creer-mon-compte/code', true, registration],
    ['FranceConnect', '/franceconnect/code', true, franceConnect],
    ['Se connecter', '/connexion/code', true, login],
    ['Mot de passe oublié', '/mot-de-passe-oublie/code', true, passwordReset],
    ['Sécurité du compte', '/mon-espace/securite/contact/code', false, contactChange],
  ];

  /** The field's error as rendered, and the error summary's link to it. */
  const atCodeField = (body: string) => ({ error: /<p id="code-error" class="govuk-error-message">[\s\S]*?<\/p>/.exec(body)?.[0], summary: body.includes('<a href="#code">') });
  const fieldError = (message: string) => `<p id="code-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${message}</p>`;

  it.each(places)('%s: missing, malformed and wrong codes, and a resend too early', async (name, page, resends, open) => {
    const { b, to } = await open();
    expect((await b.get(page)).statusCode).toBe(200);
    const good = await lastCode(db(), to);
    const cases: [string, number, string][] = [
      ['', 400, 'Saisissez le code de vérification à 6 chiffres.'],
      ['12', 400, 'Le code de vérification comporte 6 chiffres.'],
      // Neither of the two above counted a try.
      [good === '000000' ? '111111' : '000000', 400, 'Le code de vérification n’est pas le bon. Il vous reste 4 essais.'],
    ];
    for (const [code, status, message] of cases) {
      const res = await b.post(page, { code });
      expect(res.statusCode, `${name} « ${code} »`).toBe(status);
      expect(atCodeField(res.body), `${name} « ${code} »`).toEqual({ error: fieldError(message), summary: true });
    }
    if (resends) {
      const early = await b.post(`${page}/renvoyer`, {});
      expect(early.statusCode, name).toBe(429);
      expect(early.body, name).toContain('Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 60 secondes.');
    }
  });
});
