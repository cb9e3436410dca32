import { z } from 'zod';
import { rawText } from '../../http/api/input';
import { MAX, MaskedContact } from '../../http/api/schemas';

/** « Mes données » (src/journeys/personal-data/export.ts) and « Fermer mon compte » (src/accounts/closing.ts). */
const when = z.string().describe('date ISO 8601');
const whenOrNull = when.nullable();

export const PersonalDataAnswer = z
  .object({
    generatedAt: when,
    account: z.object({
      loginId: z.string(),
      nir: z.string().nullable(),
      provisionalId: z.string().nullable(),
      civility: z.string(),
      birthName: z.string(),
      givenNames: z.string(),
      usageName: z.string().nullable(),
      birthDate: z.string().describe('date AAAA-MM-JJ'),
      birthPlace: z.object({ kind: z.string(), code: z.string(), name: z.string() }),
      identityStatus: z.string(),
      identityDocument: z
        .object({
          kind: z.string().describe('cni, passport ou titre-sejour'),
          kindLabel: z.string().describe('le type du titre en toutes lettres, par exemple « Carte nationale d’identité »'),
          number: z.string().nullable(),
        })
        .nullable(),
      contact: z.object({ kind: z.string(), value: z.string(), verifiedAt: when }),
      hasPassword: z.boolean(),
      franceConnectLinked: z.boolean(),
      createdAt: when,
      updatedAt: when,
      lastLoginAt: whenOrNull,
    }),
    households: z.array(
      z.object({
        dossierNumber: z.string(),
        role: z.string().describe('responsable, conjoint, enfant ou personne_a_charge'),
        roleLabel: z.string().describe('le rôle en toutes lettres, par exemple « Responsable du dossier »'),
        hasProcuration: z.boolean(),
        joinedAt: when,
        leftAt: whenOrNull,
      }),
    ),
    demarches: z.array(
      z.object({
        id: z.string(),
        prestation: z.string(),
        title: z.string(),
        status: z.string(),
        statusLabel: z.string(),
        reference: z.string().nullable(),
        answers: z.record(z.string(), z.unknown()),
        createdAt: when,
        submittedAt: whenOrNull,
        history: z.array(
          z.object({
            at: when,
            event: z.string(),
            label: z.string(),
            toStatus: z.string(),
            by: z.enum(['person', 'agent']),
            reason: z.string().nullable(),
          }),
        ),
      }),
    ),
    justificatifs: z.array(
      z.object({
        demarcheId: z.string(),
        fileName: z.string(),
        mediaType: z.string(),
        sizeBytes: z.number(),
        sha256: z.string(),
        sentAt: when,
      }),
    ),
    separations: z.array(z.object({ date: z.string(), leaver: z.string(), children: z.string(), declaredAt: when })),
    attestations: z
      .array(
        z.object({
          code: z.string().describe('code de vérification imprimé'),
          kind: z.enum(['paiement', 'quotient_familial']),
          title: z.string(),
          period: z.object({ from: z.string(), to: z.string(), label: z.string() }).describe('mois concernés (AAAA-MM)'),
          issuedAt: when,
          expiresAt: when,
          revokedAt: whenOrNull,
          status: z.enum(['valide', 'expiree', 'revoquee']),
          statusLabel: z.string(),
          checkedCount: z.number().int().describe('vérifications avec le bon nom'),
          refusedCount: z.number().int().describe('vérifications de ce code avec un autre nom'),
        }),
      )
      .describe('les attestations délivrées et combien de fois chacune a été vérifiée (jamais par qui)'),
    sessions: z.array(
      z.object({ createdAt: when, lastSeenAt: when, expiresAt: when, ip: z.string().nullable(), userAgent: z.string().nullable() }),
    ),
    auditEvents: z.array(
      z.object({
        at: when,
        type: z.string(),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .describe('tout ce que Mon Compte détient sur la personne connectée (jamais un mot de passe, un code ni un jeton)');

export const ClosingBody = z.object({
  currentPassword: rawText(MAX.password)
    .optional()
    .default('')
    .describe('le mot de passe actuel (sauf compte FranceConnect sans mot de passe, connecté depuis moins de 15 minutes)'),
});
export const ClosingForm = z.object({ currentPassword: rawText(MAX.password).optional().default('') });

export const ClosingCodeSent = z.object({ status: z.literal('code_sent'), contact: MaskedContact });
export const AccountClosed = z.object({ status: z.literal('closed') });
