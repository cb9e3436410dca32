/**
 * Stand-in OpenID provider behaving like FranceConnect v2, for development and tests, built on
 * panva's `oidc-provider` — the OpenID-certified library FranceConnect's own core is built on.
 *
 * `oidc-provider` does the protocol (discovery, authorization code flow, `client_secret_post`, signed
 * ID token and userinfo, pairwise `sub`, RFC 9207 `iss`, end_session with `id_token_hint`); this file
 * configures it like FranceConnect v2 (`config.ts`), adds FranceConnect's stricter rules on the
 * authorization request (`rules.ts`) and serves the test citizens' chooser page (`pages.ts`).
 *
 * Routes under the issuer's path (`/api/v2`): /.well-known/openid-configuration, /authorize,
 * /interaction/:uid (+ /login, /cancel), /token, /userinfo, /session/end, /jwks.
 * Everything is kept in memory: one process, made for a developer machine and tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { TEST_CITIZENS, type TestCitizen } from './citizens';
import { DELIVERED_ACR } from './claims';
import { providerConfiguration, type StandinClient } from './config';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from './keys';
import { renderErrorPage, renderLoginPage } from './pages';
import { franceConnectRefusal } from './rules';

export type { StandinClient } from './config';
export { MIN_STATE_NONCE_LENGTH } from './rules';
export { SUPPORTED_ACR_VALUES, pairwiseSubject } from './claims';

/** Lifetimes, as FranceConnect v2: code 30 s, access token 60 s. */
export const AUTHORIZATION_CODE_TTL_SECONDS = 30;
export const ACCESS_TOKEN_TTL_SECONDS = 60;
export const ID_TOKEN_TTL_SECONDS = 60;

/** The secret of the pairwise `sub` when none is configured (development and tests only). */
export const DEVELOPMENT_SUBJECT_SECRET = 'franceconnect-standin-development-only';

export interface StandinProviderOptions {
  alg: StandinAlg;
  clients: StandinClient[];
  /** Pre-generated signing keys (tests: generate once, reuse). Must match `alg`. */
  keys?: StandinKeys;
  citizens?: readonly TestCitizen[];
  /** Secret of the per-client `sub` derivation. A fixed development default keeps `sub` stable across restarts. */
  subjectSecret?: string;
  /** Lifetime of an authorization code (tests shorten it to see it expire). */
  codeTtlSeconds?: number;
  /**
   * The `acr` of the logins, `eidas1` as FranceConnect (not FranceConnect+); `null` for none.
   * Tests set another value to check the client refuses it: a certified provider would not.
   */
  deliveredAcr?: string | null;
}

export interface RunningStandin {
  issuerUrl: string;
  /** The signing key now in use. */
  readonly keys: StandinKeys;
  /** Rotates the signing key: `keys` signs from now on, the previous key stays published beside it. */
  rotateKeys(keys: StandinKeys): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the stand-in on `host:port` (port 0 = any free port) under `/api/v2`, or under the path of
 * `issuerUrl` when given (then the issuer is that URL, e.g. `http://localhost:3001/api/v2`).
 */
export async function startStandinProvider(
  opts: StandinProviderOptions & { host?: string; port?: number; issuerUrl?: string },
): Promise<RunningStandin> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('stand-in: unexpected listen address');
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const issuerUrl = (opts.issuerUrl ?? `http://${hostPart}:${address.port}/api/v2`).replace(/\/+$/, '');

