/**
 * FranceConnect v2's rules where `oidc-provider` (like the OpenID specifications) is more lenient:
 * `nonce` required even in the code flow, `state` and `nonce` of at least 32 characters,
 * `acr_values` required and among the eIDAS levels, and no parameter FranceConnect does not know.
 * Checked on the authorization request before the library sees it (`provider.ts`).
 */
import { SUPPORTED_ACR_VALUES } from './claims';

/** Minimum length of `state` and `nonce`. */
export const MIN_STATE_NONCE_LENGTH = 32;
const MAX_PARAM_LENGTH = 2048;
const AUTHORIZE_PARAMS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'acr_values',
  'prompt',
  'claims',
  'idp_hint',
]);

/** Why FranceConnect would refuse these authorization parameters (French), or undefined. */
export function franceConnectRefusal(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (!AUTHORIZE_PARAMS.has(name)) return `Paramètre non reconnu par FranceConnect : ${name.slice(0, 40)}.`;
    if (seen.has(name)) return `Paramètre répété : ${name}.`;
    if (value.length > MAX_PARAM_LENGTH) return `Paramètre trop long : ${name}.`;
    seen.add(name);
  }
  for (const name of ['state', 'nonce'] as const) {
    const value = params.get(name);
    if (!value) return `Le paramètre ${name} est obligatoire.`;
    if (value.length < MIN_STATE_NONCE_LENGTH) return `Le paramètre ${name} doit comporter au moins ${MIN_STATE_NONCE_LENGTH} caractères.`;
  }
  const acr = (params.get('acr_values') ?? '').split(' ').filter(Boolean);
  if (acr.length === 0) return 'Le paramètre acr_values est obligatoire.';
  const unknown = acr.filter((a) => !(SUPPORTED_ACR_VALUES as readonly string[]).includes(a));
  if (unknown.length > 0) return `Valeur(s) acr_values non supportée(s) : ${unknown.join(', ').slice(0, 60)}.`;
  return undefined;
}
