/**
 * Scale benchmark: 10 million accounts in PostgreSQL (long: run it alone, on an idle machine).
 *
 *   npx tsx bench/scale.ts                 # BENCH_SCALE_STEPS=10000,1000000,10000000 (default)
 *   BENCH_SCALE_SHARED_BUFFERS=6GB npx tsx bench/scale.ts   # on a throwaway cluster sized for 10 M accounts
 *
 * In a database of its own (created on BENCH_DATABASE_URL — or, with BENCH_SCALE_SHARED_BUFFERS, on a
 * throwaway cluster given that much shared memory, and its tables read into it after each load
 * (pg_prewarm), as days of service would have —, dropped at the end), migrated as in
 * production, accounts are added by `INSERT … SELECT generate_series` (valid NIRs, one argon2id
 * hash of the same password shared by all), with one démarche for every tenth account and one
 * household account holding 50 démarches. At each step (10 k, 1 M, 10 M accounts) it prints p50/p99
 * (20,000 samples each; 400 for the password step) of:
 * - the login's account lookup (by login_id) and the password step through HTTP (argon2id included);
 * - the registration's uniqueness checks (a NIR not yet registered; a FranceConnect sub);
 * - « Mes démarches » of the household account (50 démarches);
 * and, at the last step, EXPLAIN of every SQL statement the request paths ran (login, code,
 * personal space, démarches, registration checks): any sequential scan is printed.
 */
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { findAccountByFranceConnectSub, findAccountByLoginId, findAccountByNir } from '../src/accounts/repository';
import { loadConfig } from '../src/config/config';
import { createContext } from '../src/context';
import type { Database } from '../src/db/schema';
import { listDemarches } from '../src/demarches/repository';
import { buildApp } from '../src/routes';
import { startPostgres } from '../test/faults/support';
import { createBenchDatabase } from './support/postgres';
import { percentile, printEnvironment, run, watchdog } from './support/report';

const STEPS = (process.env.BENCH_SCALE_STEPS ?? '10000,1000000,10000000').split(',').map(Number);
const PASSWORD = 'MotDePasse2026';
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 20000);
const HTTP_SAMPLES = Number(process.env.BENCH_SCALE_HTTP_SAMPLES ?? 400);
const BATCH = 500_000;

/** The NIR of account i, the same in SQL (below) and here: valid key, born 1950–1989 in Paris. */
function nirOf(i: number): string {
  const body = `1${String(50 + (Math.floor(i / 11_976_012) % 40))}${String((Math.floor(i / 998_001) % 12) + 1).padStart(2, '0')}75${String((Math.floor(i / 999) % 999) + 1).padStart(3, '0')}${String((i % 999) + 1).padStart(3, '0')}`;
  return body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}
const NIR_SQL = `(b || lpad((97 - (b::bigint % 97))::text, 2, '0'))`;
const BODY_SQL = `'1' || (50 + (i / 11976012) % 40)::text || lpad(((i / 998001) % 12 + 1)::text, 2, '0') || '75' || lpad(((i / 999) % 999 + 1)::text, 3, '0') || lpad((i % 999 + 1)::text, 3, '0')`;

async function load(db: Kysely<Database>, from: number, to: number, passwordHash: string, prewarm: boolean): Promise<void> {
  for (let a = from; a < to; a += BATCH) {
    const b = Math.min(to, a + BATCH);
    await sql`set synchronous_commit = off`.execute(db);
    await sql`
      insert into accounts (id, login_id, nir, provisional_id, civility, birth_name, given_names, usage_name, birth_date, birth_place_kind, birth_place_code,
        birth_place_name, identity_status, identity_document_kind, identity_document_number, contact_kind, contact_value, contact_verified_at, password_hash,
        franceconnect_sub, created_at, updated_at)
      select 'acc-' || i, n, n, null, 'M', 'BENCH', 'Paul', null, '1990-01-01', 'commune', '75056', 'Paris', 'confirmed', null, null, 'email',
        'bench' || i || '@exemple.fr', 1, ${passwordHash}, case when i % 3 = 0 then 'fc-' || i end, 1, 1
      from (select i, ${sql.raw(NIR_SQL)} as n from (select i, ${sql.raw(BODY_SQL)} as b from generate_series(${a}::bigint, ${b - 1}::bigint) as i) x) y`.execute(
      db,
    );
    await sql`
      insert into demarches (id, account_id, prestation, status, created_at, updated_at)
      select 'dem-' || i, 'acc-' || i, 'aide-au-logement', 'a_completer', i, i from generate_series(${a}::bigint, ${b - 1}::bigint) as i where i % 10 = 5`.execute(
      db,
    );
    process.stdout.write(`  ${b.toLocaleString('fr-FR')} comptes\r`);
  }
  await sql`vacuum analyze accounts`.execute(db);
  await sql`vacuum analyze demarches`.execute(db);
  // The load's dirty pages are written now, not during the measures that follow.
  await sql`checkpoint`.execute(db);
  if (prewarm) {
    // A bulk insert goes through a small ring of buffers, so the new rows are not in shared memory:
    // a server in service for days has its accounts there. Read into it, as that traffic would.
    await sql`create extension if not exists pg_prewarm`.execute(db);
    await sql`select pg_prewarm(c.oid) from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'i')`.execute(
      db,
    );
  }
}

