import type { Codes, ErrorEntry } from '../errors/registry';

/** Errors of the droits and payments (src/payments, the acceptance form, « Mes droits », « Mes paiements »). */
export const paymentErrors = {
  DROIT_AMOUNT_REQUIRED: {
    status: 400,
    message: 'Indiquez le montant mensuel du droit, en euros.',
    support: 'Acceptance or change of amount without an amount.',
  },
  DROIT_AMOUNT_INVALID: {
    status: 400,
    message: 'Le montant doit être un nombre d’euros positif, avec deux chiffres après la virgule au plus, par exemple 245,50.',
    support: 'Amount not a positive number with at most two decimals.',
  },
  DROIT_AMOUNT_TOO_HIGH: {
    status: 400,
    message: 'Ce montant dépasse le plafond vraisemblable de cette prestation. Vérifiez la virgule.',
    support: 'Amount above the plausibility limit of the prestation (src/prestations/amount-limits.ts); the message names the limit.',
  },
  DROIT_MONTH_REQUIRED: {
    status: 400,
    message: 'Indiquez le premier mois du droit, par exemple 03/2027.',
    support: 'First month missing.',
  },
  DROIT_MONTH_INVALID: {
    status: 400,
    message: 'Le mois doit être écrit sous la forme mois/année, par exemple 03/2027.',
    support: 'A month not in MM/YYYY (or YYYY-MM) form, or out of range.',
  },
  DROIT_LAST_MONTH_BEFORE_FIRST: {
    status: 400,
    message: 'Le dernier mois ne peut pas être avant le premier mois du droit.',
    support: 'Last month before the first month (or before the month a change applies from).',
  },
  DROIT_MOTIF_REQUIRED: {
    status: 400,
    message: 'Indiquez le motif du changement : la personne le lira dans « Mes droits ».',
    support: 'Change of a droit without a motif.',
  },
  DROIT_MOTIF_TOO_LONG: {
    status: 400,
    message: 'Le motif doit faire 500 caractères au plus.',
    support: 'Motif longer than 500 characters.',
  },
  DROIT_NOT_FOUND: { status: 404, message: 'Ce droit n’existe pas.', support: 'No droit with this id (or not visible to this person).' },
  DROIT_ENDED: {
    status: 409,
    message: 'Ce droit est déjà terminé avant ce mois : rechargez la page.',
    support: 'Change of a droit from a month after its last month.',
  },
  PAYMENT_NOT_HELD: {
    status: 409,
    message: 'Ce paiement n’est plus en attente : rechargez la page.',
    support: 'Release of a payment that is not held (already released, or paid).',
  },
  PAYMENTS_PERIOD_INVALID: {
    status: 400,
    message: 'La période demandée n’est pas valide : indiquez des mois sous la forme AAAA-MM, sur 24 mois au plus.',
    support: 'Payments API: from/to not months, or more than 24 months apart.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof paymentErrors> {}
}
