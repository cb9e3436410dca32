import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { findAccountByNir } from '../../src/accounts/repository';
import { actOnDemarche } from '../../src/agents/instruction';
import { findActiveAgentByLogin } from '../../src/agents/repository';
import { DEMO_AGENT, DEMO_PASSWORD, seedDemoData } from '../../src/demo/seed';
import { DEMO_PEOPLE } from '../../src/demo/people';
import { sampleExe, sampleJpeg, samplePdf, samplePng, zipTail } from '../justificatifs/files';
import { multipart, sentDemarche } from '../justificatifs/support';
import { createTestAccount, logIn } from './accounts';
import { buildTestApp, TestBrowser, type TestApp } from './app';
import { probeResponse, requestArbitrary, routesOf, type Route } from './fuzz';
import { logInAgent } from '../journeys/gestion/helpers';
import { FORM_STATE_COOKIE } from '../../src/http/form-state';

/**
 * The fuzz run's targets beyond « every route, anonymous or signed in » (test/support/fuzz.ts):
 * - the upload routes, with hostile files (active PDFs — also hidden behind a « % stream » comment
 *   or a #-escaped name —, polyglots, executables under a .pdf name, truncated and bit-flipped files,
 *   lying names and types) next to ordinary ones: never a 500, and a hostile file never accepted;
 * - the Caf side (/gestion), signed in as an agent, with real démarche ids in the paths;
 * - the household API and pages, signed in as a responsable and as a conjoint of a demo household,
 *   with the household's real ids.
 */
export interface FuzzSession {
  name: string;
  arb: fc.Arbitrary<InjectOptions>;
  cookie(): string;
}

export interface FuzzTargets {
  t: TestApp;
  routes: Route[];
  sessions: FuzzSession[];
  upload: { arb: fc.Arbitrary<HostileUpload>; send(u: HostileUpload): Promise<string | undefined> };
  /** Signs every browser in again (after the test clock has been moved past their sessions' idle timeout). */
  renew(): Promise<void>;
}

const cookieOf = (b: TestBrowser, names: string[]) => names.flatMap((n) => (b.cookie(n) ? [`${n}=${b.cookie(n)}`] : [])).join('; ');

