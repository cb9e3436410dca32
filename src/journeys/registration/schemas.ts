import { z } from 'zod';
import { checkbox, optionalText, text } from '../../http/api/input';
import { ContactFields, MAX } from '../../http/api/schemas';
import { NewPasswordFields } from '../password-reset/schemas';

/**
 * « Créer Mon Compte »: the body of each step, read by the pages (src/journeys/registration/pages.ts,
 * which first give the form fields this shape) and by the JSON API (api.ts beside them). Only types
 * and lengths here: what is required, and every rule of the French identity, is the use case's
 * (src/journeys/registration), with its own French messages at each field.
 */
const DatePart = optionalText(10);

/** The rule of src/identity/names.ts, for the API's readers (the use case applies it, with a message per field). */
const NAME_RULE = (max: number) =>
  `lettres latines des pièces d’identité européennes (accents compris), espaces, tirets et apostrophes ; enregistré sous sa forme NFKC, ${max} caractères au plus ; caractères invisibles, lettres de style, autres alphabets et sosies (ı, ʀ…) refusés`;

export const StartBody = z.object({ prestation: optionalText(64).describe('la prestation demandée (slug du catalogue), ex. « rsa »') });

export const FlowParams = z.object({ id: text(MAX.flowId) });

export const CivilStatusBody = z.object({
  nir: optionalText(30).describe('numéro de sécurité sociale, 15 caractères (espaces admis)'),
  noNir: checkbox.describe('true : la personne n’a pas de numéro de sécurité sociale'),
  civility: optionalText(10).describe('« M » ou « MME »'),
  birthName: optionalText(200).describe(NAME_RULE(80)),
  givenNames: optionalText(300).describe(`${NAME_RULE(120)}, séparés par un espace`),
  birthDate: z
    .union([z.string().max(20, { error: 'FIELD_TOO_LONG' }), z.object({ day: DatePart, month: DatePart, year: DatePart })])
    .optional()
    .describe('« AAAA-MM-JJ » (ou, pour les pages, jour, mois et année)'),
  birthPlaceKind: optionalText(MAX.kind).describe('« france » ou « etranger »'),
  communeCode: optionalText(10).describe('code INSEE de la commune de naissance (celui en vigueur à la date de naissance)'),
  communeQuery: optionalText(100).describe('nom de commune tapé, sans JavaScript'),
  countryCode: optionalText(10).describe('code INSEE du pays de naissance (99xxx)'),
  countryQuery: optionalText(100).describe('nom de pays tapé, sans JavaScript'),
});

export const DocumentBody = z.object({
  documentKind: optionalText(MAX.kind).describe('« cni », « passport », « titre-sejour » ou « none »'),
  documentNumber: optionalText(40),
});

export const ContactBody = z.object(ContactFields);

export const PasswordBody = z.object(NewPasswordFields);

const Step = z.enum(['civil_status', 'identity_document', 'contact', 'code', 'password', 'review', 'completed']);

export const FlowView = z.object({
  id: z.string(),
  state: Step,
  expiresAt: z.string(),
  data: z.object({
    prestation: z.string().nullable(),
    civilStatus: z
      .object({
        hasNir: z.boolean(),
        nir: z.string().nullable().describe('masqué'),
        civility: z.string(),
        birthName: z.string(),
        givenNames: z.string(),
        birthDate: z.string(),
        birthPlace: z.object({
          kind: z.enum(['commune', 'country']),
          code: z.string(),
          name: z.string(),
          departement: z.string().optional(),
        }),
      })
      .nullable(),
    document: z.object({ kind: z.string(), checked: z.boolean() }).nullable(),
    contact: z.object({ kind: z.enum(['email', 'sms']), value: z.string(), verified: z.boolean() }).nullable(),
    passwordChosen: z.boolean(),
    identityStatus: z.enum(['confirmed', 'to_confirm']).nullable(),
    result: z.object({ provisionalId: z.string().nullable() }).nullable(),
  }),
});

export const StepAnswer = FlowView.extend({ next: Step.describe('l’étape suivante') });

/** GET /api/communes?q=&date=, GET /api/pays?q= (fewer than 2 characters: no result). */
export const PlaceQuery = z.object({
  q: text(100),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined)
    .describe('AAAA-MM-JJ : les communes telles qu’elles étaient ce jour-là'),
});

export const PlaceResults = z.object({
  results: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      label: z.string(),
      departement: z.object({ code: z.string(), name: z.string() }).optional(),
      current: z.boolean().optional(),
    }),
  ),
});

/** /creer-mon-compte?expiree=1, /creer-mon-compte/nouveau?depuis=mon-compte */
export const RegistrationPageQuery = z.object({
  expiree: z.string().max(10).optional().catch(undefined),
  depuis: z.string().max(20).optional().catch(undefined),
});
