import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../src/accounts/repository';
import { escapeHtml } from '../../src/http/views/html';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { testDatabases } from '../support/databases';
import { location, postJson, submitRefused, text, visit } from '../support/http';
import { lastCode } from '../support/outbox';
import { freshMarie, REGISTRATION_PASSWORD } from '../support/registration';
import { FOREIGN, HOSTILE, type HostileName } from './names-corpus';

/**
 * Issue 20, point 6: look-alike names at the état civil step of « Créer Mon Compte », through the JSON
 * API and the page — refused at the field with the catalogue code and a French message naming the
 * character (nothing typed is lost on the page), or stored in their plain form; foreign-document names
 * accepted and stored composed. The rule itself, over the whole corpus: test/identity/names.test.ts.
 */
const hostile = (what: string): HostileName => {
  const h = HOSTILE.find((x) => x.what === what);
  if (!h) throw new Error(`not in the corpus: ${what}`);
  return h;
};
const foreign = (input: string): string => {
  const f = FOREIGN.find((x) => x.input === input);
  if (!f) throw new Error(`not in the corpus: ${input}`);
  return f.storedAs ?? f.input;
};

/** How the message names the offending character: « c », or its code point for an invisible one. */
const named = (offending: string) => (/^U\+/.test(offending) ? offending : `« ${offending} »`);

const civilStatus = (p: Record<string, string>) => ({
  nir: p.nir,
  civility: p.civility,
  birthName: p.birthName,
  givenNames: p.givenNames,
  birthDate: `${p['birthDate-year']}-${p['birthDate-month']!.padStart(2, '0')}-${p['birthDate-day']!.padStart(2, '0')}`,
  birthPlaceKind: 'france',
  communeCode: p.communeCode,
});

const REFUSED_IN_JSON = [
  'combining grapheme joiner',
  'zero width joiner',
  'right-to-left override',
  'variation selector 16',
  'tag characters',
  'mathematical bold',
  'circled letter',
  'long s (looks like an f)',
  'dotless i',
  'small capital R',
  'Latin beta',
  'Cyrillic Р',
  'Greek Rho',
  'Cherokee M',
];

