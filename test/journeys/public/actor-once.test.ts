import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousehold } from '../../../src/household/repository';
import { createTestAccount, logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { addAccountMember } from '../../support/household';
import { location } from '../../support/http';
import { sentDemarche } from '../../justificatifs/support';

/**
 * A request reads the person's place in the household (their « actor ») once and passes it on:
 * the theme page asks for each of its prestations whether the person may ask for it, and the
 * prestation page also looks for their démarches already under way — one read of the actor each.
 * So do the démarches' use cases (src/demarches/service.ts takes the actor the route read): a step
 * of the form checks the brouillon, the Caf's facts, the right to send it and the requests already
 * under way — one read.
 */
describe.each(testDatabases)('the household actor, read once per request, on $name', ({ open }) => {
  let t: TestApp;
  let actorReads = 0;
  // findActor is the one query that reads a member's procuration with the dossier's number.
  const counter: KyselyPlugin = {
    transformQuery({ node }) {
      const sql = JSON.stringify(node, (_key, v) => (typeof v === 'bigint' ? String(v) : v));
      if (node.kind === 'SelectQueryNode' && sql.includes('"has_procuration"') && sql.includes('"dossier_number"')) actorReads++;
      return node;
    },
    transformResult: async ({ result }) => result,
  };

  beforeAll(async () => {
    const handle = await open();
    t = await buildTestApp({ database: { ...handle, db: handle.db.withPlugin(counter) } });
  });
  afterAll(() => t.close());

  it('on a theme page of several prestations, and on a prestation page', async () => {
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, await createTestAccount(t.ctx));

    actorReads = 0;
    const theme = await b.get('/aides-et-demarches/mes-demarches/vie-personnelle');
    expect(theme.statusCode).toBe(200);
    expect(theme.body).toContain('Allocations familiales');
    expect(actorReads).toBe(1);

    actorReads = 0;
    const prestation = await b.get('/aides-et-demarches/prestations/aide-au-logement');
    expect(prestation.statusCode).toBe(200);
    expect(prestation.body).toContain('Faire la demande');
    expect(actorReads).toBe(1);
  });

  /** How many times `send` read the actor (its response returned, to check it is the page expected). */
  const reads = async <T>(send: () => Promise<T>): Promise<{ res: T; n: number }> => {
    actorReads = 0;
    const res = await send();
    return { res, n: actorReads };
  };

  it('on a step of the request form (GET and POST), a démarche, its justificatifs, « Mes droits », « Mes paiements »', async () => {
    const account = await createTestAccount(t.ctx);
    const db = t.ctx.database.db;
    const householdId = await createHousehold(db, '7788001', t.ctx.clock.now());
    await addAccountMember(db, householdId, account, { birth_date: '1990-04-02', role: 'responsable', joined_at: t.ctx.clock.now() });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get('/aides-et-demarches/prestations/aide-au-logement/faire-la-demande');

    const started = await reads(() => b.post('/mon-espace/demarches', { prestation: 'aide-au-logement' }));
    expect(started.res.statusCode).toBe(303);
    expect(started.n).toBe(1);
    const base = location(started.res).replace(/\/reprendre$/, '');
    const resumed = await reads(() => b.get(`${base}/reprendre`));
    expect(location(resumed.res)).toBe(`${base}/etapes/situation-familiale`);
    expect(resumed.n).toBe(1);

    const step = await reads(() => b.get(`${base}/etapes/situation-familiale`));
    expect(step.res.statusCode).toBe(200);
    expect(step.res.body).toContain('Étape 1 sur');
    expect(step.n).toBe(1);
    const wrong = await reads(() => b.post(`${base}/etapes/situation-familiale`, { situation_familiale: '', enfants_a_charge: '0' }));
    expect(location(wrong.res)).toBe(`${base}/etapes/situation-familiale`);
    expect(wrong.n).toBe(1);
    const shown = await reads(() => b.get(`${base}/etapes/situation-familiale`));
    expect(shown.res.body).toContain('govuk-error-summary');
    expect(shown.n).toBe(1);
    const saved = await reads(() =>
      b.post(`${base}/etapes/situation-familiale`, { situation_familiale: 'celibataire', enfants_a_charge: '0' }),
    );
    expect(location(saved.res)).toBe(`${base}/etapes/adresse`);
    expect(saved.n).toBe(1);
    const check = await reads(() => b.get(`${base}/verifier`));
    expect(location(check.res)).toBe(`${base}/etapes/adresse`);
    expect(check.n).toBe(1);
    const early = await reads(() => b.post(`${base}/envoyer`, { declaration: 'oui' }));
    expect(location(early.res)).toBe(`${base}/etapes/adresse`);
    expect(early.n).toBe(1);

    const list = await reads(() => b.get('/mon-espace/demarches'));
    expect(list.res.statusCode).toBe(200);
    expect(list.n).toBe(1);
    const sent = await sentDemarche(t.ctx, account, { householdId });
    const page = await reads(() => b.get(`/mon-espace/demarches/${sent.id}`));
    expect(page.res.statusCode).toBe(200);
    expect(page.res.body).toContain('Suivi de la demande');
    expect(page.n).toBe(1);
    const pieces = await reads(() => b.get(`/mon-espace/demarches/${sent.id}/justificatifs`));
    expect(pieces.res.statusCode).toBe(200);
    expect(pieces.n).toBe(1);

    for (const url of ['/mon-espace/droits', '/mon-espace/paiements', '/mon-espace']) {
      const r = await reads(() => b.get(url));
      expect(r.res.statusCode, url).toBe(200);
      expect(r.n, url).toBe(1);
    }
  });

  it('on the JSON routes of the démarches and their justificatifs', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);

    const started = await reads(() => b.postJson('/api/demarches', { prestation: 'aide-au-logement' }));
    expect(started.res.statusCode, started.res.body).toBe(201);
    expect(started.n).toBe(1);
    const { id, version } = started.res.json() as { id: string; version: number };
    const put = await reads(() =>
      b.request({
        method: 'PUT',
        url: `/api/demarches/${id}/pages/situation-familiale`,
        payload: { answers: { situation_familiale: 'celibataire', enfants_a_charge: '0' }, version },
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      }),
    );
    expect(put.res.statusCode, put.res.body).toBe(200);
    expect(put.n).toBe(1);
    const saved = put.res.json() as { version: number; nextPage: string };
    expect(saved.nextPage).toBe('adresse');
    const early = await reads(() => b.postJson(`/api/demarches/${id}/envoi`, { declaration: true, version: saved.version }));
    expect(early.res.statusCode).toBe(400);
    expect(early.res.json()).toMatchObject({ error: { code: 'DEMARCHE_INCOMPLETE' } });
    expect(early.n).toBe(1);
    const one = await reads(() => b.get(`/api/demarches/${id}`));
    expect(one.res.statusCode).toBe(200);
    expect(one.n).toBe(1);
    const all = await reads(() => b.get('/api/demarches'));
    expect((all.res.json() as { own: { id: string }[] }).own.map((d) => d.id)).toContain(id);
    expect(all.n).toBe(1);
    const sent = await sentDemarche(t.ctx, account);
    const pieces = await reads(() => b.get(`/api/demarches/${sent.id}/justificatifs`));
    expect(pieces.res.statusCode).toBe(200);
    expect(pieces.n).toBe(1);
    for (const url of ['/api/droits', '/api/paiements']) {
      const r = await reads(() => b.get(url));
      expect(r.res.statusCode, url).toBe(200);
      expect(r.n, url).toBe(1);
    }
  });
});
