import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { errorEntry, registeredErrors } from '../../src/errors/registry';
import { normaliseLoginId } from '../../src/journeys/login/use-cases';
import { safeReturnPath } from '../../src/http/security/return-path';
import { oversizedFields } from '../../src/http/security/input-limits';
import {
  findCommune,
  findCountry,
  parseIdentityDocument,
  parseMobilePhone,
  parseNir,
  parseProvisionalId,
  searchCommunes,
  searchCountries,
} from '../../src/identity';
import { checkName } from '../../src/identity/names';

/**
 * Fuzzing shared by the property tests (test/reliability/fuzz.test.ts) and the long run
 * (scripts/fuzz.ts): every route of the server, found in its route table, gets arbitrary query
 * strings, path parameters, form fields, JSON shapes and raw bytes; every parser gets arbitrary
 * text. A finding is a 500, a stack trace or an internal name in a response, an error that is not
 * in the catalogue — or a parser that throws.
 */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
}

/** The routes of `app`, read from its route table (`printRoutes`). */
export function routesOf(app: FastifyInstance): Route[] {
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)(?:[├└]── )?(\S+) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4 + (line.startsWith('└') || line.startsWith('├') || m[1]!.length ? 1 : 0);
    stack.length = Math.max(0, depth - 1);
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of m[3]!.split(', ')) if (method === 'GET' || method === 'POST') routes.push({ method, path });
  }
  return routes;
}

const FIELDS = [
  'identifier',
  'password',
  'passwordConfirmation',
  'currentPassword',
  'code',
  'nir',
  'noNir',
  'civility',
  'birthName',
  'givenNames',
  'birthDate',
  'birthDate-day',
  'birthDate-month',
  'birthDate-year',
  'birthPlaceKind',
  'communeQuery',
  'communeCode',
  'countryQuery',
  'countryCode',
  'documentKind',
  'documentNumber',
  'contactKind',
  'email',
  'phone',
  'retour',
  'prestation',
  'session',
  'q',
  'date',
];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'null',
    'true',
    '[]',
    '{}',
    '/\t/evil.example',
    '//evil.example',
    '\u0420ROBE',
    `E${'\u0301'.repeat(60)}`,
    '%00',
    '../../etc/passwd',
    '<script>',
    "' or 1=1 --",
    '290057511412388',
    '2A',
    'Paris 14e',
    'a'.repeat(2001),
  ),
);
const fields = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })),
  fc.oneof(text, fc.array(text, { maxLength: 3 })),
  { maxKeys: 8 },
);
const json = fc.oneof(
  fields,
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true }).map((v) => safeJson(v)),
);

function safeJson(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v) ?? 'null');
  } catch {
    return null;
  }
}

function fillParams(path: string, values: string[]): string {
  let i = 0;
  return path.replace(/:[a-zA-Z]+|\*/g, () => encodeURIComponent(values[i++ % values.length] ?? 'x'));
}

