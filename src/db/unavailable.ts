/**
 * « The database cannot answer now »: locked by another writer for too long (SQLite), unreachable,
 * restarting or refusing connections (PostgreSQL). Such a failure is nobody's fault and passes by
 * itself: the person gets a 503 page (or JSON error) with `Retry-After`, never the generic 500.
 */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`database unavailable: ${reason}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** SQLSTATE classes and codes of PostgreSQL that mean « not now », not « wrong query ». */
const PG_UNAVAILABLE = /^(08|57P0[1-4]|53300|58030)/;
/** Node's socket errors, and node-postgres' own messages when the server goes away. */
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const PG_MESSAGES =
  /Connection terminated|Query read timeout|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Connection ended unexpectedly/i;

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof DatabaseUnavailableError) return true;
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && (PG_UNAVAILABLE.test(code) || NODE_UNAVAILABLE.has(code))) return true;
    const message = (x as { message?: unknown }).message;
    if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
    if (x instanceof AggregateError && x.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