/** A whole server in memory with the demo data, and a browser per kind of visitor. */
export async function fuzzTargets(): Promise<FuzzTargets> {
  const t = await buildTestApp({ env: { LOGIN_SECOND_FACTOR: 'false' } });
  await seedDemoData(t.ctx);
  const db = t.ctx.database.db;
  const routes = routesOf(t.app);
  const staysSignedIn = (r: Route) => !/deconnexion|sessions|logout/.test(r.path);

  const anonymous = new TestBrowser(t.app);
  const person = await createTestAccount(t.ctx);
  const signedIn = new TestBrowser(t.app);
  // The Caf side: the demo agent, with démarches of the demo households to act on.
  const agentAccount = (await findActiveAgentByLogin(db, DEMO_AGENT.login_id))!;
  const agent = new TestBrowser(t.app);
  // The household: Julien (responsable) and Léa (conjoint with procuration) Moreau.
  const julien = (await findAccountByNir(db, DEMO_PEOPLE.julienMoreau.nir))!;
  const lea = (await findAccountByNir(db, DEMO_PEOPLE.leaMoreau.nir))!;
  const responsable = new TestBrowser(t.app);
  const conjoint = new TestBrowser(t.app);
  const renew = async () => {
    await anonymous.get('/connexion');
    await logIn(t.ctx, signedIn, person);
    await signedIn.get('/mon-espace/securite');
    await logInAgent(t.ctx, agent, agentAccount, DEMO_PASSWORD);
    await agent.get('/gestion/demarches');
    await logIn(t.ctx, responsable, julien, DEMO_PASSWORD);
    await responsable.get('/mon-espace/foyer/autorisation-de-gestion');
    await logIn(t.ctx, conjoint, lea, DEMO_PASSWORD);
    await conjoint.get('/mon-espace/securite');
  };
  await renew();
  const member = await db
    .selectFrom('household_members')
    .select(['id', 'household_id'])
    .where('account_id', '=', julien.id)
    .executeTakeFirstOrThrow();
  const householdIds = [
    member.household_id,
    ...(await db.selectFrom('household_members').select('id').where('household_id', '=', member.household_id).execute()).map((m) => m.id),
  ];

  // A démarche of the signed-in person on which a piece is asked: the upload routes' target.
  const origin = { ip: null, userAgent: null };
  let d = await sentDemarche(t.ctx, person);
  d = await actOnDemarche(t.ctx, { agent: agentAccount, demarcheId: d.id, event: 'start_instruction', version: d.version, origin });
  d = await actOnDemarche(t.ctx, {
    agent: agentAccount,
    demarcheId: d.id,
    event: 'request_documents',
    reason: 'Un justificatif',
    version: d.version,
    origin,
  });
  const demarcheIds = (await db.selectFrom('demarches').select('id').execute()).map((r) => r.id);
  await signedIn.get(`/mon-espace/demarches/${d.id}/justificatifs`);

  const person_ = ['mc_csrf', 'mc_session'];
  const sessions: FuzzSession[] = [
    { name: 'anonymous', arb: requestArbitrary(routes, () => anonymous.csrfToken()), cookie: () => cookieOf(anonymous, ['mc_csrf']) },
    {
      name: 'signed in',
      arb: requestArbitrary(routes.filter(staysSignedIn), () => signedIn.csrfToken(), [d.id]),
      cookie: () => cookieOf(signedIn, person_),
    },
    {
      name: 'Caf agent',
      arb: requestArbitrary(
        routes.filter((r) => r.path.startsWith('/gestion') && staysSignedIn(r)),
        () => agent.csrfToken(),
        demarcheIds,
      ),
      cookie: () => cookieOf(agent, ['mc_csrf', 'mc_agent']),
    },
    ...[
      { name: 'household responsable', b: responsable },
      { name: 'household conjoint', b: conjoint },
    ].map(({ name, b }) => ({
      name,
      arb: requestArbitrary(
        routes.filter(
          (r) => /household|foyer|demarches|mes-informations/.test(r.path) && !r.path.startsWith('/gestion') && staysSignedIn(r),
        ),
        () => b.csrfToken(),
        [...householdIds, ...demarcheIds],
      ),
      cookie: () => cookieOf(b, person_),
    })),
  ];
  return {
    t,
    routes,
    sessions,
    renew,
    upload: {
      arb: hostileUpload(d.id, () => signedIn.csrfToken()),
      send: (u) => sendUpload(t.app, u, cookieOf(signedIn, person_)),
    },
  };
}

/** A file sent to an upload route, and whether a careful checker must refuse it. */
export interface HostileUpload {
  req: InjectOptions;
  kind: string;
  hostile: boolean;
}

/** Active content a PDF must never carry into the agent's viewer. */
const ACTIVE = [
  '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>',
  '/AA << /O << /S /JavaScript /JS (app.alert\\(1\\)) >> >>',
  '/OpenAction << /S /Launch /F (cmd.exe) >>',
  '/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>',
  '/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>',
  '/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /EF << /F 6 0 R >> >>] >> >>',
  '/Annots [<< /Subtype /RichMedia >>]',
];

function hidden(pdf: Buffer): Buffer {
  // The objects between two comment lines that a naive « stream…endstream » stripper skips.
  const s = pdf.toString('latin1');
  const at = s.indexOf('1 0 obj');
  return Buffer.from(
    `${s.slice(0, at)}% stream\n${s.slice(at, s.indexOf('2 0 obj'))}% endstream\n${s.slice(s.indexOf('2 0 obj'))}`,
    'latin1',
  );
}