function form(f: Record<string, unknown>, csrf: string | undefined): string {
  const p = new URLSearchParams();
  if (csrf) p.append('_csrf', csrf);
  for (const [k, v] of Object.entries(f)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  return p.toString();
}

/**
 * One arbitrary request to one of `routes`. `csrf`: the token of the browser that will send it;
 * `ids`: real identifiers (démarches, members, files…) mixed into path parameters, so that requests
 * reach the code behind the « not found ».
 */
export function requestArbitrary(routes: Route[], csrf: () => string | undefined, ids: string[] = []): fc.Arbitrary<InjectOptions> {
  const param = ids.length ? fc.oneof(text, fc.constantFrom(...ids)) : text;
  return fc
    .record({
      route: fc.constantFrom(...routes),
      params: fc.array(param, { minLength: 1, maxLength: 3 }),
      query: fc.option(fields, { nil: undefined }),
      body: fc.oneof(
        fields.map((f) => ({ kind: 'form' as const, f })),
        json.map((j) => ({ kind: 'json' as const, j })),
        fc.uint8Array({ maxLength: 300 }).map((b) => ({ kind: 'bytes' as const, b })),
      ),
      contentType: fc.constantFrom(
        'application/octet-stream',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/json',
        'application/x-www-form-urlencoded',
        '',
      ),
      withCsrf: fc.boolean(),
    })
    .map(({ route, params, query, body, contentType, withCsrf }) => {
      const qs = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}` : '';
      const url = fillParams(route.path, params) + qs;
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' };
      if (route.method === 'GET') return { method: 'GET', url, headers } as InjectOptions;
      if (body.kind === 'form')
        return {
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          payload: form(body.f, withCsrf ? csrf() : undefined),
        } as InjectOptions;
      if (body.kind === 'json')
        return {
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: JSON.stringify(body.j),
        } as InjectOptions;
      return {
        method: 'POST',
        url,
        headers: contentType ? { ...headers, 'content-type': contentType } : headers,
        payload: Buffer.from(body.b),
      } as InjectOptions;
    });
}

const LEAKS =
  /\n\s+at [\w.<]|node_modules|SqliteError|TypeError|ReferenceError|RangeError|SyntaxError: |Cannot read prop|undefined is not|\bstack\b/;

/** What is wrong with the answer to `req`, if anything. */
export async function probe(app: FastifyInstance, req: InjectOptions, cookie?: string): Promise<string | undefined> {
  return (await probeResponse(app, req, cookie)).finding;
}

/** `probe`, with the response (for checks of its own: an upload route's acceptance of a hostile file). */
export async function probeResponse(
  app: FastifyInstance,
  req: InjectOptions,
  cookie?: string,
): Promise<{ res: LightMyRequestResponse; finding: string | undefined }> {
  const res = await app.inject({ ...req, headers: { ...(req.headers ?? {}), ...(cookie ? { cookie } : {}) } });
  const where = `${req.method} ${String(req.url).slice(0, 120)}`;
  return { res, finding: findingOf(where, res) };
}

function findingOf(where: string, res: LightMyRequestResponse): string | undefined {
  // 502/503 are catalogue answers for a service out of reach (FranceConnect in tests); 500 means a bug.
  if (res.statusCode === 500 || res.body.includes(errorEntry('INTERNAL').message)) return `${where} → ${res.statusCode} (unexpected error)`;
  if (LEAKS.test(res.body)) return `${where} → leaks ${LEAKS.exec(res.body)![0]}`;
  if (res.statusCode >= 400 && String(res.headers['content-type'] ?? '').includes('application/json')) {
    const code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
    if (!code || !registeredErrors().has(code))
      return `${where} → ${res.statusCode} with an error outside the catalogue: ${res.body.slice(0, 120)}`;
  }
  return undefined;
}

/** Every pure parser of the project, on one arbitrary text: none may throw. */
export const parsers: [string, (s: string) => unknown][] = [
  ['parseNir', (s) => parseNir(s)],
  ['parseNir with civil status', (s) => parseNir(s, { sex: 'F', birthDate: '1990-05-15' } as never)],
  ['parseIdentityDocument cni', (s) => parseIdentityDocument('cni', s)],
  ['parseIdentityDocument passport', (s) => parseIdentityDocument('passport', s)],
  ['parseIdentityDocument titre-sejour', (s) => parseIdentityDocument('titre-sejour', s)],
  ['parseMobilePhone', (s) => parseMobilePhone(s)],
  ['parseProvisionalId', (s) => parseProvisionalId(s)],
  ['searchCommunes', (s) => searchCommunes(s, { limit: 10 })],
  ['searchCountries', (s) => searchCountries(s)],
  ['findCommune', (s) => findCommune(s)],
  ['findCountry', (s) => findCountry(s)],
  ['safeReturnPath', (s) => safeReturnPath(s)],
  ['checkName', (s) => checkName(s, 80)],
  ['normaliseLoginId', (s) => normaliseLoginId(s)],
  ['oversizedFields', (s) => oversizedFields({ a: s, b: [s, { c: s }] })],
];

export const parserInput = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'0123456789AB ·-/2a'), maxLength: 20 }),
);
