import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../../src/demarches/reference';
import { addMember, createHousehold } from '../../../src/household/repository';
import { createTestAccount, logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';

/** The person's démarches in JSON: catalogue, form, start, pages (409 on a stale version), submission, list. */
describe('démarches API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const json = (b: TestBrowser, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    b.request({
      method,
      url,
      ...(payload ? { payload: payload as object } : {}),
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    });

  it('serves the catalogue and the forms without a session', async () => {
    const b = new TestBrowser(t.app);
    const cat = (await b.get('/api/catalogue')).json();
    expect(cat.themes.map((x: { title: string }) => x.title)).toEqual([
      'Logement',
      'Vie personnelle',
      'Vie professionnelle',
      'Accident de vie',
      'Handicap',
    ]);
    expect(cat.prestations.find((p: { slug: string }) => p.slug === 'ajpa')).toMatchObject({
      requester: 'individual',
      hasForm: true,
      online: true,
    });
    expect(cat.prestations.find((p: { slug: string }) => p.slug === 'aah')).toMatchObject({
      online: false,
      hasForm: false,
      elsewhere: { label: expect.stringContaining('MDPH') },
    });
    const form = (await b.get('/api/catalogue/allocation-soutien-familial/formulaire')).json();
    expect(
      form.sections
        .flatMap((s: { pages: { id: string; repeatedBy?: string }[] }) => s.pages)
        .find((p: { id: string }) => p.id === 'enfant'),
    ).toMatchObject({ repeatedBy: 'nombre_enfants' });
    expect((await b.get('/api/catalogue/aah/formulaire')).statusCode).toBe(404);
    // Read by anyone, without a household: the partner is « votre conjoint(e) », no placeholder left.
    const rsa = (await b.get('/api/catalogue/rsa/formulaire')).body;
    expect(rsa).toContain('L’activité de votre conjoint(e)');
    expect(rsa).not.toMatch(/\{conjoint\}|\{il\}/);
    expect((await b.get('/api/demarches')).statusCode).toBe(401);
  });

  it('starts, saves pages with French messages at the field and a version, refuses a stale one, and submits', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const started = await b.postJson('/api/demarches', { prestation: 'ajpa' });
    expect(started.statusCode).toBe(201);
    const d = started.json();
    expect(d).toMatchObject({ prestation: 'ajpa', status: 'brouillon', statusLabel: 'Brouillon', version: 1, reference: null });

    const bad = await json(b, 'PUT', `/api/demarches/${d.id}/pages/jours`, {
      version: 1,
      answers: { 'debut_conge-day': '1', 'debut_conge-month': '12', 'debut_conge-year': '2026', jours: '30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { field: 'jours', code: 'VALIDATION_FAILED', message: 'Le nombre de jours demandés doit être de 1 à 22 jours.' },
    ]);

    const pages: [string, Record<string, string>][] = [
      [
        'personne-aidee',
        {
          aide_prenom: 'Jeanne',
          aide_nom: 'Dupont',
          'aide_naissance-day': '3',
          'aide_naissance-month': '2',
          'aide_naissance-year': '1948',
          aide_situation: 'handicap',
        },
      ],
      ['lien', { lien: 'parent' }],
      ['jours', { 'debut_conge-day': '1', 'debut_conge-month': '12', 'debut_conge-year': '2026', jours: '10' }],
      ['compte-bancaire', { iban: 'FR7630006000011234567890189', titulaire: 'Marie Dupont' }],
    ];
    let version = 1;
    for (const [page, answers] of pages) {
      const r = await json(b, 'PUT', `/api/demarches/${d.id}/pages/${page}`, { version, answers });
      expect(r.statusCode, page).toBe(200);
      version = r.json().version;
    }
    expect(version).toBe(5);
    // A client still at an older version is told, not overwritten.
    expect((await json(b, 'PUT', `/api/demarches/${d.id}/pages/lien`, { version: 2, answers: { lien: 'enfant' } })).statusCode).toBe(409);

    const detail = (await b.get(`/api/demarches/${d.id}`)).json();
    expect(detail).toMatchObject({
      nextPage: null,
      answers: { jours: 10, lien: 'parent', aide_naissance: '1948-02-03' },
      visiblePages: ['personne-aidee', 'lien', 'jours', 'compte-bancaire'],
    });

    expect((await b.postJson(`/api/demarches/${d.id}/envoi`, { version, declaration: false })).statusCode).toBe(400);
    expect((await b.postJson(`/api/demarches/${d.id}/envoi`, { version: version - 1, declaration: true })).statusCode).toBe(409);
    const sent = await b.postJson(`/api/demarches/${d.id}/envoi`, { version, declaration: true });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().reference).toMatch(REFERENCE_PATTERN);
    expect(sent.json().receiptPdf).toBe(`/mon-espace/demarches/${d.id}/accuse-de-reception.pdf`);
    expect((await b.postJson(`/api/demarches/${d.id}/envoi`, { version: version + 1, declaration: true })).statusCode).toBe(410);

    const list = (await b.get('/api/demarches')).json();
    expect(list.own.map((x: { status: string }) => x.status)).toEqual(['envoyee']);
    expect((await b.get(`/api/demarches/${d.id}`)).json().history.map((e: { event: string; by: string }) => `${e.event}/${e.by}`)).toEqual([
      'create/person',
      'submit/person',
    ]);
  });

  it('a page that does not apply to this request: 409 with a French message and where the request stands; an unknown page: 404', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const d = (await b.postJson('/api/demarches', { prestation: 'rsa' })).json();
    const alone = await json(b, 'PUT', `/api/demarches/${d.id}/pages/situation-familiale`, {
      version: d.version,
      answers: { situation_familiale: 'celibataire', enfants_a_charge: '0' },
    });
    expect(alone.statusCode).toBe(200);
    expect(alone.json().nextPage).toBe('activite-vous');
    const version = alone.json().version;

    // The conjoint's activity, for a person alone: nothing saved, and the page to go on with.
    const partner = await json(b, 'PUT', `/api/demarches/${d.id}/pages/activite-conjoint`, {
      version,
      answers: { activite_conjoint: 'salarie' },
    });
    expect(partner.statusCode).toBe(409);
    expect(partner.json()).toEqual({
      error: {
        code: 'DEMARCHE_PAGE_NOT_APPLICABLE',
        message: expect.stringContaining('Cette étape ne concerne pas votre demande'),
        nextPage: 'activite-vous',
      },
    });
    const after = (await b.get(`/api/demarches/${d.id}`)).json();
    expect(after.version).toBe(version);
    expect(after.answers).not.toHaveProperty('activite_conjoint');
    expect(after.nextPage).toBe('activite-vous');

    // A page the form does not have at all is not found.
    const unknown = await json(b, 'PUT', `/api/demarches/${d.id}/pages/nulle-part`, { version, answers: {} });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('a conjoint without procuration: the AJPA yes, the RSA no (403 with who may)', async () => {
    const householdId = await createHousehold(t.ctx.database.db, '7777002', t.clock.now());
    const a = await createTestAccount(t.ctx);
    await addMember(t.ctx.database.db, {
      household_id: householdId,
      account_id: a.id,
      nir: a.nir,
      civility: a.civility,
      birth_name: a.birth_name,
      given_names: a.given_names,
      birth_date: '1985-01-01',
      role: 'conjoint',
      joined_at: t.clock.now(),
    });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, a);
    expect((await b.postJson('/api/demarches', { prestation: 'ajpa' })).statusCode).toBe(201);
    const rsa = await b.postJson('/api/demarches', { prestation: 'rsa' });
    expect(rsa.statusCode).toBe(403);
    expect(rsa.json().error).toMatchObject({ code: 'DEMARCHE_FORBIDDEN', message: expect.stringContaining('autorisation de gestion') });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await new TestBrowser(t.app).get('/api/openapi.json')).json();
    for (const p of [
      '/api/catalogue',
      '/api/demarches',
      '/api/demarches/{id}',
      '/api/demarches/{id}/pages/{page}',
      '/api/demarches/{id}/envoi',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    // The page that does not apply: its 409 and the page to go on with, in the error's schema.
    const put = doc.paths['/api/demarches/{id}/pages/{page}'].put;
    expect(put.description).toContain('DEMARCHE_PAGE_NOT_APPLICABLE');
    expect(put.responses['409'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.components.schemas.Error.properties.error.properties.nextPage).toMatchObject({
      description: expect.stringContaining('DEMARCHE_PAGE_NOT_APPLICABLE'),
    });
  });
});
