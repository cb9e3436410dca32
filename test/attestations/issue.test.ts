import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountById } from '../../src/accounts/repository';
import { issuePaymentAttestation, issueQfAttestation, type Issuer } from '../../src/attestations/issue';
import { PRIVATE_BY_DEFAULT } from '../../src/attestations/privacy';
import { findAttestation, parseSnapshot } from '../../src/attestations/repository';
import type { TestApp } from '../support/app';
import { buildTestApp } from '../support/app';
import { auditTypes } from '../support/accounts';
import { dossierWithPayments } from './support';

/** Issuing: what an attestation shows by default, what the person may add, the QF from the dossier. */
describe('issuing an attestation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const deps = () => ({
    db: t.ctx.database.db,
    now: t.clock.now(),
    payments: t.ctx.attestations.payments,
    resources: { taxableResourcesFor: async () => ({ annualCents: 3_000_000, year: 2024 }) },
  });
  const issuer = async (accountId: string, householdId: string, dossierNumber: string): Promise<Issuer> => ({
    account: (await findAccountById(t.ctx.database.db, accountId))!,
    householdId,
    dossierNumber,
    origin: { ip: '192.0.2.1', userAgent: 'test' },
  });
  const paid = [
    { prestation: 'aide-au-logement', months: ['2026-08', '2026-09', '2026-10'], cents: 24_550 },
    { prestation: 'aah', months: ['2026-09', '2026-10'], cents: 101_600 },
    { prestation: 'rsa', months: ['2026-10'], cents: 30_000 },
  ];

  it('shows the total only by default: never the NIR, the address, the numéro allocataire, the children nor the AAH or the RSA', async () => {
    const d = await dossierWithPayments(t.ctx, { paid, children: [{ givenNames: 'Zoé', birthDate: '2015-03-04' }] });
    const who = await issuer(d.account.id, d.householdId, d.dossierNumber);
    const r = await issuePaymentAttestation(deps(), who, { from: '2026-08', to: '2026-10', choices: PRIVATE_BY_DEFAULT });
    expect(r.kind).toBe('issued');
    if (r.kind !== 'issued') return;
    expect(r.snapshot).toEqual({
      kind: 'paiement',
      holder: { givenNames: 'Marie Claire', surname: 'DUPONT' },
      from: '2026-08',
      to: '2026-10',
      totalCents: 3 * 24_550 + 2 * 101_600 + 30_000,
    });
    const stored = await findAttestation(t.ctx.database.db, r.id);
    const text = stored!.snapshot;
    for (const secret of [d.account.nir!, d.dossierNumber, 'Tanneurs', 'STRASBOURG', 'Zoé', 'AAH', 'handicap', 'RSA', 'solidarité'])
      expect(text).not.toContain(secret);
    expect(parseSnapshot(stored!)).toEqual(r.snapshot);
    expect(await auditTypes(t.ctx, d.account.id)).toContain('attestation_issued');
  });

  it('with the detail, groups the AAH and the RSA under « Autres prestations » unless the person names them', async () => {
    const d = await dossierWithPayments(t.ctx, { paid });
    const who = await issuer(d.account.id, d.householdId, d.dossierNumber);
    const hidden = await issuePaymentAttestation(deps(), who, {
      from: '2026-10',
      to: '2026-10',
      choices: { ...PRIVATE_BY_DEFAULT, detail: true },
    });
    if (hidden.kind !== 'issued' || hidden.snapshot.kind !== 'paiement') throw new Error('not issued');
    expect(hidden.snapshot.lines).toEqual([
      { month: '2026-10', label: 'Aide au logement', amountCents: 24_550 },
      { month: '2026-10', label: 'Autres prestations', amountCents: 131_600 },
    ]);
    const named = await issuePaymentAttestation(deps(), who, {
      from: '2026-10',
      to: '2026-10',
      choices: { ...PRIVATE_BY_DEFAULT, detail: true, sensitive: true, dossierNumber: true, address: true },
    });
    if (named.kind !== 'issued' || named.snapshot.kind !== 'paiement') throw new Error('not issued');
    expect(named.snapshot.lines?.map((l) => l.label)).toEqual([
      'Aide au logement',
      'Allocation aux adultes handicapés (AAH)',
      'Revenu de solidarité active (RSA)',
    ]);
    expect(named.snapshot.dossierNumber).toBe(d.dossierNumber);
    expect(named.snapshot.address).toBe('5 rue des Tanneurs, 67000 STRASBOURG');
    expect(JSON.stringify(named.snapshot)).not.toContain(d.account.nir!);
  });

  it('refuses a period without payment, in the future, reversed or older than 24 months', async () => {
    const d = await dossierWithPayments(t.ctx, { paid });
    const who = await issuer(d.account.id, d.householdId, d.dossierNumber);
    const c = PRIVATE_BY_DEFAULT;
    expect(await issuePaymentAttestation(deps(), who, { from: '2026-01', to: '2026-02', choices: c })).toEqual({ kind: 'nothing_paid' });
    expect(await issuePaymentAttestation(deps(), who, { from: '2026-10', to: '2026-12', choices: c })).toEqual({
      kind: 'invalid',
      field: 'to',
      error: 'future',
    });
    expect(await issuePaymentAttestation(deps(), who, { from: '2026-10', to: '2026-09', choices: c })).toEqual({
      kind: 'invalid',
      field: 'to',
      error: 'order',
    });
    expect(await issuePaymentAttestation(deps(), who, { from: '2024-11', to: '2026-09', choices: c })).toEqual({
      kind: 'invalid',
      field: 'from',
      error: 'too_old',
    });
    expect(await issuePaymentAttestation(deps(), who, { from: '2026-13', to: '2026-09', choices: c })).toEqual({
      kind: 'invalid',
      field: 'from',
      error: 'month_format',
    });
  });

  it('computes the QF from the resources, the month’s prestations and the dependent children; first names only if asked', async () => {
    const d = await dossierWithPayments(t.ctx, {
      paid: [{ prestation: 'allocations-familiales', months: ['2026-10', '2026-11'], cents: 15_000 }],
      children: [
        { givenNames: 'Zoé Anne', birthDate: '2015-03-04' },
        { givenNames: 'Noé', birthDate: '2018-07-01' },
        { givenNames: 'Adèle', birthDate: '2005-01-01' }, // 21: no longer dependent
      ],
    });
    const who = await issuer(d.account.id, d.householdId, d.dossierNumber);
    const r = await issueQfAttestation(deps(), who, { month: '2026-11', choices: PRIVATE_BY_DEFAULT });
    if (r.kind !== 'issued' || r.snapshot.kind !== 'quotient_familial') throw new Error('not issued');
    // (30 000 ÷ 12 + 150) ÷ 3 = 883
    expect(r.snapshot).toEqual({
      kind: 'quotient_familial',
      holder: { givenNames: 'Marie Claire', surname: 'DUPONT' },
      month: '2026-11',
      qfEuros: 883,
      parts: 3,
      dependentChildren: 2,
      resourcesYear: 2024,
      monthlyPrestationsCents: 15_000,
    });
    expect(JSON.stringify(r.snapshot)).not.toMatch(/Zoé|Noé|Adèle/);
    const named = await issueQfAttestation(deps(), who, { month: '2026-11', choices: { ...PRIVATE_BY_DEFAULT, childrenNames: true } });
    if (named.kind !== 'issued' || named.snapshot.kind !== 'quotient_familial') throw new Error('not issued');
    expect(named.snapshot.children).toEqual(['Zoé', 'Noé']);
    // QF attestations expire on 31 December, midnight in France
    expect(new Date(named.expiresAt).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('says « ressources inconnues » rather than invent them', async () => {
    const d = await dossierWithPayments(t.ctx, { paid });
    const who = await issuer(d.account.id, d.householdId, d.dossierNumber);
    const r = await issueQfAttestation({ ...deps(), resources: t.ctx.attestations.resources }, who, {
      month: '2026-11',
      choices: PRIVATE_BY_DEFAULT,
    });
    expect(r).toEqual({ kind: 'resources_unknown' });
    expect(await issueQfAttestation(deps(), who, { month: '2025-12', choices: PRIVATE_BY_DEFAULT })).toEqual({
      kind: 'invalid',
      field: 'month',
      error: 'too_old',
    });
  });
});
