import type { Codes, ErrorEntry } from '../errors/registry';

/** Errors of access recovery and of the protected bank account change (src/recovery), registered by src/app-errors.ts. */
export const recoveryErrors = {
  RECOVERY_CODE_REFUSED: {
    status: 400,
    message:
      'Identifiant ou code incorrect, ou code expiré. Vérifiez chaque chiffre ; après plusieurs erreurs, il faut demander un nouveau code.',
    support:
      'Recovery code refused: unknown identifier, no pending recovery, wrong, spent or expired code (deliberately indistinguishable).',
  },
  RECOVERY_CODE_REQUIRED: { status: 400, message: 'Saisissez le code reçu.', support: 'Recovery code missing.' },
  BANK_CHANGE_FROZEN: {
    status: 409,
    message: 'L’accès à ce compte a été récupéré récemment : le compte bancaire ne peut pas être modifié en ligne pour le moment.',
    support: 'Bank account change refused: a recovery of a manager of the dossier completed less than RECOVERY_BANK_FREEZE_DAYS ago.',
  },
  BANK_CHANGE_SECOND_PROOF_REQUIRED: {
    status: 400,
    message: 'Saisissez le code reçu sur vos coordonnées de contact.',
    support: 'Bank account change without its code (second proof).',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof recoveryErrors> {}
}
