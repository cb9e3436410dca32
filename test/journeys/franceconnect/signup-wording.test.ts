import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { findCitizen, TEST_CITIZENS, type RunningStandin } from '../../../src/franceconnect-standin';
import { EXAMPLE_NIR, parseNir } from '../../../src/identity';
import { testConfig } from '../../../src/config/config';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createTestAccount, logIn } from '../../support/accounts';
import { configFor, franceConnectAs, startStandinFor } from '../../support/franceconnect';
import { location, text, visit } from '../../support/http';

/** The account creation with FranceConnect and the pages around it, as a person reads them. */
describe('FranceConnect account creation — what its pages say', () => {
  let standin: RunningStandin;
  let t: TestApp;
  beforeAll(async () => {
    standin = await startStandinFor(testConfig().baseUrl);
    t = await buildTestApp({ config: configFor(standin.issuerUrl) });
  });
  afterAll(async () => {
    await t.close();
    await standin.close();
  });

  it('step 1 has « Retour », the country of birth in French, and an example NIR that is nobody’s', async () => {
    const b = new TestBrowser(t.app);
    const vincent = findCitizen('vincent-martin-sans-nir')!;
    expect(location((await franceConnectAs(b, { citizenId: vincent.id })).callback)).toBe('/franceconnect/creation');
    const page = await b.get('/franceconnect/creation');
    expect(page.body).toMatch(/<a href="\/creer-mon-compte" class="govuk-back-link">Retour<\/a>/);
    expect(text(page.body)).toContain('Algérie (code INSEE 99352)');
    expect(text(page.body)).toContain(`Par exemple : ${EXAMPLE_NIR}.`);
  });

  it('the example NIR is well formed and belongs to no demo person and no stand-in citizen', async () => {
    const nir = EXAMPLE_NIR.replace(/ /g, '');
    expect(parseNir(nir).ok).toBe(true);
    const known = [...Object.values(DEMO_PEOPLE).map((p) => p.nir), ...TEST_CITIZENS.map((c) => c.nir)];
    expect(known).not.toContain(nir);
    const b = new TestBrowser(t.app);
    const registration = await visit(b, '/creer-mon-compte/nouveau');
    expect(text(registration.body)).toContain(`Par exemple ${EXAMPLE_NIR}.`);
    // what the person reads: the raw page holds random tokens (CSRF, hashes) where any five digits may turn up
    const shown = text(registration.body);
    for (const p of Object.values(DEMO_PEOPLE)) expect(shown).not.toContain(p.nir.slice(0, 5));
  });

  it('a logout says « Vous êtes déconnecté(e) », as the FranceConnect logout does', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const out = await b.post('/deconnexion', {});
    const page = await b.get(location(out));
    expect(text(page.body)).toContain('Vous êtes déconnecté(e)');
  });
});
