import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import { recordBankAccount } from '../../../src/household/repository';
import { addMonths, agencyMonth, frenchMonth } from '../../../src/payments/months';
import { runPayments } from '../../../src/payments/run';
import { deDate } from '../../../src/shared/french-time';
import { TestBrowser, type TestApp } from '../../support/app';
import { submitRefused, text } from '../../support/http';
import { messagesTo } from '../../support/outbox';
import { accountOf, api, demoApp, signedIn } from '../../household/support';
import { createTestAgent, logInAgent } from './helpers';

/** The Caf side on a demo droit: an amount lowered from a past month (indu, told to the person), a held payment released. */
describe('espace gestionnaire: droits', () => {
  let t: TestApp;
  let b: TestBrowser;
  beforeAll(async () => {
    t = await demoApp();
    b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, await createTestAgent(t.ctx));
  }, 120_000);
  afterAll(() => t?.close());
  const db = () => t.ctx.database.db;

  it('lowers an amount from a past month with a motif: an indu with its reason on « Mes paiements », the person told without amounts in the subject', async () => {
    const droit = await db()
      .selectFrom('droits')
      .selectAll()
      .where('household_id', '=', 'demo-foyer-4567890')
      .where('prestation', '=', 'aide-au-logement')
      .executeTakeFirstOrThrow();
    const page = await b.get(`/gestion/droits/${droit.id}`);
    expect(page.statusCode).toBe(200);
    const missing = await submitRefused(
      b,
      `/gestion/droits/${droit.id}/montant`,
      { montant: '200', aPartirDe: '', motif: '' },
      `/gestion/droits/${droit.id}`,
    );
    expect(text(missing.body)).toContain('Indiquez le premier mois du droit');
    expect(text(missing.body)).toContain('Indiquez le motif du changement');
    expect(missing.body).toContain('value="200"');
    const from = droit.first_month;
    const [y, m] = from.split('-');
    const done = await b.post(`/gestion/droits/${droit.id}/montant`, {
      montant: '200,00',
      aPartirDe: `${m}/${y}`,
      motif: 'Ressources mises à jour',
    });
    // post/redirect/get: the result is a page of its own, a reload sends nothing again
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/gestion/droits/${droit.id}`);
    const shown = text((await b.get(String(done.headers.location))).body);
    expect(shown).toContain('La personne en est informée.');
    expect(shown).toContain('Ce changement touche des mois déjà payés. Il a créé :');
    expect(shown.match(/un trop-perçu de 24,80 € pour/g)).toHaveLength(6);
    // a one-time notice: a reload shows the droit without it
    expect(text((await b.get(String(done.headers.location))).body)).not.toContain('Ce changement touche des mois déjà payés. Il a créé :');
    expect(shown).toContain('Trop-perçus : 148,80 €, retenus sur les prochains paiements dans la limite prévue.');
    const indus = await db().selectFrom('payment_adjustments').selectAll().where('droit_id', '=', droit.id).execute();
    expect(indus).toHaveLength(6);
    expect(indus.every((a) => a.kind === 'indu' && a.amount_cents === 2_480)).toBe(true);
    const marc = await accountOf(t, P.marcLeroy.nir);
    const [told] = (await messagesTo(t.ctx, marc.contact_value)).slice(-1);
    expect(told!.subject).toBe('Un droit a changé');
    expect(told!.text).toContain('Ressources mises à jour');
    expect(told!.text).not.toContain('200');
    // the next payment day deducts it, visibly
    t.clock.advance(40 * 86_400_000);
    await runPayments(db(), t.ctx.clock.now());
    const person = await signedIn(t, P.marcLeroy.nir);
    const json = JSON.parse((await api(person, 'GET', '/api/paiements')).body);
    const lines = json.months.flatMap((x: { lines: { kind: string; reason: string }[] }) => x.lines);
    expect(lines.some((l: { kind: string; reason: string }) => l.kind === 'indu' && l.reason.includes('Ressources mises à jour'))).toBe(
      true,
    );
    expect(text((await person.get('/mon-espace/droits')).body)).toContain('Motif : « Ressources mises à jour »');
  });

  it('a bank account changed before the payment day holds the payment, shown « En attente »; an agent releases it', async () => {
    await recordBankAccount(
      db(),
      'demo-foyer-3456789',
      { iban: 'FR1420041010050500013M02606', holder: 'GARNIER Sophie' },
      null,
      t.ctx.clock.now(),
      null,
    );
    t.clock.advance(35 * 86_400_000);
    expect((await runPayments(db(), t.ctx.clock.now())).held).toBeGreaterThan(0);
    const held = await db()
      .selectFrom('payments')
      .selectAll()
      .where('household_id', '=', 'demo-foyer-3456789')
      .where('status', '=', 'en_attente')
      .executeTakeFirstOrThrow();
    const sophie = await signedIn(t, P.sophieGarnier.nir);
    expect(text((await sophie.get('/mon-espace/paiements')).body)).toContain('En attente');
    // the clock moved on: a fresh agent session
    b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, await createTestAgent(t.ctx));
    const page = await b.get(`/gestion/droits/${held.droit_id}`);
    expect(text(page.body)).toContain('Libérer le paiement');
    const r = await b.post(`/gestion/paiements/${held.id}/liberation`, {});
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/gestion/droits/${held.droit_id}`);
    expect(text((await b.get(String(r.headers.location))).body)).toContain(
      'Le paiement est libéré : il est versé sur le compte bancaire du dossier.',
    );
    const after = await db().selectFrom('payments').selectAll().where('id', '=', held.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('verse');
    expect((await b.post(`/gestion/paiements/${held.id}/liberation`, {})).statusCode).toBe(409);
  });

  it('ends a droit: without its motif, the error at the field in the end form’s own words and the month kept; then ended, in the history', async () => {
    const droit = await db().selectFrom('droits').selectAll().where('household_id', '=', 'demo-foyer-3456789').executeTakeFirstOrThrow();
    await b.get(`/gestion/droits/${droit.id}`);
    const missing = await submitRefused(
      b,
      `/gestion/droits/${droit.id}/fin`,
      { dernierMois: '', motifFin: 'Enfant parti du foyer' },
      `/gestion/droits/${droit.id}`,
    );
    expect(text(missing.body)).toContain('Indiquez le dernier mois payé du droit, par exemple 08/2027.');
    expect(missing.body).toMatch(/id="motifFin" name="motifFin" type="text" value="Enfant parti du foyer"/);
    // two months from now, whatever the clock the tests before did to it
    const last = addMonths(agencyMonth(t.ctx.clock.now()), 2);
    const typed = `${last.slice(5)}/${last.slice(0, 4)}`;
    const noMotif = await submitRefused(
      b,
      `/gestion/droits/${droit.id}/fin`,
      { dernierMois: typed, motifFin: ' ' },
      `/gestion/droits/${droit.id}`,
    );
    expect(noMotif.body).toContain('id="motifFin-error"');
    expect(text(noMotif.body)).toContain('Indiquez le motif de la fin du droit');
    expect(noMotif.body).toContain(`id="dernierMois" name="dernierMois" type="text" value="${typed}"`);
    const done = await b.post(`/gestion/droits/${droit.id}/fin`, { dernierMois: typed, motifFin: 'Enfant parti du foyer' });
    expect(done.statusCode).toBe(303);
    expect(text((await b.get(String(done.headers.location))).body)).toContain(
      `droit terminé, à partir de ${frenchMonth(addMonths(last, 1))} — « Enfant parti du foyer »`,
    );
    const ended = await db().selectFrom('droits').select('last_month').where('id', '=', droit.id).executeTakeFirstOrThrow();
    expect(ended.last_month).toBe(last);
  });

  it('shows the amount period by period, the rappels and indus a change created, keeps what was typed on an error, and redirects after each action', async () => {
    const droit = await db()
      .selectFrom('droits')
      .selectAll()
      .where('household_id', '=', 'demo-foyer-2345678')
      .where('prestation', '=', 'prime-activite')
      .executeTakeFirstOrThrow();
    const typed = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;
    const first = droit.first_month;
    const paid = await db().selectFrom('payments').select('month').where('droit_id', '=', droit.id).orderBy('month', 'desc').execute();
    const lastPaid = paid[0]!.month;
    const path = `/gestion/droits/${droit.id}`;
    const before = text((await b.get(path)).body);
    expect(before).toContain(`depuis ${frenchMonth(first)} 187,30 €`);
    expect(before).toContain('Ce droit ne vient pas d’une démarche faite dans Mon Compte.');
    expect(before).toContain('Aucun changement de ce droit n’a touché un mois déjà payé : ni rappel ni trop-perçu.');

    const lowered = await b.post(`${path}/montant`, { montant: '150', aPartirDe: typed(lastPaid), motif: 'Revenus du trimestre' });
    expect(lowered.statusCode).toBe(303);
    const banner = text((await b.get(String(lowered.headers.location))).body);
    expect(banner).toContain('Le montant du droit est changé. La personne en est informée.');
    expect(banner).toContain(`un trop-perçu de 37,30 € pour ${frenchMonth(lastPaid)}`);
    // the months paid at the old amount are shown at it, not « 150 € since the first month »
    const page = text((await b.get(path)).body);
    expect(page).not.toContain('Le montant du droit est changé.');
    expect(page).toContain(`${deDate(frenchMonth(first))} à ${frenchMonth(addMonths(lastPaid, -1))} 187,30 €`);
    expect(page).toContain(`depuis ${frenchMonth(lastPaid)} 150,00 €`);
    expect(page).toContain(`${frenchMonth(lastPaid)} : trop-perçu (indu) de 37,30 €, à retenir sur les prochains paiements`);

    // an error keeps what was typed, at the form it was typed in
    const missing = await submitRefused(b, `${path}/fin`, { dernierMois: '', motifFin: 'Déménagement hors de France' }, path);
    expect(missing.body).toContain('href="#dernierMois"');
    expect(missing.body).toMatch(
      /name="motifFin"[^>]*value="Déménagement hors de France"|value="Déménagement hors de France"[^>]*name="motifFin"/,
    );
    expect(missing.body).not.toMatch(/name="motif"[^>]*value="Déménagement/);

    const end = addMonths(lastPaid, 2);
    const ended = await b.post(`${path}/fin`, { dernierMois: typed(end), motifFin: 'Déménagement hors de France' });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe(path);
    const afterEnd = text((await b.get(String(ended.headers.location))).body);
    expect(afterEnd).toContain('La fin du droit est enregistrée. La personne en est informée.');
    expect(afterEnd).toContain('Ce changement ne touche aucun mois déjà payé : il ne crée ni rappel ni trop-perçu.');
    expect(afterEnd).toContain(`${deDate(frenchMonth(lastPaid))} à ${frenchMonth(end)} 150,00 €`);
    // a page left open before the end: refused at the field, what was typed kept (back to the page, 303)
    const stale = await submitRefused(
      b,
      `${path}/montant`,
      { montant: '160', aPartirDe: typed(addMonths(end, 3)), motif: 'Nouvelle situation' },
      path,
    );
    expect(stale.body).toContain('href="#aPartirDe"');
    expect(stale.body).toContain('value="160"');
    expect(stale.body).toContain('value="Nouvelle situation"');
  });
});
