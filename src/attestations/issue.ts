import type { Kysely } from 'kysely';
import type { Account } from '../accounts/repository';
import { type AuditOrigin, recordAudit } from '../auth/audit';
import type { Database } from '../db/schema';
import { currentAddress, listMembers } from '../household/repository';
import { sha256 } from '../shared/crypto';
import { newAttestationId } from './code';
import { addMonths, currentMonth, MONTH_RE, monthsBetween, paymentExpiry, qfExpiry } from './months';
import { surnameKey } from './names';
import type { PaymentsPort, ResourcesPort, TaxableResources } from './ports';
import { type DisclosureChoices, HIDDEN_LABEL, isSensitivePrestation, prestationLabel } from './privacy';
import { dependentIn, type QfResult, quotientFamilial } from './quotient';
import { insertAttestation } from './repository';
import type { Holder, PaymentLineShown, PaymentSnapshot, QfSnapshot, Snapshot } from './snapshot';

/**
 * Issuing an attestation: the use cases behind « Mes attestations » (pages and JSON alike). The
 * caller has checked the permission (`issue_attestation`, src/household/permissions.ts) and gives
 * the dossier. Each one stores its immutable snapshot and is audited.
 */
export interface IssueDeps {
  db: Kysely<Database>;
  now: number;
  payments: PaymentsPort;
  resources: ResourcesPort;
}

export interface Issuer {
  account: Pick<Account, 'id' | 'given_names' | 'birth_name' | 'usage_name'>;
  householdId: string;
  dossierNumber: string;
  origin: AuditOrigin;
}

/** How far back a payment attestation may go: the 24 months of « Mes paiements ». */
export const PAYMENT_MONTHS_BACK = 24;

export type PeriodError = 'month_format' | 'order' | 'future' | 'too_old';

export type Issued = { kind: 'issued'; id: string; snapshot: Snapshot; issuedAt: number; expiresAt: number };
export type PaymentIssue = Issued | { kind: 'invalid'; field: 'from' | 'to'; error: PeriodError } | { kind: 'nothing_paid' };
export type QfIssue = Issued | { kind: 'invalid'; field: 'month'; error: PeriodError } | { kind: 'resources_unknown' };

export function checkPaymentPeriod(from: string, to: string, now: number): { field: 'from' | 'to'; error: PeriodError } | undefined {
  if (!MONTH_RE.test(from)) return { field: 'from', error: 'month_format' };
  if (!MONTH_RE.test(to)) return { field: 'to', error: 'month_format' };
  const current = currentMonth(now);
  if (monthsBetween(from, to) < 0) return { field: 'to', error: 'order' };
  if (monthsBetween(to, current) < 0) return { field: 'to', error: 'future' };
  if (monthsBetween(from, current) >= PAYMENT_MONTHS_BACK) return { field: 'from', error: 'too_old' };
  return undefined;
}

export function checkQfMonth(month: string, now: number): PeriodError | undefined {
  if (!MONTH_RE.test(month)) return 'month_format';
  const current = currentMonth(now);
  if (monthsBetween(month, current) < 0) return 'future';
  if (month.slice(0, 4) !== current.slice(0, 4)) return 'too_old';
  return undefined;
}

export async function issuePaymentAttestation(
  d: IssueDeps,
  who: Issuer,
  i: { from: string; to: string; choices: DisclosureChoices },
): Promise<PaymentIssue> {
  const invalid = checkPaymentPeriod(i.from, i.to, d.now);
  if (invalid) return { kind: 'invalid', ...invalid };
  const paid = (await d.payments.paymentsOf(who.householdId, i.from, i.to)).filter((l) => l.status === 'verse');
  if (!paid.length) return { kind: 'nothing_paid' };
  const snapshot: PaymentSnapshot = {
    kind: 'paiement',
    ...(await common(d, who, i.choices)),
    from: i.from,
    to: i.to,
    totalCents: paid.reduce((s, l) => s + l.amountCents, 0),
  };
  if (i.choices.detail) snapshot.lines = detailLines(paid, i.choices.sensitive);
  return store(d, who, snapshot, paymentExpiry(d.now));
}

/**
 * The detail, one line per month and prestation (rappels and indus included in their month). A
 * prestation that reveals a disability or the RSA is named only when the person chose so; otherwise
 * its amounts join « Autres prestations » of that month.
 */
