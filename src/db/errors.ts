import type { Codes, ErrorEntry } from '../errors/registry';

/** Errors of the storage layer: a database (or the shared Redis) that cannot answer for a moment. */
export const storageErrors = {
  DATABASE_UNAVAILABLE: {
    status: 503,
    message:
      'Nous ne pouvons pas traiter votre demande pour le moment. Vos informations n’ont pas été perdues : réessayez dans quelques instants.',
    support: 'Database busy (SQLite lock held too long) or unreachable (PostgreSQL down or restarting); recovers by itself. See /ready.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'Nous ne pouvons pas traiter votre demande pour le moment. Réessayez dans quelques instants.',
    support: 'A shared service (Redis sessions) is unreachable; recovers by itself when it is back. See /ready.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof storageErrors> {}
}

/** Seconds a client is asked to wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 5;
