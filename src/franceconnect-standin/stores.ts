/**
 * What the stand-in remembers, in memory and for a limited time: login interactions (10 min),
 * authorization codes (30 s, single use) and access tokens (60 s). One instance only.
 */
import { randomBytes } from 'node:crypto';

export const INTERACTION_TTL_SECONDS = 10 * 60;
export const AUTHORIZATION_CODE_TTL_SECONDS = 30;
export const ACCESS_TOKEN_TTL_SECONDS = 60;
/** Expired entries are swept at most this often, on the next request. */
const SWEEP_INTERVAL_MS = 10_000;

/** An authorization request whose parameters passed every check (`authorize.ts`). */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  scopes: string[];
  amrRequested: boolean;
}

/** The login page shown for an accepted authorization request, until a citizen is chosen. */
export interface Interaction extends AuthorizationRequest {
  csrfToken: string;
  expiresAt: number;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  citizenId: string;
  nonce: string;
  scopes: string[];
  amrRequested: boolean;
  authTime: number;
  expiresAt: number;
  used: boolean;
  /** Access tokens obtained with the code, revoked if the code is replayed. */
  accessTokens: string[];
}

export interface AccessToken {
  clientId: string;
  citizenId: string;
  scopes: string[];
  expiresAt: number;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export type Stores = ReturnType<typeof createStores>;

/** `now` in milliseconds: the expiries follow the provider's (injectable) clock. */
export function createStores(now: () => number) {
  const interactions = new Map<string, Interaction>();
  const codes = new Map<string, AuthorizationCode>();
  const accessTokens = new Map<string, AccessToken>();
  let lastSweep = 0;

  return {
    /** Forgets what has expired; cheap enough to call on every request. */
    sweep(): void {
      const t = now();
      if (t - lastSweep < SWEEP_INTERVAL_MS) return;
      lastSweep = t;
      for (const [k, v] of interactions) if (v.expiresAt <= t) interactions.delete(k);
      // Used codes are kept until expiry so that a replay is recognised (and its tokens revoked).
      for (const [k, v] of codes) if (v.expiresAt <= t) codes.delete(k);
      for (const [k, v] of accessTokens) if (v.expiresAt <= t) accessTokens.delete(k);
    },

    /** Starts an interaction; returns its id (part of the login page's URL). */
    startInteraction(request: AuthorizationRequest): string {
      const id = randomToken(16);
      interactions.set(id, { ...request, csrfToken: randomToken(), expiresAt: now() + INTERACTION_TTL_SECONDS * 1000 });
      return id;
    },
    /** The interaction, unless unknown, expired or already ended. */
    findInteraction(id: string): Interaction | undefined {
      const interaction = interactions.get(id);
      return interaction && interaction.expiresAt > now() ? interaction : undefined;
    },
    endInteraction(id: string): void {
      interactions.delete(id);
    },

    /** A new code for the citizen chosen in `interaction`; `authTime` in seconds. */
    issueCode(interaction: Interaction, citizenId: string, authTime: number): string {
      const code = randomToken();
      codes.set(code, {
        clientId: interaction.clientId,
        redirectUri: interaction.redirectUri,
        citizenId,
        nonce: interaction.nonce,
        scopes: interaction.scopes,
        amrRequested: interaction.amrRequested,
        authTime,
        expiresAt: now() + AUTHORIZATION_CODE_TTL_SECONDS * 1000,
        used: false,
        accessTokens: [],
      });
      return code;
    },
    /** The code as issued, used or expired alike: the token endpoint tells them apart. */
    findCode(code: string): AuthorizationCode | undefined {
      return codes.get(code);
    },
    deleteCode(code: string): void {
      codes.delete(code);
    },

    /** A new access token for what `code` was issued for, remembered by the code. */
    issueAccessToken(code: AuthorizationCode): string {
      const accessToken = randomToken();
      code.accessTokens.push(accessToken);
      accessTokens.set(accessToken, {
        clientId: code.clientId,
        citizenId: code.citizenId,
        scopes: code.scopes,
        expiresAt: now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
      });
      return accessToken;
    },
    revokeAccessTokens(code: AuthorizationCode): void {
      for (const t of code.accessTokens) accessTokens.delete(t);
    },
    /** The access token, unless unknown, revoked or expired (an expired one is forgotten). */
    findAccessToken(token: string): AccessToken | undefined {
      const entry = accessTokens.get(token);
      if (entry && entry.expiresAt <= now()) {
        accessTokens.delete(token);
        return undefined;
      }
      return entry;
    },
  };
}
