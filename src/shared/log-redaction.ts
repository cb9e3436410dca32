/**
 * What the server's logger (pino) must never write: cookies and authorisation headers, the
 * session and flow cookies set in responses, and — if a request body is ever logged — passwords,
 * codes, CSRF tokens and identifiers (a full NIR is personal data: logs hold at most a masked form,
 * see `maskIdentifier` in src/auth/audit.ts). Also the `detail` of database errors, which
 * PostgreSQL fills with the values of a violated unique key.
 */
const SECRET_BODY_FIELDS = ['password', 'passwordConfirmation', 'currentPassword', 'code', '_csrf', 'nir', 'identifier'];

export const LOG_REDACT_PATHS: string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'err.detail',
  ...SECRET_BODY_FIELDS.flatMap((f) => [`req.body.${f}`, `body.${f}`]),
];

export const LOG_REDACT_CENSOR = '[masqué]';
