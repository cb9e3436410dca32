import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { testConfig } from '../../../src/config/config';
import { findCitizen, type RunningStandin } from '../../../src/franceconnect-standin';
import { nirKey } from '../../../src/identity';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { configFor, franceConnectAs, startStandinFor } from '../../support/franceconnect';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { assetUrl } from '../../../src/http/assets';

/**
 * « Créer mon compte avec FranceConnect »: its contact and code steps keep every rule of the
 * registration's (src/journeys/contact-verification) and say the same words for the same situation.
 */
let standin: RunningStandin;
beforeAll(async () => {
  standin = await startStandinFor(testConfig().baseUrl);
});
afterAll(async () => {
  await standin.close();
});

const ANGELA = findCitizen('angela-dubois-paris')!;
const VINCENT = findCitizen('vincent-martin-sans-nir')!;
const VINCENT_NIR = `1631299352123${nirKey('1631299352123')}`;

describe('FranceConnect sign-up: contact and code steps', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ config: configFor(standin.issuerUrl) });
  });
  afterEach(async () => t.close());
  const db = () => t.ctx.database.db;

  /** Signed in at FranceConnect as Angela (NIR found), on the contact page. */
  async function atContact(): Promise<TestBrowser> {
    const b = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b, { citizenId: ANGELA.id })).callback)).toBe('/franceconnect/creation');
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/coordonnees');
    await b.get('/franceconnect/coordonnees');
    return b;
  }

  /** …then on the code page, a code sent to `email`. */
  async function atCode(email: string): Promise<TestBrowser> {
    const b = await atContact();
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'email', email }))).toBe('/franceconnect/code');
    await b.get('/franceconnect/code');
    return b;
  }

  it('refuses contact details at their field, in the registration’s words', async () => {
    const b = await atContact();
    const cases: [Record<string, string>, string, string][] = [
      [{}, 'contactKind', 'Choisissez de recevoir le code par téléphone portable ou par adresse mail.'],
      [{ contactKind: 'email', email: '' }, 'email', 'Saisissez votre adresse mail.'],
      [{ contactKind: 'email', email: 'angela@exemple' }, 'email', 'Saisissez une adresse mail valide, sous la forme nom@exemple.fr.'],
      [{ contactKind: 'sms', phone: '' }, 'phone', 'Saisissez votre numéro de téléphone portable.'],
      [{ contactKind: 'sms', phone: '01 23 45 67 89' }, 'phone', 'Ce numéro est un numéro de téléphone fixe'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await submitRefused(b, '/franceconnect/coordonnees', fields);
      expect(res.body).toContain(`<a href="#${field}">`);
      expect(res.body).toMatch(
        new RegExp(`<p id="${field}-error" class="govuk-error-message">[\\s\\S]*${message.replace(/[.()]/g, '\\$&')}`),
      );
    }
    expect(await db().selectFrom('outbox_messages').select('id').execute()).toEqual([]);
  });

  it('counts wrong codes, saying how many tries are left as the registration does, then asks for a new code after 5', async () => {
    const b = await atCode('angela.essais@example.org');
    const good = await lastCode(db(), 'angela.essais@example.org');
    const wrong = good === '000000' ? '111111' : '000000';
    let res = await submitRefused(b, '/franceconnect/code', { code: wrong });
    expect(text(res.body)).toContain('Le code de vérification n’est pas le bon. Il vous reste 4 essais.');
    res = await submitRefused(b, '/franceconnect/code', { code: '12' });
    expect(text(res.body)).toContain('Le code de vérification comporte 6 chiffres.');
    res = await submitRefused(b, '/franceconnect/code', { code: '' });
    expect(text(res.body)).toContain('Saisissez le code de vérification à 6 chiffres.');
    for (const left of [3, 2]) {
      res = await submitRefused(b, '/franceconnect/code', { code: wrong });
      expect(text(res.body)).toContain(`Il vous reste ${left} essais.`);
    }
    res = await submitRefused(b, '/franceconnect/code', { code: wrong });
    expect(text(res.body)).toContain('Il vous reste 1 essai.');
    res = await submitRefused(b, '/franceconnect/code', { code: wrong });
    expect(text(res.body)).toContain(
      'Vous avez saisi 5 codes erronés. Pour votre sécurité, ce code n’est plus valable : demandez un nouveau code.',
    );
    // Even the right code is refused now: no account.
    res = await submitRefused(b, '/franceconnect/code', { code: good });
    expect(text(res.body)).toContain('demandez un nouveau code');
    expect(await findAccountByNir(db(), ANGELA.nir!)).toBeUndefined();
    // A new code after the cooldown creates the account.
    t.clock.advance(61_000);
    expect(location(await b.post('/franceconnect/code/renvoyer', {}))).toBe('/franceconnect/code?renvoye=1');
    expect(location(await b.post('/franceconnect/code', { code: await lastCode(db(), 'angela.essais@example.org') }))).toBe(
      '/franceconnect/compte-cree',
    );
    expect(await findAccountByNir(db(), ANGELA.nir!)).toMatchObject({
      contact_value: 'angela.essais@example.org',
      identity_status: 'certified',
    });
  });

  it('shows the countdown, refuses an early resend with the seconds left, then resends after 60 s', async () => {
    const to = 'angela.renvoi@example.org';
    const b = await atCode(to);
    t.clock.advance(20_000);
    const page = await b.get('/franceconnect/code');
    expect(page.body).toContain(`<script src="${assetUrl('/assets/js/countdown.js')}"`);
    expect(page.body).toContain('data-countdown="40" data-countdown-button="resend"');
    expect(text(page.body)).toContain('Vous pourrez demander un nouveau code dans 40 secondes.');
    expect(page.body).toMatch(
      /<form method="post" action="\/franceconnect\/code\/renvoyer"[\s\S]*<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="resend">Renvoyer un code<\/button>/,
    );
    // Back to the code's page (303), which answers 429 with Retry-After.
    const early = await submitThrottled(b, '/franceconnect/code/renvoyer', {}, '/franceconnect/code');
    expect(text(early.body)).toContain('Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 40 secondes.');
    expect(early.body).toContain('<a href="#resend">');
    expect(await messagesTo(db(), to)).toHaveLength(1);
    // The same details sent again during the cooldown send nothing either.
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'email', email: to }))).toBe('/franceconnect/code');
    expect(await messagesTo(db(), to)).toHaveLength(1);
    t.clock.advance(41_000);
    expect(location(await b.post('/franceconnect/code/renvoyer', {}))).toBe('/franceconnect/code?renvoye=1');
    const resent = await b.get('/franceconnect/code?renvoye=1');
    expect(text(resent.body)).toContain('Un nouveau code de vérification vous a été envoyé.');
    expect(resent.body).toContain('data-countdown="60"');
    expect(await messagesTo(db(), to)).toHaveLength(2);
  });

  it('limits the codes sent to one address, like the registration', async () => {
    const to = 'angela.limite@example.org';
    const b = await atCode(to);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      location(await b.post('/franceconnect/code/renvoyer', {}));
    }
    t.clock.advance(61_000);
    const res = await submitThrottled(b, '/franceconnect/code/renvoyer', {}, '/franceconnect/code');
    expect(text(res.body)).toMatch(
      /Trop de codes ont été envoyés\. Pour votre sécurité, merci de patienter \d+ minutes avant de demander un nouveau code, ou contactez votre Caf\. Vous pourrez réessayer à partir de \d\d:\d\d\./,
    );
    expect(await messagesTo(db(), to)).toHaveLength(5);
  });

  it('« Vous n’avez rien reçu ? » → « Modifiez vos coordonnées de contact » keeps the certified identity and the NIR typed', async () => {
    const b = new TestBrowser(t.app);
    await franceConnectAs(b, { citizenId: VINCENT.id });
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', { nir: VINCENT_NIR }))).toBe('/franceconnect/coordonnees');
    await b.get('/franceconnect/coordonnees');
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'email', email: 'vincent.faute@example.org' }))).toBe(
      '/franceconnect/code',
    );
    const code = await b.get('/franceconnect/code');
    expect(text(code.body)).toContain('Vous n’avez rien reçu ?');
    expect(text(code.body)).toContain('Contactez l’équipe de votre Caf au 3230');
    expect(code.body).toContain('<a class="govuk-link" href="/franceconnect/coordonnees">Modifiez vos coordonnées de contact</a>');

    const contact = await b.get('/franceconnect/coordonnees');
    expect(contact.statusCode).toBe(200);
    expect(contact.body).toContain('value="vincent.faute@example.org"');
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'sms', phone: '0692 12 34 56' }))).toBe(
      '/franceconnect/code',
    );
    expect(text((await b.get('/franceconnect/code')).body)).toContain('par SMS au numéro suivant : 06 92 12 34 56');
    // The identity page still holds the NIR typed, and the code sent to the first address no longer works.
    expect((await b.get('/franceconnect/creation')).body).toContain(`value="${VINCENT_NIR}"`);
    await b.get('/franceconnect/code');
    await submitRefused(b, '/franceconnect/code', { code: await lastCode(db(), 'vincent.faute@example.org') });
    expect(location(await b.post('/franceconnect/code', { code: await lastCode(db(), '+262692123456') }))).toBe(
      '/franceconnect/compte-cree',
    );
    expect(await findAccountByNir(db(), VINCENT_NIR)).toMatchObject({
      identity_status: 'certified',
      birth_place_code: '99352',
      civility: 'M',
      contact_kind: 'sms',
      contact_value: '+262692123456',
    });
  });
});
