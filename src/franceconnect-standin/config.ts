/**
 * `oidc-provider`'s configuration for a FranceConnect v2 look-alike: routes and metadata as
 * FranceConnect publishes them, `client_secret_post` only, one signing algorithm (ES256 or RS256)
 * for the ID token and the userinfo (always a signed JWT), pairwise `sub` (64 hex + `v1`), the
 * eIDAS `acr` levels, FranceConnect's scopes (one per claim, plus its groups), end_session with a
 * French confirmation page that submits itself, and no consent screen (FranceConnect has none).
 */
import { randomBytes } from 'node:crypto';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { TestCitizen } from './citizens';
import { pairwiseSubject, releasedClaims, SCOPE_CLAIMS, SUPPORTED_ACR_VALUES } from './claims';
import { exportStandinKeys, type StandinAlg, type StandinKeys } from './keys';
import { renderErrorPage, renderLogoutPage, renderLoggedOutPage } from './pages';

export interface StandinClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Name shown on the login page. */
  name?: string;
}

/** Keys of the library's signed cookies; random per process (a restart ends the stand-in's sessions). */
const COOKIE_KEYS = [randomBytes(32).toString('base64url')];

export async function providerConfiguration(o: {
  prefix: string;
  alg: StandinAlg;
  keys: StandinKeys[];
  clients: StandinClient[];
  citizens: readonly TestCitizen[];
  subjectSecret: string;
  codeTtlSeconds: number;
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
}): Promise<Configuration> {
  const jwks = await Promise.all(
    o.keys.map(async (k) => ({ ...(await exportStandinKeys(k)).privateJwk, kid: k.kid, alg: k.alg, use: 'sig' })),
  );
  return {
    clients: o.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.name ?? c.clientId,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: o.alg,
      userinfo_signed_response_alg: o.alg,
      subject_type: 'pairwise',
    })),
    jwks: { keys: jwks as never },
    routes: {
      authorization: '/authorize',
      token: '/token',
      userinfo: '/userinfo',
      end_session: '/session/end',
      jwks: '/jwks',
    },
    scopes: Object.keys(SCOPE_CLAIMS),
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    acrValues: [...SUPPORTED_ACR_VALUES],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(o.subjectSecret, accountId, client.clientId),
    clientAuthMethods: ['client_secret_post'],
    responseTypes: ['code'],
    pkce: { required: () => false, methods: ['S256'] },
    enabledJWA: {
      idTokenSigningAlgValues: [o.alg],
      userinfoSigningAlgValues: [o.alg],
    },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      claimsParameter: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = renderLoggedOutPage();
        },
      },
    },
    ttl: {
      AuthorizationCode: o.codeTtlSeconds,
      AccessToken: o.accessTokenTtlSeconds,
      IdToken: o.idTokenTtlSeconds,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    issueRefreshToken: () => false,
    conformIdTokenClaims: true,
    cookies: {
      keys: COOKIE_KEYS,
      long: { signed: true, sameSite: 'lax' },
      short: { signed: true, sameSite: 'lax' },
    },
    interactions: { url: (_ctx, interaction) => `${o.prefix}/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const citizen = o.citizens.find((c) => c.id === id);
      if (!citizen) return undefined;
      return {
        accountId: citizen.id,
        claims: (_use, scope) => ({ sub: citizen.id, ...releasedClaims(citizen, scope.split(' ').filter(Boolean)) }),
      };
    },
    // FranceConnect asks no consent: the requested scopes are granted with the login.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const grant = existing ? await ctx.oidc.provider.Grant.find(existing) : undefined;
      if (grant) {
        grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
        await grant.save();
        return grant;
      }
      const created = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      created.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await created.save();
      return created;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage({
        title: 'Erreur de FranceConnect (simulation)',
        message: String(out.error_description ?? 'La demande ne peut pas être traitée.'),
        code: String(out.error ?? 'server_error'),
      });
    },
  };
}