export function detailLines(paid: { prestation: string; month: string; amountCents: number }[], sensitive: boolean): PaymentLineShown[] {
  const byKey = new Map<string, PaymentLineShown>();
  for (const l of paid) {
    const label = !sensitive && isSensitivePrestation(l.prestation) ? HIDDEN_LABEL : prestationLabel(l.prestation);
    const key = `${l.month}|${label}`;
    const line = byKey.get(key) ?? { month: l.month, label, amountCents: 0 };
    line.amountCents += l.amountCents;
    byKey.set(key, line);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      Number(a.label === HIDDEN_LABEL) - Number(b.label === HIDDEN_LABEL) ||
      a.label.localeCompare(b.label),
  );
}

/** The figures of a month's QF: what the form shows before issuing and what the attestation freezes. */
export interface QfFigures {
  month: string;
  resources: TaxableResources;
  /** the prestations of the month, in cents */
  monthlyPrestationsCents: number;
  /** first names of the dependent children, eldest first */
  children: string[];
  result: QfResult;
}

/** The QF of a month for the dossier, or null when the Caf does not know its taxable resources (never invented). */
export async function qfFigures(
  d: Pick<IssueDeps, 'db' | 'payments' | 'resources'>,
  householdId: string,
  month: string,
): Promise<QfFigures | null> {
  const resources = await d.resources.taxableResourcesFor(householdId, month);
  if (!resources) return null;
  const prestations = await d.payments.monthlyPrestationsOf(householdId, month);
  const children = (await listMembers(d.db, householdId)).filter((m) => m.role === 'enfant' && dependentIn(m.birth_date, month));
  const monthlyPrestationsCents = prestations.reduce((s, p) => s + p.amountCents, 0);
  const result = quotientFamilial({
    annualResourcesCents: resources.annualCents,
    monthlyPrestationsCents,
    dependentChildren: children.length,
  });
  return { month, resources, monthlyPrestationsCents, children: children.map((c) => c.given_names.split(/\s+/)[0]!), result };
}

export async function issueQfAttestation(d: IssueDeps, who: Issuer, i: { month: string; choices: DisclosureChoices }): Promise<QfIssue> {
  const invalid = checkQfMonth(i.month, d.now);
  if (invalid) return { kind: 'invalid', field: 'month', error: invalid };
  const qf = await qfFigures(d, who.householdId, i.month);
  if (!qf) return { kind: 'resources_unknown' };
  const snapshot: QfSnapshot = {
    kind: 'quotient_familial',
    ...(await common(d, who, i.choices)),
    month: i.month,
    qfEuros: qf.result.qfEuros,
    parts: qf.result.parts,
    dependentChildren: qf.children.length,
    resourcesYear: qf.resources.year,
    monthlyPrestationsCents: qf.monthlyPrestationsCents,
  };
  if (i.choices.childrenNames) snapshot.children = qf.children;
  return store(d, who, snapshot, qfExpiry(d.now));
}

export function holderOf(a: Issuer['account']): Holder {
  return { givenNames: a.given_names, surname: a.usage_name ?? a.birth_name };
}

async function common(
  d: IssueDeps,
  who: Issuer,
  c: DisclosureChoices,
): Promise<{ holder: Holder; dossierNumber?: string; address?: string }> {
  const out: { holder: Holder; dossierNumber?: string; address?: string } = { holder: holderOf(who.account) };
  if (c.dossierNumber) out.dossierNumber = who.dossierNumber;
  if (c.address) {
    const a = await currentAddress(d.db, who.householdId);
    if (a) out.address = [a.line1, a.line2, `${a.postal_code} ${a.city}`].filter(Boolean).join(', ');
  }
  return out;
}

async function store(d: IssueDeps, who: Issuer, snapshot: Snapshot, expiresAt: number): Promise<Issued> {
  const id = newAttestationId();
  const surnames = [who.account.birth_name, who.account.usage_name].filter((s): s is string => !!s).map(surnameKey);
  await insertAttestation(d.db, {
    id,
    householdId: who.householdId,
    issuedBy: who.account.id,
    snapshot,
    surnameKeys: [...new Set(surnames)],
    issuedAt: d.now,
    expiresAt,
  });
  await recordAudit(
    d.db,
    { type: 'attestation_issued', accountId: who.account.id, ...who.origin, details: { kind: snapshot.kind, attestation: auditRef(id) } },
    d.now,
  );
  return { kind: 'issued', id, snapshot, issuedAt: d.now, expiresAt };
}

/** How the audit trail names an attestation: a digest of its identifier, never the code itself. */
export function auditRef(id: string): string {
  return sha256(id).slice(0, 16);
}

/** The default period of a payment attestation: the last month. */
export function lastMonth(now: number): string {
  return addMonths(currentMonth(now), -1);
}
