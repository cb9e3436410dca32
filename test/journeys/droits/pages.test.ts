import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import { recordBankAccount } from '../../../src/household/repository';
import { changeDroit } from '../../../src/payments/changes';
import { formatEuros } from '../../../src/payments/inputs';
import { runPayments } from '../../../src/payments/run';
import { addMonths, frenchDay, frenchMonth } from '../../../src/payments/months';
import { agencyDay, deDate } from '../../../src/shared/french-time';

const DAY = 86_400_000;
import type { TestApp } from '../../support/app';
import { text } from '../../support/http';
import { api, demoApp, signedIn } from '../../household/support';

/**
 * « Mes droits », « Mes paiements » and the box of « Mon espace » on the demo dossiers: the
 * managers see the whole dossier's, a conjoint without procuration and a personne à charge only
 * what concerns them; six months paid, the next one programmed; the IBAN masked.
 */
describe('Mes droits, Mes paiements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('the responsable sees every droit of the dossier, six months paid, the total, the next payment and the IBAN masked', async () => {
    const b = await signedIn(t, P.julienMoreau.nir);
    const droits = text((await b.get('/mon-espace/droits')).body);
    expect(droits).toContain('Aide au logement');
    expect(droits).toContain('312,45 €');
    expect(droits).toContain('Allocations familiales');
    expect(droits).toContain('Motif : « Droit ouvert par la Caf »');
    const res = await b.get('/mon-espace/paiements');
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    expect(page).toContain('Prochain paiement');
    expect(page).toContain('460,97 €'); // 312,45 + 148,52 a month
    expect(page).toContain('Versé');
    expect(page).toContain('Programmé');
    expect(page).toContain('FR76 •••• •••• 0189');
    expect(res.body).not.toContain('FR7630006000011234567890189');
    const json = JSON.parse((await api(b, 'GET', '/api/paiements')).body);
    expect(json.scope).toBe('foyer');
    const paid = json.months.filter((m: { lines: { status: string }[] }) => m.lines.every((l) => l.status === 'verse'));
    expect(paid).toHaveLength(6);
    expect(paid.every((m: { totalCents: number }) => m.totalCents === 46_097)).toBe(true);
    expect(json.next.totalCents).toBe(46_097);
    expect(json.next.day).toMatch(/^\d{4}-\d{2}-05$/);
    const home = text((await b.get('/mon-espace')).body);
    expect(home).toContain('Dernier paiement : 460,97 €');
    expect(home).toContain('Prochain paiement : 460,97 €');
    expect((await b.get('/mon-espace/foyer/paiements')).statusCode).toBe(200);
  });

  it('after an amount changed from a month on, « Mes droits » and /api/droits show each period at its own amount, the history kept', async () => {
    const b = await signedIn(t, P.julienMoreau.nir);
    const before = JSON.parse((await api(b, 'GET', '/api/droits')).body);
    const logement = before.droits.find((d: { prestation: string }) => d.prestation === 'aide-au-logement');
    expect(logement.amountPeriods).toEqual([{ from: logement.firstMonth, to: null, amountCents: 31_245 }]);
    const from = addMonths(logement.firstMonth, 2);
    await changeDroit(t.ctx.database.db, {
      droitId: logement.id,
      change: { kind: 'montant', fromMonth: from, amountCents: 20_000 },
      motif: 'Ressources mises à jour',
      agentId: null,
      now: t.clock.now(),
    });
    const after = JSON.parse((await api(b, 'GET', '/api/droits')).body).droits.find((d: { id: string }) => d.id === logement.id);
    expect(after.amountPeriods).toEqual([
      { from: logement.firstMonth, to: addMonths(from, -1), amountCents: 31_245 },
      { from, to: null, amountCents: 20_000 },
    ]);
    expect(after.monthlyAmountCents).toBe(20_000); // the field kept
    const page = text((await b.get('/mon-espace/droits')).body);
    expect(page).toContain(`312,45 € par mois ${deDate(frenchMonth(logement.firstMonth))} à ${frenchMonth(addMonths(from, -1))}`);
    expect(page).toContain(`200,00 € par mois depuis ${frenchMonth(from)}`);
    expect(page).toContain(
      `montant changé à partir ${deDate(frenchMonth(from))} : 200,00 € par mois (au lieu de 312,45 €). Motif : « Ressources mises à jour »`,
    );
    expect(page).toContain('Motif : « Droit ouvert par la Caf »');
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
    expect(JSON.stringify(doc)).toContain('amountPeriods');
  });

  it('a conjoint without procuration and a personne à charge see only the droits that concern them', async () => {
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    const droits = JSON.parse((await api(nadia, 'GET', '/api/droits')).body);
    expect(droits.scope).toBe('personnel');
    expect(droits.droits.map((d: { prestation: string }) => d.prestation)).toEqual(['ajpa']);
    const page = text((await nadia.get('/mon-espace/paiements')).body);
    expect(page).not.toContain('Prime d’activité');
    expect(page).not.toContain('FR14');
    expect(page).toContain('256,10 €');
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const all = JSON.parse((await api(thomas, 'GET', '/api/droits')).body);
    expect(all.droits.map((d: { prestation: string }) => d.prestation).sort()).toEqual(['ajpa', 'prime-activite']);
    const jeanne = await signedIn(t, P.jeanneLeroy.nir);
    expect(JSON.parse((await api(jeanne, 'GET', '/api/droits')).body).droits.map((d: { prestation: string }) => d.prestation)).toEqual([
      'aah',
    ]);
    const hugo = await signedIn(t, P.hugoMoreau.nir);
    expect(JSON.parse((await api(hugo, 'GET', '/api/droits')).body).droits).toEqual([]);
    expect(text((await hugo.get('/mon-espace/droits')).body)).toContain('Aucun droit ouvert qui vous concerne pour le moment.');
  });

  it('« Mes paiements » speaks of payments and « Mes droits » of droits, to those who see only what concerns them', async () => {
    for (const who of [P.hugoMoreau.nir, P.nadiaPetit.nir]) {
      const b = await signedIn(t, who);
      const payments = text((await b.get('/mon-espace/paiements')).body);
      expect(payments).toContain('Vous voyez les paiements qui vous concernent. Le responsable du dossier voit ceux de tout le foyer.');
      expect(payments).not.toContain('Vous voyez les droits');
      expect(text((await b.get('/mon-espace/droits')).body)).toContain(
        'Vous voyez les droits qui vous concernent. Le responsable du dossier voit ceux de tout le foyer.',
      );
    }
  });

  it('the box of « Mon espace » says the last payment was paid once, with its day', async () => {
    const b = await signedIn(t, P.julienMoreau.nir);
    const last = JSON.parse((await api(b, 'GET', '/api/paiements')).body).months.find((m: { lines: { status: string }[] }) =>
      m.lines.every((l) => l.status === 'verse'),
    );
    const home = text((await b.get('/mon-espace')).body);
    expect(home).toContain(
      `Dernier paiement : 460,97 € pour ${frenchMonth(last.month)}, versé le ${frenchDay(`${addMonths(last.month, 1)}-05`)}`,
    );
    expect(home).not.toContain('(versé)');
  });

  it('a person attached to no dossier is told so, and the routes are in the OpenAPI document', async () => {
    const camille = await signedIn(t, P.camilleDurand.nir);
    expect(text((await camille.get('/mon-espace/paiements')).body)).toContain('Vous n’êtes rattaché à aucun dossier allocataire');
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/droits', '/api/paiements', '/api/household/paiements']));
  });

  // last: it moves the clock to the next payment day
  it('a payment held because the bank account was changed recently is announced on « Mon espace » with the reason and the day it will be paid', async () => {
    const db = t.ctx.database.db;
    const thomas = await signedIn(t, P.thomasPetit.nir);
    expect(text((await thomas.get('/mon-espace')).body)).not.toContain('Paiement en attente');
    const next = JSON.parse((await api(thomas, 'GET', '/api/paiements')).body).next;
    const { household_id } = await db
      .selectFrom('droits')
      .select('household_id')
      .where('prestation', '=', 'ajpa')
      .executeTakeFirstOrThrow();
    const changedAt = t.clock.now();
    await recordBankAccount(
      db,
      household_id,
      { iban: 'FR7610107001011234567890129', holder: 'PETIT Thomas' },
      null,
      changedAt,
      changedAt + 40 * DAY,
    );
    while (agencyDay(t.clock.now()) < next.day) t.clock.advance(DAY);
    expect((await runPayments(db, t.clock.now())).held).toBeGreaterThan(0);
    const payableOn = agencyDay(changedAt + 40 * DAY);

    const b = await signedIn(t, P.thomasPetit.nir);
    const json = JSON.parse((await api(b, 'GET', '/api/paiements')).body);
    expect(json.held).toEqual({ totalCents: next.totalCents, months: [next.month], payableOn });
    const home = text((await b.get('/mon-espace')).body);
    expect(home).toContain('Ce qui vous attend');
    expect(home).toContain('Paiement en attente');
    expect(home).toContain(
      `Votre paiement de ${formatEuros(next.totalCents)} pour ${frenchMonth(next.month)} est en attente : le compte bancaire du dossier a été changé récemment. Pour votre sécurité, il sera versé le ${frenchDay(payableOn)}, à la fin du délai de vérification, ou plus tôt si la Caf confirme le compte.`,
    );
    // the conjoint without procuration is told for her own droit, without the account
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    const hers = text((await nadia.get('/mon-espace')).body);
    expect(hers).toContain(`Votre paiement de 256,10 € pour ${frenchMonth(next.month)} est en attente`);
    expect(hers).not.toContain('FR76');
    // and on « Mes paiements », where the account sentence is the managers' only
    const herPayments = text((await nadia.get('/mon-espace/paiements')).body);
    expect(herPayments).toContain(`Votre paiement de 256,10 € pour ${frenchMonth(next.month)} est en attente`);
    expect(herPayments).toContain(`il sera versé le ${frenchDay(payableOn)}`);
    expect(herPayments).not.toContain('FR76');
    // the delay passed, the run pays it: nothing held any more
    while (agencyDay(t.clock.now()) < payableOn) t.clock.advance(DAY);
    expect((await runPayments(db, t.clock.now())).released).toBeGreaterThan(0);
    const later = await signedIn(t, P.thomasPetit.nir);
    expect(text((await later.get('/mon-espace')).body)).not.toContain('Paiement en attente');
    expect(JSON.parse((await api(later, 'GET', '/api/paiements')).body).held).toBeNull();
  });
});
