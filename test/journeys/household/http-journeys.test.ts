import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { TestBrowser, type TestApp } from '../../support/app';
import { submitRefused, submitThrottled, text } from '../../support/http';
import { auditTypes } from '../../support/accounts';
import { lastCode } from '../../support/outbox';
import { accountOf, api, demoApp, signedIn } from '../../household/support';

const P = DEMO_PEOPLE;

/** A form sent back: 303 to its page (`form`, the path posted to unless said), which shows each message once; returns that page. */
async function expectRefused(b: TestBrowser, url: string, fields: Record<string, string>, messages: string[], form?: string) {
  const res = await submitRefused(b, url, fields, form);
  const page = text(res.body);
  for (const m of messages) expect(page).toContain(m);
  return res;
}

describe('the household’s pages through HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('a revocation holds from the conjoint’s very next request, in the same session', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    expect((await nadia.get('/mon-espace/foyer/changement')).statusCode).toBe(403);

    await thomas.get('/mon-espace/foyer/autorisation-de-gestion');
    const wrong = await expectRefused(
      thomas,
      '/mon-espace/foyer/autorisation-de-gestion/donner',
      { currentPassword: 'Mauvais2026' },
      ['Votre mot de passe actuel est incorrect.'],
      '/mon-espace/foyer/autorisation-de-gestion',
    );
    expect(wrong.body).not.toContain('Mauvais2026');
    const granted = await thomas.post('/mon-espace/foyer/autorisation-de-gestion/donner', { currentPassword: DEMO_PASSWORD });
    expect(granted.headers.location).toBe('/mon-espace/foyer/autorisation-de-gestion');
    expect(text((await thomas.get('/mon-espace/foyer/autorisation-de-gestion')).body)).toContain(
      'Nadia PETIT a l’autorisation de gestion depuis le',
    );

    expect((await nadia.get('/mon-espace/foyer/changement')).statusCode).toBe(200);
    expect(text((await nadia.get('/mon-espace')).body)).toContain('Conjointe, avec l’autorisation de gestion');

    expect((await thomas.post('/mon-espace/foyer/autorisation-de-gestion/retirer', {})).headers.location).toBe(
      '/mon-espace/foyer/autorisation-de-gestion',
    );
    const refused = await nadia.get('/mon-espace/foyer/changement');
    expect(refused.statusCode).toBe(403);
    // the one refusal page names who can act: now only the responsable
    expect(text(refused.body)).toContain('Thomas PETIT, responsable du dossier, peut gérer le dossier et en déclarer les changements.');
    expect((await api(nadia, 'GET', '/api/household/dossier')).statusCode).toBe(403);
  });

  it('the procuration’s wait: back to its page (303), which answers 429 with Retry-After and says until when; a reload grants nothing', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const account = await accountOf(t, P.thomasPetit.nir);
    // 12 failures of Thomas's login counters (from another address): a wait of 2 minutes 8 seconds.
    for (let i = 0; i < 12; i++) await t.ctx.loginThrottle.failure({ identifier: account.login_id, ip: '203.0.113.12' });
    try {
      await thomas.get('/mon-espace/foyer/autorisation-de-gestion');
      // Even the right password is not looked at during the wait.
      const page = await submitThrottled(
        thomas,
        '/mon-espace/foyer/autorisation-de-gestion/donner',
        { currentPassword: DEMO_PASSWORD },
        '/mon-espace/foyer/autorisation-de-gestion',
      );
      expect(Number(page.headers['retry-after'])).toBe(128);
      expect(page.body).toMatch(/id="currentPassword-error"[^>]*>[\s\S]*?Trop de tentatives\./);
      expect(text(page.body)).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
      expect(page.body).not.toContain(DEMO_PASSWORD);
      const audited = await auditTypes(t.ctx, account.id);
      expect(audited.at(-1)).toBe('login_throttled');
      // A reload is a GET: the page without the error, nothing checked nor granted.
      const reloaded = await thomas.get('/mon-espace/foyer/autorisation-de-gestion');
      expect(reloaded.statusCode).toBe(200);
      expect(reloaded.headers['retry-after']).toBeUndefined();
      expect(reloaded.body).not.toContain('govuk-error-summary');
      expect(text(reloaded.body)).not.toContain('Nadia PETIT a l’autorisation de gestion');
      expect(await auditTypes(t.ctx, account.id)).toEqual(audited);
      const nadia = await signedIn(t, P.nadiaPetit.nir);
      expect((await nadia.get('/mon-espace/foyer/changement')).statusCode).toBe(403);
    } finally {
      await t.ctx.loginThrottle.success(account.login_id); // the demo app is shared by the next tests
    }
  });

  it('« Déclarer un changement »: refusals at their fields with what was typed kept, then the change recorded', async () => {
    const julien = await signedIn(t, P.julienMoreau.nir);
    await julien.get('/mon-espace/foyer/changement/compte-bancaire');
    const bad = await expectRefused(
      julien,
      '/mon-espace/foyer/changement/compte-bancaire',
      { iban: 'FR76 3000 6000 0112 3456 7890 198', holder: '' },
      ['Cet IBAN n’est pas valide : sa clé de contrôle ne correspond pas.', 'Saisissez le nom du titulaire du compte'],
    );
    expect(bad.body).toContain('value="FR76 3000 6000 0112 3456 7890 198"');
    const step = await julien.post('/mon-espace/foyer/changement/compte-bancaire', {
      iban: 'fr14 2004 1010 0505 0001 3m02 606',
      holder: 'MOREAU Julien',
    });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('value="fr14 2004 1010 0505 0001 3m02 606"');
    const ok = await julien.post('/mon-espace/foyer/changement/compte-bancaire/confirmation', {
      iban: 'fr14 2004 1010 0505 0001 3m02 606',
      holder: 'MOREAU Julien',
      currentPassword: DEMO_PASSWORD,
      code: await lastCode(t.ctx, 'julien.moreau@example.fr'),
    });
    expect(ok.headers.location).toBe('/mon-espace/foyer/changement');
    expect(text((await julien.get('/mon-espace/foyer/changement')).body)).toContain(
      'Nouveau compte déclaré le 26 novembre 2026 : FR14 •••• •••• 2606, MOREAU Julien.',
    );

    await julien.get('/mon-espace/foyer/changement/adresse');
    const noAddress = await expectRefused(
      julien,
      '/mon-espace/foyer/changement/adresse',
      { line1: '1 rue Haute', postalCode: '440', city: '', 'since-day': '31', 'since-month': '2', 'since-year': '2026' },
      ['Saisissez un code postal de 5 chiffres', 'Saisissez la commune.', 'La date doit être une date réelle'],
    );
    expect(noAddress.body).toContain('value="1 rue Haute"');
    expect(noAddress.body).toContain('value="440"');
    expect(noAddress.body).toMatch(/name="since-day"[^>]*value="31"/);
    // Seen once: a reload shows the clean form.
    expect((await julien.get('/mon-espace/foyer/changement/adresse')).body).not.toContain('1 rue Haute');
    const moved = await julien.post('/mon-espace/foyer/changement/adresse', {
      line1: '1 rue Haute',
      postalCode: '44000',
      city: 'Nantes',
      'since-day': '1',
      'since-month': '11',
      'since-year': '2026',
    });
    expect(moved.statusCode).toBe(303);
    const json = (await api(julien, 'GET', '/api/household/dossier')).json();
    expect(json.address).toMatchObject({ line1: '1 rue Haute', postalCode: '44000', city: 'NANTES', since: '2026-11-01' });
    expect(json.bankAccount.iban).toBe('FR14 •••• •••• 2606');
  });

  it('a conjoint without procuration declares a separation: the démarche « Séparation déclarée », the dossier left', async () => {
    const petit = await signedIn(t, P.nadiaPetit.nir);
    await petit.get('/mon-espace/foyer/separation');
    const missing = await expectRefused(
      petit,
      '/mon-espace/foyer/separation',
      { 'date-day': '10', 'date-month': '11', 'date-year': '2026', leaver: 'declarer', children: 'alternate', newLine1: '5 rue Neuve' },
      ['Saisissez un code postal de 5 chiffres'],
    );
    expect(missing.body).toContain('value="5 rue Neuve"');
    expect(missing.body).toMatch(/value="alternate" checked/);
    const sent = await petit.post('/mon-espace/foyer/separation', {
      'date-day': '10',
      'date-month': '11',
      'date-year': '2026',
      leaver: 'declarer',
      children: 'alternate',
      newLine1: '5 rue Neuve',
      newPostalCode: '35200',
      newCity: 'Rennes',
    });
    expect(sent.headers.location).toBe('/mon-espace/foyer/separation/envoyee');
    expect(text((await petit.get('/mon-espace/foyer/separation/envoyee')).body)).toContain('Séparation déclarée');
    const demarches = text((await petit.get('/mon-espace/demarches')).body);
    expect(demarches).toContain('Séparation déclarée');
    expect(demarches).toContain('Envoyée');
    expect(text((await petit.get('/mon-espace')).body)).toContain('Vous n’êtes plus rattachée au dossier allocataire n° 2345678 depuis le');
    expect((await petit.get('/mon-espace/foyer/separation')).statusCode).toBe(403);
  });

  it('a child over 15 declares a separation from their space: checked by the Caf, the couple sees nothing of it', async () => {
    const hugo = await signedIn(t, P.hugoMoreau.nir);
    expect(text((await hugo.get('/mon-espace')).body)).toContain('Déclarer une séparation');
    const form = text((await hugo.get('/mon-espace/foyer/separation')).body);
    expect(form).toContain('La Caf vérifie votre déclaration avant de modifier le dossier');
    expect(form).toContain('Julien MOREAU, responsable du dossier');
    expect(form).toContain('Léa MOREAU, sa conjointe');
    const fields = { 'date-day': '10', 'date-month': '11', 'date-year': '2026', leaver: 'conjoint', children: 'alternate' };
    await expectRefused(hugo, '/mon-espace/foyer/separation', fields, ['Indiquez si vous avez changé d’adresse.']);
    // The couple's answers are not an other member's.
    await expectRefused(hugo, '/mon-espace/foyer/separation', { ...fields, leaver: 'declarer', moved: 'non' }, [
      'Indiquez qui quitte le logement.',
    ]);
    const sent = await hugo.post('/mon-espace/foyer/separation', {
      ...fields,
      moved: 'oui',
      newLine1: '7 impasse Cachée',
      newPostalCode: '49000',
      newCity: 'Angers',
    });
    expect(sent.headers.location).toBe('/mon-espace/foyer/separation/envoyee?verification=caf');
    expect(text((await hugo.get(sent.headers.location as string)).body)).toContain('Tant qu’elle ne l’a pas confirmée, rien ne change');
    expect(text((await hugo.get('/mon-espace/foyer/separation')).body)).toContain('la Caf la vérifie');
    // Julien and Léa: nothing on their pages nor in the JSON of the household's démarches.
    for (const nir of [P.julienMoreau.nir, P.leaMoreau.nir]) {
      const b = await signedIn(t, nir);
      for (const url of ['/mon-espace/foyer/demarches', '/mon-espace/demarches', '/mon-espace', '/mon-espace/mes-informations']) {
        const page = text((await b.get(url)).body);
        expect(page, url).not.toMatch(/Séparation déclarée|Cachée|Angers/i);
      }
      expect(JSON.stringify((await api(b, 'GET', '/api/household/demarches')).json())).not.toContain('declaration-separation');
      expect((await b.get('/mon-espace/foyer/changement')).statusCode).toBe(200);
    }
  });

  it('a responsable’s separation signs the former partner out everywhere', async () => {
    const julien = await signedIn(t, P.julienMoreau.nir);
    const lea = await signedIn(t, P.leaMoreau.nir);
    await julien.get('/mon-espace/foyer/separation');
    const r = await julien.post('/mon-espace/foyer/separation', {
      'date-day': '20',
      'date-month': '11',
      'date-year': '2026',
      leaver: 'partner',
      children: 'declarer',
    });
    expect(r.statusCode).toBe(303);
    const after = await lea.get('/mon-espace');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/connexion');
  });

  it('« Créer Mon Compte » refuses a child under 15 at the birth date, saying why and what the parents can do', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/creer-mon-compte/nouveau');
    await b.get('/creer-mon-compte/etat-civil');
    // Refused for its errors, the step answers 303 to itself, which shows them once (Post/Redirect/Get).
    const refused = await submitRefused(b, '/creer-mon-compte/etat-civil', {
      nir: P.lucasGarnier.nir,
      civility: 'M',
      birthName: 'Garnier',
      givenNames: 'Lucas',
      'birthDate-day': '8',
      'birthDate-month': '2',
      'birthDate-year': '2015',
      birthPlaceKind: 'france',
      communeQuery: 'Toulouse',
      communeCode: '31555',
    });
    const page = text(refused.body);
    expect(page).toContain('Vous devez avoir au moins 15 ans pour créer votre espace Mon Compte.');
    expect(page).toContain('ce sont vos parents qui font les démarches qui vous concernent');
    expect(page).not.toMatch(/Sophie|3456789/);
  });
});