async function timed(n: number, f: (k: number) => Promise<unknown>): Promise<number[]> {
  const xs: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    await f(k);
    xs.push(performance.now() - t0);
  }
  return xs;
}

const line = (name: string, xs: number[]) =>
  console.log(
    `  ${name.padEnd(58)} p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms   (${xs.length})`,
  );

run(async () => {
  watchdog(Number(process.env.BENCH_SCALE_TIMEOUT_S ?? 3 * 3600));
  // BENCH_SCALE_SHARED_BUFFERS=6GB: a throwaway PostgreSQL cluster of the bench's own, with that much
  // shared memory — what a server holding 10 million accounts would be given (a quarter of the RAM) —
  // instead of the machine's server on BENCH_DATABASE_URL (often the default 128 MB).
  const sharedBuffers = process.env.BENCH_SCALE_SHARED_BUFFERS;
  const own = sharedBuffers ? await startPostgres(undefined, { shared_buffers: sharedBuffers }) : undefined;
  const target = await createBenchDatabase('mc_scale', own?.url);
  if (!target) return;
  const shown = new pg.Client({ connectionString: target.url });
  await shown.connect();
  const server = await shown.query<{ v: string; b: string }>("select version() as v, current_setting('shared_buffers') as b");
  await shown.end();
  printEnvironment({
    steps: STEPS.join(' / '),
    PostgreSQL: `${/PostgreSQL [\d.]+/.exec(server.rows[0]!.v)?.[0] ?? '?'}${own ? ' (a cluster of its own)' : ''}, shared_buffers ${server.rows[0]!.b}`,
  });
  // Every statement the application runs is recorded, to EXPLAIN them at the end.
  const statements = new Map<string, CompiledQuery>();
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query' && !statements.has(e.query.sql)) statements.set(e.query.sql, e.query);
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: target.url,
    FC_STANDIN: 'false',
    DEMO_DATA: 'false',
    LOGIN_SECOND_FACTOR: 'true',
  });
  const ctx = await createContext(config, { database: { db, dialect: 'postgres', destroy: () => db.destroy() } });
  const app = await buildApp(ctx);
  await app.ready();
  statements.clear(); // the migrations' statements are not request paths
  try {
    const passwordHash = await hash(PASSWORD, { algorithm: 2, ...config.argon2 });
    // The household account: 50 démarches (one open, the others closed).
    let loaded = 0;
    const started = performance.now();
    for (const step of STEPS) {
      const t0 = performance.now();
      await load(db, loaded, step, passwordHash, !!own);
      if (loaded === 0) {
        await sql`insert into demarches (id, account_id, prestation, status, created_at, updated_at)
          select 'house-' || k, 'acc-0', 'prestation-' || k, case when k = 0 then 'a_completer' else 'traitee' end, k, k from generate_series(0, 49) as k`.execute(
          db,
        );
      }
      loaded = step;
      const size = await sql<{ s: string }>`select pg_size_pretty(pg_database_size(current_database())) as s`.execute(db);
      console.log(
        `\n${step.toLocaleString('fr-FR')} comptes (chargés en ${((performance.now() - t0) / 1000).toFixed(0)} s, base ${size.rows[0]!.s})`,
      );
      const pick = () => Math.floor(Math.random() * step);
      await timed(SAMPLES / 4, () => findAccountByLoginId(db, nirOf(pick()))); // warm-up, not printed
      line('login: account by login_id', await timed(SAMPLES, () => findAccountByLoginId(db, nirOf(pick()))));
      line('registration: NIR not registered yet', await timed(SAMPLES, () => findAccountByNir(db, nirOf(step + pick()))));
      line('registration / FranceConnect: account by sub', await timed(SAMPLES, () => findAccountByFranceConnectSub(db, `fc-${pick()}`)));
      line('« Mes démarches » of a household (50 démarches)', await timed(SAMPLES, () => listDemarches(db, 'acc-0')));
      line('password step through HTTP (argon2id included)', await timed(HTTP_SAMPLES, () => passwordStep(app, nirOf(pick()))));
    }
    console.log(`\nloading: ${((performance.now() - started) / 1000 / 60).toFixed(1)} min in all`);
    await exerciseRequestPaths(app, ctx, nirOf(0));
    await explainAll(pool, statements);
  } finally {
    await app.close();
    await ctx.close();
    await target.drop();
    await own?.destroy();
  }
});

