import type { Codes, ErrorEntry } from '../errors/registry';

/**
 * Errors of the Caf side (« espace gestionnaire », src/agents and src/journeys/gestion), registered
 * by src/app-errors.ts. The login's wrong e-mail and wrong password share
 * one entry, as on the public side.
 */
export const agentErrors = {
  AGENT_LOGIN_INVALID: {
    status: 400,
    message: 'Adresse mail ou mot de passe incorrect.',
    support: 'Agent login: unknown e-mail, disabled agent or wrong password (deliberately indistinguishable).',
  },
  AGENT_LOGIN_REQUIRED: { status: 400, message: 'Saisissez votre adresse mail professionnelle.', support: 'Agent login e-mail missing.' },
  AGENT_DEMARCHE_NOT_FOUND: {
    status: 404,
    message: 'Cette démarche n’existe pas.',
    support: 'No démarche with this id (or not visible on the Caf side: a draft).',
  },
  AGENT_ACTION_NOT_ALLOWED: {
    status: 409,
    message: 'Cette action n’est plus possible : la démarche a changé de statut entre-temps. Rechargez la page.',
    support: 'Transition not allowed from the current status (stale page, two agents at once).',
  },
  AGENT_MESSAGE_REQUIRED: {
    status: 400,
    message: 'Indiquez la pièce demandée et pourquoi : ce message sera envoyé à la personne.',
    support: 'Justificatif request without a message.',
  },
  AGENT_MESSAGE_TOO_LONG: {
    status: 400,
    message: 'Le message doit faire 1 000 caractères au plus.',
    support: 'Message longer than 1000 characters.',
  },
  AGENT_MOTIF_REQUIRED: {
    status: 400,
    message: 'Indiquez le motif de la décision : il sera communiqué à la personne.',
    support: 'Decision without a motif.',
  },
  AGENT_MOTIF_TOO_LONG: {
    status: 400,
    message: 'Le motif doit faire 1 000 caractères au plus.',
    support: 'Motif longer than 1000 characters.',
  },
  AGENT_DECISION_REQUIRED: { status: 400, message: 'Choisissez la décision.', support: 'Decision radio not chosen.' },
  AGENT_ROLE_REQUIRED: {
    status: 403,
    message: 'Vous n’avez pas le droit d’ouvrir cette page : ce droit ne vous a pas été donné. Adressez-vous à votre responsable.',
    support: 'Agent without the role this page needs (instruction or assistance, src/agents/roles.ts); audited as agent_access_refused.',
  },
  AGENT_IDENTIFIER_REQUIRED: {
    status: 400,
    message: 'Saisissez le numéro de sécurité sociale ou l’identifiant provisoire de la personne.',
    support: 'Assistance console search without an identifier.',
  },
  AGENT_LOOK_REASON_REQUIRED: {
    status: 400,
    message: 'Indiquez pourquoi vous consultez ce compte (par exemple : appel de la personne, accueil) : ce motif est enregistré.',
    support: 'Assistance console: every look at an account needs its reason, typed by the agent (audited).',
  },
  AGENT_LOOK_REASON_TOO_LONG: {
    status: 400,
    message: 'Le motif doit faire 300 caractères au plus.',
    support: 'Look reason longer than 300 characters.',
  },
  AGENT_LOOK_REQUIRED: {
    status: 403,
    message: 'Indiquez d’abord le motif de votre consultation de ce compte.',
    support: 'An action on an account without a recent look with its reason (15 minutes), or a stale page.',
  },
  AGENT_ACCOUNT_NOT_FOUND: { status: 404, message: 'Ce compte n’existe pas.', support: 'No account with this id.' },
  AGENT_DOCUMENT_REQUIRED: {
    status: 400,
    message: 'Indiquez la pièce d’identité que vous avez vérifiée.',
    support: 'Identity check: document kind not chosen.',
  },
  AGENT_IDENTITY_CHECK_REQUIRED: {
    status: 400,
    message: 'Confirmez que vous avez vérifié la pièce d’identité et qu’elle correspond à la personne.',
    support: 'Identity check box not ticked.',
  },
  AGENT_BANK_ACCOUNT_NOT_PENDING: {
    status: 409,
    message: 'Ce compte bancaire n’attend plus de confirmation. Rechargez la page.',
    support: 'Bank account already confirmed, replaced or payable.',
  },
  AGENT_FILTER_INVALID: {
    status: 400,
    message: 'Ces critères de recherche ne sont pas valides.',
    support: 'List filters failed validation.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof agentErrors> {}
}
