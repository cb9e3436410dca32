/**
 * Catalogue of the FranceConnect errors the service-provider side can report.
 * `message` is for the person (French); `support` is for support staff and logs;
 * `status` is what a page or JSON answer carrying this error should use.
 */
import type { ErrorEntry } from '../errors/registry';

export const FC_ERROR_CATALOGUE = {
  FC_CALLBACK_INVALID: {
    message: "La connexion avec FranceConnect n'a pas abouti : la réponse reçue est incomplète. Veuillez recommencer.",
    support: 'Callback without code and without error, or with repeated parameters.',
    status: 400,
  },
  FC_ACCESS_DENIED: {
    message:
      'Vous avez annulé la connexion avec FranceConnect. Vous pouvez recommencer, ou vous connecter avec votre numéro de sécurité sociale et votre mot de passe.',
    support: 'The person cancelled at FranceConnect (error=access_denied).',
    status: 400,
  },
  FC_PROVIDER_ERROR: {
    message: "FranceConnect n'a pas pu traiter la demande de connexion. Veuillez réessayer plus tard.",
    support: 'FranceConnect redirected back with an OAuth error other than access_denied (see detail).',
    status: 502,
  },
  FC_STATE_MISMATCH: {
    message:
      'Votre demande de connexion a expiré ou ne correspond pas à celle en cours. Veuillez recommencer la connexion avec FranceConnect.',
    support: 'state missing or different from the one stored in the session (CSRF, second tab, expired session).',
    status: 400,
  },
  FC_PROVIDER_UNAVAILABLE: {
    message: 'FranceConnect est momentanément indisponible. Veuillez réessayer dans quelques minutes.',
    support: 'Network error, timeout or invalid discovery document.',
    status: 503,
  },
  FC_ISSUER_MISMATCH: {
    message:
      'La réponse reçue ne provient pas du fournisseur FranceConnect attendu. Pour votre sécurité, la connexion est refusée. Veuillez recommencer.',
    support:
      'Authorization response whose iss (RFC 9207) differs from the issuer, or without iss although the provider advertises authorization_response_iss_parameter_supported (mix-up attack or misconfiguration). No code was exchanged.',
    status: 400,
  },
  FC_TOKEN_REJECTED: {
    message: 'La connexion avec FranceConnect a expiré. Veuillez recommencer.',
    support: 'Token endpoint refused the code with invalid_grant (expired, already used, wrong redirect_uri).',
    status: 400,
  },
  FC_CLIENT_REJECTED: {
    message:
      "FranceConnect n'a pas reconnu le service Mon Compte : le problème vient de notre côté, pas de vous. Veuillez réessayer plus tard, ou vous connecter avec votre numéro de sécurité sociale et votre mot de passe.",
    support:
      'Token endpoint answered invalid_client or unauthorized_client: check FC_CLIENT_ID / FC_CLIENT_SECRET and the registered redirect URIs.',
    status: 502,
  },
  FC_TOKEN_RESPONSE_INVALID: {
    message:
      "FranceConnect a envoyé une réponse que Mon Compte n'a pas pu lire. Pour votre sécurité, la connexion est refusée. Veuillez réessayer plus tard.",
    support: 'Token endpoint answered 200 with something other than a bearer token response in JSON (see detail).',
    status: 502,
  },
  FC_ID_TOKEN_INVALID: {
    message: "L'identité transmise par FranceConnect n'a pas pu être vérifiée. Pour votre sécurité, la connexion est refusée.",
    support: 'ID token rejected: signature, alg, iss, aud, exp, iat, nonce or format (see detail).',
    status: 401,
  },
  FC_ACR_INSUFFICIENT: {
    message: 'Le niveau de sécurité de la connexion FranceConnect est insuffisant pour ce service.',
    support: 'acr missing from the ID token or below the requested eIDAS level.',
    status: 401,
  },
  FC_USERINFO_INVALID: {
    message:
      "Les informations d'identité transmises par FranceConnect n'ont pas pu être vérifiées. Pour votre sécurité, la connexion est refusée.",
    support: 'Userinfo rejected: not a JWT, bad signature or alg, sub different from the ID token, iss/aud mismatch.',
    status: 401,
  },
  FC_IDENTITY_INCOMPLETE: {
    message:
      "Les informations d'identité transmises par FranceConnect sont incomplètes. Vous pouvez créer votre compte sans FranceConnect.",
    support: 'A pivot identity claim is missing or malformed in userinfo (see detail).',
    status: 422,
  },
  FC_UNEXPECTED: {
    message: 'Une erreur inattendue a interrompu la connexion avec FranceConnect. Veuillez recommencer.',
    support: 'An exception the client does not classify (a bug): see detail.',
    status: 500,
  },
  FC_LOGOUT_STATE_MISMATCH: {
    message: "La déconnexion de FranceConnect n'a pas pu être confirmée. Pour votre sécurité, fermez votre navigateur.",
    support: 'Post-logout callback without state or with a state different from the one stored.',
    status: 400,
  },
} as const satisfies Record<string, ErrorEntry>;

declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof FC_ERROR_CATALOGUE> {}
}

/** The FranceConnect protocol's entries, registered with every module's (src/app-errors.ts). */
export const franceConnectErrors = FC_ERROR_CATALOGUE;

export type FranceConnectErrorCode = keyof typeof FC_ERROR_CATALOGUE;

export interface FranceConnectErrorInfo {
  code: FranceConnectErrorCode;
  /** French, for the person. */
  message: string;
  /** Technical detail for logs (English, never shown to the person, never contains tokens). */
  detail?: string;
}

export type FranceConnectResult<T> = ({ ok: true } & T) | { ok: false; error: FranceConnectErrorInfo };

export function fcError(code: FranceConnectErrorCode, detail?: string): { ok: false; error: FranceConnectErrorInfo } {
  return {
    ok: false,
    error: { code, message: FC_ERROR_CATALOGUE[code].message, ...(detail !== undefined ? { detail: scrubDetail(detail) } : {}) },
  };
}

/**
 * A detail fit for the logs: no JWT, no code or token (any run of 24+ URL-safe characters, which
 * also covers FranceConnect's `sub`), no control characters, 500 characters at most. Details quote
 * what the provider or the browser sent (an `error_description`, an `iss`), so they are scrubbed here.
 */
export function scrubDetail(detail: string): string {
  return detail
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[jwt]')
    .replace(/[\w-]{24,}/g, '[…]')
    .slice(0, 500);
}

/** Thrown (only) by `startLogin` / `logoutUrl` when the provider cannot be reached or configured. */
export class FranceConnectError extends Error {
  readonly code: FranceConnectErrorCode;
  readonly userMessage: string;
  constructor(code: FranceConnectErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(`${code}${detail ? `: ${detail}` : ''}`, options);
    this.name = 'FranceConnectError';
    this.code = code;
    this.userMessage = FC_ERROR_CATALOGUE[code].message;
  }
}