async function passwordStep(app: Awaited<ReturnType<typeof buildApp>>, nir: string): Promise<void> {
  const page = await app.inject({ url: '/connexion' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await app.inject({
    method: 'POST',
    url: '/connexion',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    payload: new URLSearchParams({ _csrf: csrf, identifier: nir, password: PASSWORD }).toString(),
  });
  if (res.statusCode !== 303 || res.headers.location !== '/connexion/code')
    throw new Error(`password step: ${res.statusCode} ${res.headers.location}`);
}

/** One full login (password, code from the outbox), the personal space and « Mes démarches »: their statements are recorded. */
async function exerciseRequestPaths(
  app: Awaited<ReturnType<typeof buildApp>>,
  ctx: Awaited<ReturnType<typeof createContext>>,
  nir: string,
): Promise<void> {
  const page = await app.inject({ url: '/connexion' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const jar = new Map(page.cookies.map((c) => [c.name, c.value]));
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
  const post = async (url: string, fields: Record<string, string>) => {
    const r = await app.inject({
      method: 'POST',
      url,
      headers: { ...form, cookie: cookie() },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
    for (const c of r.cookies) jar.set(c.name, c.value);
    return r;
  };
  await post('/connexion', { identifier: nir, password: PASSWORD });
  const msg = await ctx.database.db
    .selectFrom('outbox_messages')
    .select('text')
    .where('recipient', '=', 'bench0@exemple.fr')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const code = /\b(\d{6})\b/.exec(msg?.text ?? '')?.[1] ?? '000000';
  const signedIn = await post('/connexion/code', { code });
  if (signedIn.headers.location !== '/mon-espace')
    console.log(`  (login for EXPLAIN ended at ${signedIn.statusCode} ${signedIn.headers.location})`);
  await app.inject({ url: '/mon-espace', headers: { cookie: cookie() } });
  await app.inject({ url: '/mon-espace/demarches', headers: { cookie: cookie() } });
}

/** EXPLAIN of each recorded statement; a sequential scan on a big table is what must not happen. */
async function explainAll(pool: pg.Pool, statements: Map<string, CompiledQuery>): Promise<void> {
  console.log(`\nEXPLAIN of the ${statements.size} statements the request paths ran:`);
  let seq = 0;
  const client = await pool.connect();
  // Planner told to avoid sequential scans: one that remains is a statement no index can serve.
  await client.query('set enable_seqscan = off');
  for (const q of statements.values()) {
    if (!/^\s*(select|update|delete|insert|with)/i.test(q.sql) || /generate_series|pg_database_size/i.test(q.sql)) continue;
    const r = await client.query(`explain ${q.sql}`, q.parameters as unknown[]);
    const plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
    const scans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]);
    if (scans.length) {
      seq++;
      console.log(`  SEQ SCAN on ${scans.join(', ')}: ${q.sql.slice(0, 160)}`);
    }
  }
  client.release();
  console.log(seq ? `  ${seq} statement(s) with a sequential scan` : '  no sequential scan');
}
