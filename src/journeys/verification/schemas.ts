import { z } from 'zod';
import { text } from '../../http/api/input';

/** « Vérifier une attestation »: the form and the JSON body. */
export const VerifyForm = z.object({
  code: text(40).describe('le code imprimé sur l’attestation (tirets et espaces indifférents)'),
  surname: text(100).describe('le nom de famille de l’allocataire'),
});

const Row = z.object({ key: z.string(), value: z.string() });

export const VerifyAnswer = z.object({
  result: z.enum(['conforme', 'non_conforme', 'revoquee', 'expiree']),
  kind: z.enum(['paiement', 'quotient_familial']).optional().describe('seulement si conforme'),
  certified: z.array(Row).optional().describe('ce que l’attestation certifie, seulement si conforme'),
  issuedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  revokedAt: z.string().optional(),
  serviceUrl: z.string().describe('l’adresse du service, à taper soi-même'),
  notProven: z.string().describe('ce que la vérification ne prouve pas'),
});
