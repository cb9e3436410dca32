import { z } from 'zod';
import { DEMARCHE_STATUSES } from '../../demarches/machine';
import { text } from '../../http/api/input';

/**
 * The JSON shapes of the person's démarches (src/journeys/demarches/api.ts): the catalogue, a form's
 * definition, a démarche with its answers and history, a page of answers, the submission.
 */
export const Slug = z.object({ slug: text(80).describe('slug d’une prestation du catalogue, ex. « aide-au-logement »') });
export const DemarcheParams = z.object({ id: text(64).describe('identifiant de la démarche') });
export const PageParams = z.object({ id: text(64), page: text(80).describe('clé de la page, ex. « loyer », « enfant-2 »') });

export const PrestationView = z.object({
  slug: z.string(),
  theme: z.string(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  requester: z
    .enum(['household', 'individual'])
    .describe('household : demande pour le foyer ; individual : demande personnelle (ex. AJPA)'),
  online: z.boolean().describe('false : la demande se fait ailleurs (ex. MDPH)'),
  hasForm: z.boolean(),
  elsewhere: z.object({ label: z.string(), text: z.string() }).optional(),
});
export const Catalogue = z.object({
  themes: z.array(z.object({ slug: z.string(), title: z.string(), description: z.string() })),
  prestations: z.array(PrestationView),
});

const QuestionView = z.object({
  id: z.string(),
  type: z.string().describe('text, textarea, amount (centimes), integer, date (AAAA-MM-JJ), radios, checkboxes, postcode, siret, iban'),
  label: z.string(),
  hint: z.string().optional(),
  optional: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export const FormView = z.object({
  prestation: z.string(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      pages: z.array(z.object({ id: z.string(), title: z.string(), repeatedBy: z.string().optional(), questions: z.array(QuestionView) })),
    }),
  ),
});

export const StartDemarcheBody = z.object({ prestation: text(80).describe('slug de la prestation demandée') });

export const DemarcheSummary = z.object({
  id: z.string(),
  prestation: z.string(),
  title: z.string(),
  status: z.enum(DEMARCHE_STATUSES),
  statusLabel: z.string(),
  version: z.number().int(),
  reference: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('fin de validité du brouillon'),
});
export const DemarcheList = z.object({ own: z.array(DemarcheSummary), household: z.array(DemarcheSummary) });

export const DecisionView = z.object({
  status: z.enum(['acceptee', 'refusee', 'classee_sans_suite']),
  label: z.string().describe('« Demande acceptée », « Demande refusée »…'),
  at: z.string().describe('date de la décision'),
  motif: z.string().nullable(),
  appeal: z
    .object({ kind: z.string(), before: z.string(), delay: z.string(), how: z.string(), source: z.string() })
    .nullable()
    .describe('refus : comment, devant qui et dans quel délai le contester'),
  pdf: z.string().describe('adresse de la notification de décision (PDF)'),
});

export const DemarcheDetail = DemarcheSummary.extend({
  decision: DecisionView.nullable().describe('la décision de la Caf (null tant que la demande n’est pas décidée)'),
  answers: z.record(z.string(), z.unknown()).describe('réponses, par clé de question (montants en centimes, dates AAAA-MM-JJ)'),
  visiblePages: z.array(z.string()).describe('les pages qui s’appliquent à ces réponses, dans l’ordre'),
  nextPage: z.string().nullable().describe('la première page à remplir (null : tout est rempli, la demande peut être envoyée)'),
  history: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      label: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      by: z.enum(['person', 'agent']),
      reason: z.string().nullable(),
    }),
  ),
});

/** A page's answers as its form fields name them: dates as `id-day`, `id-month`, `id-year`; amounts as typed (« 450,50 »). */
export const PageAnswersBody = z.object({
  version: z.number().int().min(1).describe('la version lue ; 409 si la démarche a changé depuis'),
  answers: z.record(z.string().max(100), z.union([z.string().max(500), z.array(z.string().max(500)).max(30)])),
});
export const PageSaved = z.object({
  version: z.number().int(),
  nextPage: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
});

export const SubmissionBody = z.object({
  version: z.number().int().min(1),
  declaration: z.literal(true).describe('déclaration sur l’honneur : true'),
});
export const Submitted = z.object({
  id: z.string(),
  status: z.literal('envoyee'),
  reference: z.string(),
  submittedAt: z.string(),
  receiptPdf: z.string().describe('adresse de l’accusé de réception PDF'),
});
