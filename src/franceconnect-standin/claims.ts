/**
 * What the stand-in says about a citizen, with FranceConnect v2's names: the claims each scope
 * releases, the eIDAS levels, the simulated identity provider, and the pairwise `sub`.
 */
import { createHmac } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { TestCitizen } from './citizens';

export const SUPPORTED_ACR_VALUES = ['eidas1', 'eidas2', 'eidas3'] as const;
/** Level of the simulated identity providers: FranceConnect (not FranceConnect+) is eidas1. */
export const DELIVERED_ACR = 'eidas1';
/** `amr` of the ID token, sent only when the `claims` parameter asks for it (as FranceConnect does). */
export const DELIVERED_AMR = ['pwd'];
const SIMULATED_IDP_ID = 'fi-demonstration';

/** Claims released by each scope (FranceConnect v2 names). */
export const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  openid: ['sub'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  preferred_username: ['preferred_username'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  email: ['email'],
  profile: ['given_name', 'family_name', 'preferred_username', 'birthdate', 'gender'],
  birth: ['birthplace', 'birthcountry'],
  identite_pivot: ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry'],
  idp_id: ['idp_id'],
  idp_acr: ['idp_acr'],
};
export const SUPPORTED_SCOPES = Object.keys(SCOPE_CLAIMS);
export const SUPPORTED_CLAIMS = [...new Set(Object.values(SCOPE_CLAIMS).flat())];

/**
 * The claims of `citizen` that `scopes` release, `sub` apart (it depends on the client).
 * A claim the citizen lacks (no e-mail, no usage name) is left out rather than sent empty.
 */
export function releasedClaims(citizen: TestCitizen, scopes: readonly string[]): JWTPayload {
  const released = new Set(scopes.flatMap((s) => SCOPE_CLAIMS[s] ?? []));
  const source: Record<string, string | undefined> = {
    given_name: citizen.given_name,
    family_name: citizen.family_name,
    preferred_username: citizen.preferred_username,
    birthdate: citizen.birthdate,
    gender: citizen.gender,
    birthplace: citizen.birthplace,
    birthcountry: citizen.birthcountry,
    email: citizen.email,
    idp_id: SIMULATED_IDP_ID,
    idp_acr: DELIVERED_ACR,
  };
  const claims: JWTPayload = {};
  for (const name of released) {
    const value = source[name];
    if (value !== undefined) claims[name] = value;
  }
  return claims;
}

/**
 * Pairwise subject like FranceConnect's: 64 hexadecimal characters followed by `v1`,
 * different for every client, stable for a given citizen and client.
 */
export function pairwiseSubject(secret: string, citizenId: string, clientId: string): string {
  return createHmac('sha256', secret).update(`${citizenId}\u0000${clientId}`).digest('hex') + 'v1';
}
