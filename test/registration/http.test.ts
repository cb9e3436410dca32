import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLoginId, findAccountByNir } from '../../src/accounts/repository';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { ANGELA, MARIE, PASSWORD, lastCode, location, submit, text, visit } from './support';

describe('Créer Mon Compte — pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('walks the whole journey with a NIR and an e-mail', async () => {
    const b = new TestBrowser(t.app);
    let page = await visit(b, '/creer-mon-compte/nouveau');
    expect(page.body).toContain('Étape 1 sur 6 — État civil');
    let r = await submit(b, '/creer-mon-compte/etat-civil', MARIE);
    expect(r.to).toBe('/creer-mon-compte/titre-identite');
    expect(r.page.body).toContain('Étape 2 sur 6 — Titre d’identité');
    r = await submit(b, '/creer-mon-compte/titre-identite', { documentKind: 'cni', 'documentNumber-cni': 'X4RTBPFW4' });
    expect(r.to).toBe('/creer-mon-compte/coordonnees');
    r = await submit(b, '/creer-mon-compte/coordonnees', { contactKind: 'email', email: 'Marie.Dupont@example.fr' });
    expect(r.to).toBe('/creer-mon-compte/code');
    expect(text(r.page.body)).toContain('Nous venons de vous envoyer un code de vérification par mail à l’adresse suivante : marie.dupont@example.fr. Merci de le saisir.');
    const code = await lastCode(t.ctx.database.db, 'marie.dupont@example.fr');
    r = await submit(b, '/creer-mon-compte/code', { code });
    expect(r.to).toBe('/creer-mon-compte/mot-de-passe');
    r = await submit(b, '/creer-mon-compte/mot-de-passe', { password: PASSWORD, passwordConfirmation: PASSWORD });
    expect(r.to).toBe('/creer-mon-compte/recapitulatif');
    page = r.page;
    expect(text(page.body)).toContain('2 90 05 75 114 123');
    expect(text(page.body)).toContain('15 mai 1990');
    r = await submit(b, '/creer-mon-compte/recapitulatif', {});
    expect(r.to).toBe('/creer-mon-compte/compte-cree');
    expect(text(r.page.body)).toContain('Votre compte est créé');
    expect(r.page.body).not.toContain(PASSWORD);
    expect(r.page.body).not.toContain(code);
    const account = await findAccountByNir(t.ctx.database.db, MARIE.nir);
    expect(account).toMatchObject({ login_id: MARIE.nir, birth_name: 'DUPONT', contact_kind: 'email', identity_status: 'to_confirm', birth_place_code: '75114' });
    expect(account?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await t.ctx.passwords.verify(account!.password_hash!, PASSWORD)).toBe(true);
    void findAccountByLoginId;
  });

  it('sends a person without a flow to the start page', async () => {
    const b = new TestBrowser(t.app);
    const res = await b.get('/creer-mon-compte/mot-de-passe');
    expect(location(res)).toBe('/creer-mon-compte');
  });

  it('recognises a répertoire person', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    const r = await submit(b, '/creer-mon-compte/etat-civil', ANGELA);
    expect(r.to).toBe('/creer-mon-compte/titre-identite');
  });
});
