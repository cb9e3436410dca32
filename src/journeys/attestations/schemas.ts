import { z } from 'zod';
import { checkbox, text } from '../../http/api/input';

/** « Mes attestations »: the forms and JSON bodies share these schemas (src/journeys/attestations). */
const month = text(7).describe('mois, AAAA-MM');

const choiceFields = {
  detail: checkbox.describe('le détail par prestation et par mois (sinon le total seul)'),
  sensitive: checkbox.describe('nommer les prestations liées au handicap et le RSA dans le détail'),
  dossierNumber: checkbox.describe('montrer le numéro allocataire'),
  address: checkbox.describe('montrer l’adresse du foyer'),
  childrenNames: checkbox.describe('attestation de QF : montrer le prénom des enfants à charge'),
};

export const PaymentForm = z.object({ from: month, to: month, ...choiceFields });
export const QfForm = z.object({ month, ...choiceFields });

export const AttestationId = z.object({
  id: z
    .string()
    .max(32)
    .regex(/^[0-9A-Z]{16}$/),
});

const Row = z.object({ key: z.string(), value: z.string() });

export const AttestationAnswer = z.object({
  id: z.string().describe('identifiant (16 caractères)'),
  code: z.string().describe('code de vérification imprimé, avec son caractère de contrôle'),
  kind: z.enum(['paiement', 'quotient_familial']),
  status: z.enum(['valide', 'expiree', 'revoquee']),
  issuedAt: z.string().describe('date ISO 8601'),
  expiresAt: z.string().describe('date ISO 8601'),
  revokedAt: z.string().nullable(),
  certified: z.array(Row).describe('ce que l’attestation certifie, ligne par ligne, tel qu’imprimé'),
  checkedCount: z.number().int().describe('vérifications avec le bon nom'),
  refusedCount: z.number().int().describe('vérifications de ce code avec un autre nom'),
  pdfUrl: z.string().nullable().describe('le PDF (même session) ; null une fois révoquée : il n’est plus délivré'),
});

export const AttestationList = z.object({ attestations: z.array(AttestationAnswer) });
