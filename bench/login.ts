/**
 * Login benchmark: how close the password step gets to the raw argon2id rate.
 *
 *   npx tsx bench/login.ts
 *
 * Prints, in one run (about a minute, loopback only, stops by itself):
 * - raw argon2id verifications per second with the configured parameters, run in parallel to
 *   saturate libuv's thread pool (UV_THREADPOOL_SIZE, printed);
 * - then on SQLite (a file in a temp directory, WAL) and on PostgreSQL (a fresh database on
 *   BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test):
 *   a minimal hello route of the same server (baseline), the password step of /connexion
 *   (autocannon, every answer must be the 303 to /connexion/code), and full logins (password step,
 *   code read from the outbox in the database, code step → 303 /mon-espace), each with p50/p99;
 * - the ratio password step / raw argon2id (target ≥ 0.80).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { createAccount, type Account } from '../src/accounts/repository';
import { loadConfig } from '../src/config/config';
import { createContext, type AppContext } from '../src/context';
import { buildServer } from '../src/http/server';

const PASSWORD = 'MotDePasse2026';
const ACCOUNTS = 64;
const RAW_SECONDS = 5;
const HELLO_SECONDS = 4;
const STEP_SECONDS = 8;
const FULL_SECONDS = 8;
const CONNECTIONS = 16;
const FULL_WORKERS = 8;

const poolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const pad = (s: string | number, n: number) => String(s).padStart(n);
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function rawArgon2(params: { memoryCost: number; timeCost: number; parallelism: number }): Promise<number> {
  const h = await hash(PASSWORD, { algorithm: 2 as never, ...params });
  let done = 0;
  const end = Date.now() + RAW_SECONDS * 1000;
  const lane = async () => {
    while (Date.now() < end) {
      await verify(h, PASSWORD);
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: poolSize * 2 }, lane));
  return done / ((Date.now() - started) / 1000);
}

interface Target {
  name: string;
  url: string;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
  return { name: 'SQLite (file, WAL)', url: `sqlite:${join(dir, 'bench.sqlite')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresTarget(): Promise<Target | undefined> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `mc_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (e) {
    console.log(`PostgreSQL: skipped (${(e as Error).message})`);
    return undefined;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    url: u.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function runOn(target: Target, raw: number): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: target.url, FC_STANDIN: 'false', LOGIN_SECOND_FACTOR: 'true', DEMO_DATA: 'false' });
  const ctx: AppContext = await createContext(config);
  const app = await buildServer(ctx);
  app.get('/bench/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const passwordHash = await ctx.passwords.hash(PASSWORD);
    const accounts: Account[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const nir = `1900175${String(10_000_000 + i).slice(1)}`;
      const r = await createAccount(
        ctx.database.db,
        {
          login_id: nir, nir, provisional_id: null, civility: 'M', birth_name: 'BENCH', given_names: 'Paul', usage_name: null, birth_date: '1990-01-01',
          birth_place_kind: 'commune', birth_place_code: '75056', birth_place_name: 'Paris', identity_status: 'confirmed', identity_document_kind: null,
          identity_document_number: null, contact_kind: 'email', contact_value: `bench${i}@exemple.fr`, contact_verified_at: 1, password_hash: passwordHash, franceconnect_sub: null,
        },
        Date.now(),
      );
      if (r.ok) accounts.push(r.account);
    }
    // One browser identity (CSRF cookie + token) shared by the load generator.
    const page = await fetch(`${base}/connexion`);
    const csrfCookie = page.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('mc_csrf='))!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie: csrfCookie };

    const hello = await autocannon({ url: `${base}/bench/hello`, connections: CONNECTIONS, duration: HELLO_SECONDS });

    let i = 0;
    const step = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: STEP_SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/connexion',
          headers: formHeaders,
          setupRequest: (req) => ({ ...req, body: new URLSearchParams({ _csrf: csrf, identifier: accounts[i++ % accounts.length]!.login_id, password: PASSWORD }).toString() }),
        },
      ],
    });
    const stepStatuses = Object.fromEntries(Object.entries(step.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]));

    // Full logins: password step, code from the outbox, code step; one account per worker.
    const latencies: number[] = [];
    let failures = 0;
    const end = Date.now() + FULL_SECONDS * 1000;
    const worker = async (w: number) => {
      const a = accounts[w]!;
      while (Date.now() < end) {
        const t0 = performance.now();
        const r1 = await fetch(`${base}/connexion`, { method: 'POST', redirect: 'manual', headers: formHeaders, body: new URLSearchParams({ _csrf: csrf, identifier: a.login_id, password: PASSWORD }) });
        await r1.arrayBuffer();
        const flow = r1.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('mc_login='));
        const msg = await ctx.database.db.selectFrom('outbox_messages').select('text').where('recipient', '=', a.contact_value).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
        const code = /\b(\d{6})\b/.exec(msg?.text ?? '')?.[1];
        if (r1.status !== 303 || !flow || !code) {
          failures++;
          continue;
        }
        const r2 = await fetch(`${base}/connexion/code`, { method: 'POST', redirect: 'manual', headers: { ...formHeaders, cookie: `${csrfCookie}; ${flow}` }, body: new URLSearchParams({ _csrf: csrf, code }) });
        await r2.arrayBuffer();
        if (r2.status === 303 && r2.headers.get('location') === '/mon-espace') latencies.push(performance.now() - t0);
        else failures++;
      }
    };
    const fullStart = Date.now();
    await Promise.all(Array.from({ length: FULL_WORKERS }, (_, w) => worker(w)));
    const fullRate = latencies.length / ((Date.now() - fullStart) / 1000);

    console.log(`\n${target.name}`);
    console.log(`  hello route (baseline)   ${pad(hello.requests.average.toFixed(0), 7)} req/s   p50 ${pad(hello.latency.p50, 4)} ms   p99 ${pad(hello.latency.p99, 4)} ms`);
    console.log(`  password step /connexion ${pad(step.requests.average.toFixed(1), 7)} req/s   p50 ${pad(step.latency.p50, 4)} ms   p99 ${pad(step.latency.p99, 4)} ms   statuses ${JSON.stringify(stepStatuses)}, errors ${step.errors}`);
    console.log(`  full login (2 steps)     ${pad(fullRate.toFixed(1), 7)} /s      p50 ${pad(percentile(latencies, 50).toFixed(1), 4)} ms   p99 ${pad(percentile(latencies, 99).toFixed(1), 4)} ms   (${FULL_WORKERS} clients, ${failures} failures)`);
    console.log(`  ratio password step / raw argon2id: ${(step.requests.average / raw).toFixed(2)} (target ≥ 0.80)`);
  } finally {
    await app.close();
    await ctx.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', FC_STANDIN: 'false' });
  console.log(`Node ${process.version}, ${availableParallelism()} CPU, UV_THREADPOOL_SIZE=${poolSize}${process.env.UV_THREADPOOL_SIZE ? '' : ' (default)'}`);
  console.log(`argon2id m=${config.argon2.memoryCost} KiB, t=${config.argon2.timeCost}, p=${config.argon2.parallelism}`);
  const raw = await rawArgon2(config.argon2);
  console.log(`raw argon2id verifications: ${raw.toFixed(1)} /s (${poolSize * 2} in parallel)`);
  const targets = [sqliteTarget(), await postgresTarget()].filter((t): t is Target => !!t);
  for (const t of targets) {
    try {
      await runOn(t, raw);
    } finally {
      await t.cleanup();
    }
  }
}

const watchdog = setTimeout(() => {
  console.error('bench: time limit reached (3 minutes), stopping');
  process.exit(1);
}, 180_000);
watchdog.unref();

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