  let keys = opts.keys ?? (await generateStandinKeys(opts.alg));
  if (keys.alg !== opts.alg) throw new Error(`stand-in: keys are ${keys.alg}, alg is ${opts.alg}`);
  let retired: StandinKeys[] = [];
  const build = async () => {
    handle = await buildHandler(opts, issuerUrl, [keys, ...retired]);
  };
  await build();
  return {
    issuerUrl,
    get keys() {
      return keys;
    },
    rotateKeys: async (next) => {
      if (next.alg !== opts.alg) throw new Error(`stand-in: keys are ${next.alg}, alg is ${opts.alg}`);
      retired = [keys];
      keys = next;
      await build();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The request handler: FranceConnect's rules and the chooser page first, then `oidc-provider`,
 * mounted under the issuer's path. The library keeps its sessions, interactions and codes in its
 * memory adapter, shared by a rebuilt provider (key rotation).
 */
async function buildHandler(
  opts: StandinProviderOptions,
  issuerUrl: string,
  keys: StandinKeys[],
): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const prefix = new URL(issuerUrl).pathname.replace(/\/+$/, '');
  const citizens = opts.citizens ?? TEST_CITIZENS;
  const secret = opts.subjectSecret ?? DEVELOPMENT_SUBJECT_SECRET;
  const provider = new Provider(
    issuerUrl,
    await providerConfiguration({
      prefix,
      alg: opts.alg,
      keys,
      clients: opts.clients,
      citizens,
      subjectSecret: secret,
      codeTtlSeconds: opts.codeTtlSeconds ?? AUTHORIZATION_CODE_TTL_SECONDS,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
      idTokenTtlSeconds: ID_TOKEN_TTL_SECONDS,
    }),
  );
  provider.proxy = false;
  const callback = provider.callback();
  const acr = opts.deliveredAcr === undefined ? DELIVERED_ACR : opts.deliveredAcr;
  const csrfFor = (uid: string) => createHmac('sha256', secret).update(`csrf\u0000${uid}`).digest('base64url');

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return sendPage(res, 400, renderErrorPage(EXPIRED));
    }
    if (details.uid !== uid) return sendPage(res, 400, renderErrorPage(EXPIRED));
    const clientId = String(details.params.client_id ?? '');
    const clientName = opts.clients.find((c) => c.clientId === clientId)?.name ?? clientId;
    const page = (status: number, errorMessage?: string) =>
      sendPage(
        res,
        status,
        renderLoginPage({
          routePrefix: prefix,
          interactionId: uid,
          csrfToken: csrfFor(uid),
          clientName,
          citizens,
          ...(errorMessage ? { errorMessage } : {}),
        }),
      );
    if (action === undefined) return req.method === 'GET' ? page(200) : sendPage(res, 405, renderErrorPage(INVALID_FORM));
    if (req.method !== 'POST') return sendPage(res, 405, renderErrorPage(INVALID_FORM));
    const form = new URLSearchParams(await readBody(req));
    if (form.get('interactionId') !== uid || !sameSecret(form.get('csrfToken') ?? '', csrfFor(uid))) {
      return sendPage(res, 403, renderErrorPage(INVALID_FORM));
    }
    if (action === 'cancel') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: "L'usager a annulé la connexion." },
        { mergeWithLastSubmission: false },
      );
    }
    const citizen = citizens.find((c) => c.id === form.get('citizenId'));
    if (!citizen) return page(400, 'Choisissez un citoyen de test dans la liste.');
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: citizen.id, amr: ['pwd'], ...(acr === null ? {} : { acr }) } },
      { mergeWithLastSubmission: false },
    );
  };

  /** FranceConnect's rules on the authorization request, sent back like the library's own refusals. */
  const refuseAuthorization = (res: ServerResponse, params: URLSearchParams): boolean => {
    const refusal = franceConnectRefusal(params);
    if (refusal === undefined) return false;
    const client = opts.clients.find((c) => c.clientId === params.get('client_id'));
    const redirectUri = params.get('redirect_uri');
    if (!client || !redirectUri || !client.redirectUris.includes(redirectUri)) {
      sendPage(res, 400, renderErrorPage({ title: 'Demande de connexion refusée', message: refusal, code: 'invalid_request' }));
      return true;
    }
    const back = new URL(redirectUri);
    back.searchParams.set('error', 'invalid_request');
    back.searchParams.set('error_description', refusal);
    const state = params.get('state');
    if (state) back.searchParams.set('state', state);
    back.searchParams.set('iss', issuerUrl);
    res.writeHead(303, { location: back.href }).end();
    return true;
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) {
      sendPage(res, 404, renderErrorPage({ title: 'Page introuvable', message: "Cette adresse n'existe pas.", code: 'not_found' }));
      return;
    }
    const path = url.pathname.slice(prefix.length) || '/';
    const route = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(path);
    if (route) {
      interaction(req, res, route[1]!, route[2]).catch((err: unknown) => fail(res, err));
      return;
    }
    if (path === '/authorize') {
      if (req.method !== 'GET') {
        sendPage(
          res,
          405,
          renderErrorPage({
            title: 'Demande de connexion refusée',
            message: 'FranceConnect attend une requête GET.',
            code: 'invalid_request',
          }),
        );
        return;
      }
      if (refuseAuthorization(res, url.searchParams)) return;
    }
    // Mounted like Express's `app.use(prefix, …)`: the library reads its mount path from originalUrl.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
    req.url = `${path}${url.search}`;
    callback(req, res);
  };
}

const EXPIRED = {
  title: 'Demande de connexion expirée',
  message: 'Votre demande de connexion a expiré ou a déjà été utilisée. Retournez sur le service et recommencez.',
  code: 'session_expiree',
};
const INVALID_FORM = {
  title: 'Formulaire invalide',
  message: "Le formulaire envoyé n'est pas valide. Recommencez la connexion depuis le service.",
  code: 'formulaire_invalide',
};

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
  });
  res.end(html);
}

function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendPage(
    res,
    500,
    renderErrorPage({
      title: 'Erreur du fournisseur de démonstration',
      message: (err instanceof Error ? err.message : String(err)).slice(0, 200),
      code: 'server_error',
    }),
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('formulaire trop volumineux');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sameSecret(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
