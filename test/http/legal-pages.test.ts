import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/demarches/repository';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { fileUploadForm } from '../../src/http/views/file-upload';
import { html } from '../../src/http/views/html';
import { COOKIES } from '../../src/journeys/legal/cookies';
import { ACCESSIBILITY_STATUS, LEGAL_PAGES } from '../../src/legal/pages';
import { NOTICE_PATH, PURPOSES, type PurposeId } from '../../src/legal/purposes';
import { retentionRules } from '../../src/retention/registry';
import { TestBrowser, type TestApp } from '../support/app';
import { text, visit } from '../support/http';
import { freshMarie, walkTo } from '../support/registration';
import { accountOf, demoApp, signedIn } from '../household/support';

let t: TestApp;
beforeAll(async () => {
  t = await demoApp();
});
afterAll(() => t.close());

/** The footer of a page: everything after <footer. */
const footerOf = (body: string) => body.slice(body.indexOf('<footer'));

/** The short notice of a purpose: the link to its section of the full notice. */
const noticeLink = (id: PurposeId) => `href="${NOTICE_PATH}#${id}"`;

describe('legal pages and the footer', () => {
  const publicPages = [
    '/',
    '/aide',
    '/aide/assistant',
    '/mon-compte',
    '/aides-et-demarches',
    '/connexion',
    '/creer-mon-compte',
    '/page-inconnue',
    ...LEGAL_PAGES.map((p) => p.path),
  ];

  it.each(publicPages)('%s shows the accessibility status and every legal link in its footer', async (path) => {
    const res = await new TestBrowser(t.app).get(path);
    const footer = footerOf(res.body);
    expect(text(footer)).toContain(`Accessibilité : ${ACCESSIBILITY_STATUS}`);
    for (const p of LEGAL_PAGES) expect(footer).toContain(`href="${p.path}"`);
  });

  it('the signed-in pages have the same footer', async () => {
    const b = await signedIn(t, DEMO_PEOPLE.thomasPetit.nir);
    const footer = footerOf((await b.get('/mon-espace')).body);
    expect(text(footer)).toContain('Accessibilité : non conforme');
    for (const p of LEGAL_PAGES) expect(footer).toContain(`href="${p.path}"`);
  });

  it('every legal page answers 200 with its own h1', async () => {
    for (const p of LEGAL_PAGES) {
      const res = await new TestBrowser(t.app).get(p.path);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<h1 class="govuk-heading-l">[^<]+<\/h1>/);
    }
  });

  it('the personal-data notice gives every purpose and every retention period the code applies', async () => {
    const body = text((await new TestBrowser(t.app).get(NOTICE_PATH)).body);
    for (const p of PURPOSES) for (const s of [p.title, p.legalBasis, p.recipients]) expect(body).toContain(s);
    for (const r of Object.values(retentionRules({ outboxRetentionDays: t.ctx.config.outbox.retentionDays }))) {
      expect(body).toContain(r.holds);
      expect(body).toContain(r.keptFor);
    }
    for (const s of ['délégué à la protection des données', 'CNIL', 'Mes données', 'fermer votre compte']) expect(body).toContain(s);
  });

  it('the accessibility statement follows the official model, honestly', async () => {
    const body = text((await new TestBrowser(t.app).get('/accessibilite')).body);
    expect(body).toContain('non conforme');
    expect(body).toContain('aucun audit de conformité n’a encore été réalisé');
    for (const s of [
      'Contenus non accessibles',
      'Dérogations pour charge disproportionnée',
      'établie le',
      'Retour d’information et contact',
      'Défenseur des droits',
    ])
      expect(body).toContain(s);
    expect(body).not.toContain('partiellement conforme');
  });

  it('the cookies statement lists every cookie the code sets', async () => {
    const names = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) {
          if (f !== 'franceconnect-standin') walk(p);
        } else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/COOKIE\s*=\s*'([a-z_]+)'/g)) names.add(m[1]!);
      }
    };
    walk('src');
    expect(names.size).toBeGreaterThan(8);
    const listed = COOKIES.map((c) => c.name);
    for (const n of names) expect(listed).toContain(n);
    const body = (await new TestBrowser(t.app).get('/cookies')).body;
    for (const c of COOKIES) expect(body).toContain(`<code>${c.name}</code>`);
  });
});

describe('a short notice at each point of collection, linking to the full notice', () => {
  it('registration: état civil, identity document, contact', async () => {
    const b = new TestBrowser(t.app);
    await visit(b, '/creer-mon-compte/nouveau');
    expect((await b.get('/creer-mon-compte/etat-civil')).body).toContain(noticeLink('etat-civil'));
    await walkTo(b, t.ctx.database.db, 'identity_document', { person: freshMarie() });
    expect((await b.get('/creer-mon-compte/titre-identite')).body).toContain(noticeLink('titre-identite'));
    await walkTo(b, t.ctx.database.db, 'contact', { person: freshMarie() });
    expect((await b.get('/creer-mon-compte/coordonnees')).body).toContain(noticeLink('contact'));
  });

  it('the assistant’s question', async () => {
    expect((await new TestBrowser(t.app).get('/aide/assistant')).body).toContain(noticeLink('messages'));
  });

  it('the personal space: contact, address, bank account, separation, request form', async () => {
    const b = await signedIn(t, DEMO_PEOPLE.thomasPetit.nir);
    expect((await b.get('/mon-espace/securite/contact')).body).toContain(noticeLink('contact'));
    expect((await b.get('/mon-espace/foyer/changement/adresse')).body).toContain(noticeLink('demande'));
    expect((await b.get('/mon-espace/foyer/changement/compte-bancaire')).body).toContain(noticeLink('compte-bancaire'));
    expect((await b.get('/mon-espace/foyer/separation')).body).toContain(noticeLink('demande'));
    const account = await accountOf(t, DEMO_PEOPLE.thomasPetit.nir);
    const draft = await createDraft(t.ctx.database.db, { accountId: account.id, prestation: 'aide-au-logement', now: t.ctx.clock.now() });
    const first = await b.get(`/mon-espace/demarches/${draft!.id}/reprendre`);
    const page = await b.get(first.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(noticeLink('demande'));
  });

  it('the upload of a justificatif', () => {
    const form = fileUploadForm({
      action: '/x',
      csrfToken: 't',
      name: 'f',
      label: 'Fichier',
      hint: html`PDF`,
      accept: '.pdf',
      maxBytes: 10,
      submit: 'Ajouter',
    });
    expect(String(form)).toContain(noticeLink('justificatifs'));
  });
});