describe('issue 20 — 6. look-alike names at the état civil step', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function submitJson(birthName: string, givenNames = 'Marie') {
    const { id } = (await postJson(t.app, '/api/registration/flows')).json();
    return postJson(t.app, `/api/registration/flows/${id}/civil-status`, civilStatus({ ...freshMarie(), birthName, givenNames }));
  }

  it.each(REFUSED_IN_JSON)('JSON API: %s → 400, code and message at the birthName field', async (what) => {
    const h = hostile(what);
    const res = await submitJson(h.input);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields).toHaveLength(1);
    const [f] = body.error.fields;
    expect(f).toMatchObject({ field: 'birthName', code: h.refused!.code });
    expect(f.message).toContain(named(h.refused!.offending));
    if (h.refused!.instead) expect(f.message).toContain(`tapez « ${h.refused!.instead} »`);
  });

  it('JSON API: a look-alike in the prénoms is refused at the givenNames field', async () => {
    for (const what of ['zero width non-joiner', 'Latin alpha', 'Cyrillic а', 'mathematical italic']) {
      const h = hostile(what);
      const res = await submitJson('Dupont', h.input);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.fields, what).toEqual([expect.objectContaining({ field: 'givenNames', code: h.refused!.code })]);
    }
  });

  it('JSON API: full-width and canonical twins are stored in their plain form, never as typed', async () => {
    for (const what of ['full-width name', 'one full-width letter', 'Kelvin sign K (canonical twin)']) {
      const h = hostile(what);
      const res = await submitJson(h.input, hostile('full-width given name').input);
      expect(res.statusCode, res.body).toBe(200);
      const stored = res.json().data.civilStatus;
      expect(stored.birthName).toBe(h.storedAs!.toUpperCase());
      expect(stored.givenNames).toBe('Marie');
    }
  });

  it('JSON API: names of foreign documents are accepted and stored composed', async () => {
    for (const [birthName, givenNames] of [
      ['Wałęsa', 'Łukasz'],
      ['Đorđević', 'Øyvind'],
      ['Guðmundsdóttir', 'Þórunn'],
      ['Nu\u0301n\u0303ez', 'Ðóra'],
      ['Dvořák', 'Şahin'],
      ['Ørsted', 'Søren'],
    ]) {
      const res = await submitJson(birthName!, givenNames);
      expect(res.statusCode, `${birthName} ${res.body}`).toBe(200);
      const stored = res.json().data.civilStatus;
      expect(stored.birthName).toBe(foreign(birthName!).toUpperCase());
      expect(stored.givenNames).toBe(foreign(givenNames!));
    }
  });

  it('page: the error is at the field, with its message, and everything typed is kept', async () => {
    for (const what of ['combining grapheme joiner', 'dotless i', 'Latin beta', 'mathematical bold', 'Cyrillic Р']) {
      const h = hostile(what);
      const b = new TestBrowser(t.app);
      await visit(b, '/creer-mon-compte/nouveau');
      const person: Record<string, string> = { ...freshMarie(), birthName: h.input, givenNames: 'Zoé Anaïs' };
      const res = await submitRefused(b, '/creer-mon-compte/etat-civil', person);
      expect(res.body).toContain('<a href="#birthName">');
      expect(res.body).toContain('id="birthName-error"');
      const page = text(res.body);
      expect(page).toContain(named(h.refused!.offending));
      if (h.refused!.instead) expect(page).toContain(`tapez « ${h.refused!.instead} »`);
      for (const field of ['birthName', 'givenNames', 'nir'] as const)
        expect(res.body, `${what}: ${field}`).toContain(`name="${field}" type="text" value="${escapeHtml(person[field]!)}"`);
      expect(res.body).not.toContain('id="givenNames-error"');
    }
  });

  it('page: a foreign-document name goes on to the next step and comes back composed', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const res = await b.post('/creer-mon-compte/etat-civil', { ...freshMarie(), birthName: 'Nu\u0301n\u0303ez', givenNames: 'Łukasz Ærø' });
    expect(location(res)).toBe('/creer-mon-compte/titre-identite');
    const back = await visit(b, '/creer-mon-compte/etat-civil');
    expect(back.body).toContain('value="NÚÑEZ"');
    expect(back.body).toContain('value="Łukasz Ærø"');
  });
});

describe.each(testDatabases)('issue 20 — 6. the account keeps the normalised names, on $name', ({ open }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ database: await open() });
  });
  afterAll(() => t.close());

  it('a registration typed with full-width letters and combining accents creates the account with composed, plain names', async () => {
    const person: Record<string, string> = { ...freshMarie(), birthName: 'Ｎu\u0301n\u0303ez', givenNames: 'Łukasz Ðóra' };
    const post = (url: string, body: unknown = {}) => postJson(t.app, url, body);
    const { id } = (await post('/api/registration/flows')).json();
    const base = `/api/registration/flows/${id}`;
    expect((await post(`${base}/civil-status`, civilStatus(person))).statusCode).toBe(200);
    expect((await post(`${base}/identity-document`, { documentKind: 'none' })).statusCode).toBe(200);
    const email = 'nunez.lukasz@example.fr';
    expect((await post(`${base}/contact`, { contactKind: 'email', email })).statusCode).toBe(200);
    expect((await post(`${base}/code`, { code: await lastCode(t.ctx.database.db, email) })).statusCode).toBe(200);
    const pw = { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD };
    expect((await post(`${base}/password`, pw)).statusCode).toBe(200);
    expect((await post(`${base}/confirm`)).statusCode).toBe(200);
    const account = await findAccountByNir(t.ctx.database.db, person.nir!);
    expect(account).toMatchObject({ birth_name: 'NÚÑEZ', given_names: 'Łukasz Ðóra' });
  });
});