const fileArb: fc.Arbitrary<{ kind: string; hostile: boolean; bytes: Buffer }> = fc.oneof(
  fc.constantFrom(...ACTIVE).map((a) => ({ kind: `PDF with ${a.slice(0, 22)}`, hostile: true, bytes: samplePdf('x', a) })),
  fc
    .constantFrom(...ACTIVE)
    .map((a) => ({ kind: `PDF with ${a.slice(0, 22)} behind % stream`, hostile: true, bytes: hidden(samplePdf('x', a)) })),
  fc.constant({ kind: 'PDF + ZIP polyglot', hostile: true, bytes: Buffer.concat([samplePdf(), zipTail()]) }),
  fc.constant({ kind: 'JPEG + ZIP polyglot', hostile: true, bytes: Buffer.concat([sampleJpeg(), zipTail()]) }),
  fc.constant({ kind: 'executable', hostile: true, bytes: sampleExe() }),
  fc.constant({ kind: 'HTML', hostile: true, bytes: Buffer.from('<html><script>alert(1)</script></html>') }),
  fc.constant({
    kind: 'SVG with a script',
    hostile: true,
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  }),
  // Damaged files: they may be refused or accepted, never a 500.
  fc.tuple(fc.constantFrom(samplePdf(), sampleJpeg(), samplePng()), fc.nat(), fc.nat({ max: 255 })).map(([b, at, v]) => {
    const out = Buffer.from(b);
    out[at % out.length] = v;
    return { kind: 'bit-flipped file', hostile: false, bytes: out };
  }),
  fc.tuple(fc.constantFrom(samplePdf(), sampleJpeg(), samplePng()), fc.nat()).map(([b, n]) => ({
    kind: 'truncated file',
    hostile: false,
    bytes: b.subarray(0, n % b.length),
  })),
  fc
    .uint8Array({ maxLength: 2000 })
    .map((b) => ({ kind: 'random bytes', hostile: false, bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), b]) })),
  fc.constantFrom(samplePdf(), sampleJpeg(), samplePng()).map((b) => ({ kind: 'ordinary file', hostile: false, bytes: b })),
);

const filenameArb = fc.oneof(
  fc.constantFrom(
    'avis.pdf',
    'photo.jpg',
    '../../etc/passwd.pdf',
    'a\u0000.pdf',
    'avis.pdf.exe',
    '<script>.pdf',
    '',
    'x'.repeat(300),
    'é\u202e.pdf',
  ),
  fc.string({ maxLength: 30 }),
);

function hostileUpload(demarcheId: string, csrf: () => string): fc.Arbitrary<HostileUpload> {
  return fc
    .record({
      file: fileArb,
      filename: filenameArb,
      type: fc.constantFrom('application/pdf', 'image/jpeg', 'text/html', 'application/octet-stream', ''),
      api: fc.boolean(),
      field: fc.constantFrom('fichier', 'fichier', 'file', ''),
    })
    .map(({ file, filename, type, api, field }) => {
      const body = multipart(api ? {} : { _csrf: csrf() }, { name: field, filename, type, bytes: file.bytes });
      const url = api ? `/api/demarches/${demarcheId}/justificatifs` : `/mon-espace/demarches/${demarcheId}/justificatifs`;
      return {
        kind: file.kind,
        hostile: file.hostile,
        req: { method: 'POST', url, payload: body.payload, headers: { ...body.headers, 'sec-fetch-site': 'same-origin' } } as InjectOptions,
      };
    });
}

/**
 * A finding for one upload: what `probe` finds, or a hostile file accepted (201, or the page's 303
 * « ajouté » — a refused file also goes back to the page with a 303, but leaves its error in the
 * form-state cookie, src/http/form-state.ts).
 */
async function sendUpload(app: FastifyInstance, u: HostileUpload, cookie: string): Promise<string | undefined> {
  const { res, finding } = await probeResponse(app, u.req, cookie);
  if (finding) return `${finding} (${u.kind})`;
  const refusedToPage = ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${FORM_STATE_COOKIE}=`));
  const accepted =
    res.statusCode === 201 || (res.statusCode === 303 && String(res.headers.location).endsWith('/justificatifs') && !refusedToPage);
  return u.hostile && accepted ? `${u.req.method} ${u.req.url} → ${res.statusCode}: hostile file accepted (${u.kind})` : undefined;
}
