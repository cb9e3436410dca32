import { z } from 'zod';

/** The JSON answers of « Mes droits » and « Mes paiements » (amounts in cents, months YYYY-MM, days YYYY-MM-DD). */
const Scope = z
  .enum(['foyer', 'personnel', 'aucun'])
  .describe('foyer: tout le dossier ; personnel: ce qui concerne la personne ; aucun: pas de dossier');

export const DroitsAnswer = z.object({
  scope: Scope,
  droits: z.array(
    z.object({
      id: z.string(),
      prestation: z.string(),
      memberId: z.string().nullable(),
      monthlyAmountCents: z
        .number()
        .int()
        .describe('le montant mensuel actuel (du dernier mois du droit) ; pour chaque période, voir amountPeriods'),
      firstMonth: z.string(),
      lastMonth: z.string().nullable(),
      amountPeriods: z
        .array(z.object({ from: z.string(), to: z.string().nullable(), amountCents: z.number().int() }))
        .describe(
          'le montant mensuel période par période (mois YYYY-MM, to null : sans fin), tel que l’historique le donne : après un changement à partir d’un mois, les mois d’avant gardent leur montant',
        ),
      history: z.array(
        z.object({
          at: z.number().int(),
          kind: z.enum(['attribution', 'montant', 'fin']),
          fromMonth: z.string(),
          amountCents: z.number().int().nullable(),
          previousAmountCents: z.number().int().nullable(),
          lastMonth: z.string().nullable(),
          motif: z.string(),
        }),
      ),
    }),
  ),
});

const Line = z.object({
  prestation: z.string(),
  month: z.string(),
  amountCents: z.number().int(),
  paidOn: z.string().nullable(),
  status: z.enum(['programme', 'verse', 'en_attente']),
  kind: z.enum(['droit', 'rappel', 'indu']),
  reason: z.string().nullable(),
});

export const PaymentsAnswer = z.object({
  scope: Scope,
  months: z.array(z.object({ month: z.string(), totalCents: z.number().int(), lines: z.array(Line) })),
  next: z.object({ month: z.string(), day: z.string(), totalCents: z.number().int() }).nullable(),
  last: z.object({ month: z.string(), day: z.string().nullable(), totalCents: z.number().int(), status: Line.shape.status }).nullable(),
  bankAccount: z
    .object({
      masked: z.string(),
      waiting: z.boolean(),
      waitingUntil: z
        .string()
        .nullable()
        .describe('the day (YYYY-MM-DD) the waiting account is paid to, unless the Caf confirms it before; null: when the Caf confirms it'),
    })
    .nullable(),
  held: z
    .object({
      totalCents: z.number().int(),
      months: z.array(z.string()),
      payableOn: z
        .string()
        .nullable()
        .describe(
          'the day (YYYY-MM-DD) the held payments are paid, at the end of the new bank account’s delay; null: when the Caf confirms the account',
        ),
    })
    .nullable()
    .describe('the payments held because the dossier’s bank account was changed recently (null: none)'),
});
