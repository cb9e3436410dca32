import type { Codes, ErrorEntry } from '../errors/registry';

/**
 * Errors of the Caf side (« espace gestionnaire », src/agents and src/http/pages/gestion), registered
 * by src/app-errors.ts. The login's wrong e-mail and wrong password share
 * one entry, as on the public side.
 */
export const agentErrors = {
  AGENT_LOGIN_INVALID: {
    status: 400,
    message: 'Adresse e-mail ou mot de passe incorrect.',
    support: 'Agent login: unknown e-mail, disabled agent or wrong password (deliberately indistinguishable).',
  },
  AGENT_LOGIN_REQUIRED: { status: 400, message: 'Saisissez votre adresse e-mail professionnelle.', support: 'Agent login e-mail missing.' },
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
  AGENT_FILTER_INVALID: {
    status: 400,
    message: 'Ces critères de recherche ne sont pas valides.',
    support: 'List filters failed validation.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof agentErrors> {}
}
