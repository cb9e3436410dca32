import { deDate } from '../shared/french-time';
import type { AttestationKind } from '../db/tables/attestations.table';

/**
 * What an attestation certifies, frozen at issue: the PDF prints it, the public page shows it after a
 * right code and surname, and nothing after issue changes it. Only what the person chose to show is
 * in it (src/attestations/privacy.ts): what is not shown is not stored either.
 */
export interface Holder {
  givenNames: string;
  surname: string;
}

interface Common {
  kind: AttestationKind;
  holder: Holder;
  /** chosen by the person */
  dossierNumber?: string;
  address?: string;
}

export interface PaymentLineShown {
  month: string;
  label: string;
  amountCents: number;
}

export interface PaymentSnapshot extends Common {
  kind: 'paiement';
  /** YYYY-MM, both included */
  from: string;
  to: string;
  totalCents: number;
  /** when the person chose the detail */
  lines?: PaymentLineShown[];
}

export interface QfSnapshot extends Common {
  kind: 'quotient_familial';
  /** YYYY-MM */
  month: string;
  qfEuros: number;
  parts: number;
  dependentChildren: number;
  /** the year of the taxable resources taken into account */
  resourcesYear: number;
  /** the prestations of the month taken into account, in cents (absent from attestations issued before it was printed) */
  monthlyPrestationsCents?: number;
  /** first names of the dependent children, when the person chose to show them */
  children?: string[];
}

export type Snapshot = PaymentSnapshot | QfSnapshot;

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « novembre 2026 » */
export function frenchMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
/** « 1 234,56 € » (with the narrow no-break spaces of fr-FR) */
export function euros(cents: number): string {
  return EUROS.format(cents / 100);
}

export function periodLabel(s: Pick<PaymentSnapshot, 'from' | 'to'>): string {
  return s.from === s.to ? frenchMonth(s.from) : `${deDate(frenchMonth(s.from))} à ${frenchMonth(s.to)}`;
}

export function kindTitle(kind: AttestationKind): string {
  return kind === 'paiement' ? 'Attestation de paiement' : 'Attestation de quotient familial';
}

export interface Row {
  key: string;
  value: string;
}

/** What the attestation certifies, row by row: the same words on the PDF and on the public page. */
export function certifiedRows(s: Snapshot): Row[] {
  const rows: Row[] = [{ key: 'Allocataire', value: `${s.holder.givenNames} ${s.holder.surname}` }];
  if (s.dossierNumber) rows.push({ key: 'Numéro allocataire', value: s.dossierNumber });
  if (s.address) rows.push({ key: 'Adresse', value: s.address });
  if (s.kind === 'paiement') {
    rows.push({ key: 'Période', value: periodLabel(s) });
    for (const l of s.lines ?? []) rows.push({ key: `${l.label}, ${frenchMonth(l.month)}`, value: euros(l.amountCents) });
    rows.push({ key: 'Total versé par la Caf sur la période', value: euros(s.totalCents) });
  } else {
    rows.push({ key: 'Mois', value: frenchMonth(s.month) });
    rows.push({ key: 'Quotient familial', value: `${s.qfEuros} €` });
    rows.push({ key: 'Nombre de parts', value: String(s.parts).replace('.', ',') });
    rows.push({
      key: 'Enfants à charge',
      value: `${s.dependentChildren}${s.children?.length ? ` (${s.children.join(', ')})` : ''}`,
    });
    rows.push({
      key: 'Ressources prises en compte',
      value: `revenus imposables de ${s.resourcesYear} du foyer (÷ 12) et prestations du mois`,
    });
    if (s.monthlyPrestationsCents !== undefined)
      rows.push({ key: 'Prestations du mois prises en compte', value: euros(s.monthlyPrestationsCents) });
  }
  return rows;
}
