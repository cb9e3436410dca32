/**
 * Login benchmark: how close the password step gets to the raw argon2id rate, and beside the
 * Better Auth peer (../shared/peer/better-auth) run in the same bench.
 *
 *   npx tsx bench/login.ts            # BENCH_PEER=0 to leave the peer out
 *
 * Prints, in one run (about two minutes, loopback only, stops by itself):
 * - raw argon2id verifications per second with the configured parameters (measured before and
 *   after each password step, the load of a shared machine moves), in parallel to saturate
 *   libuv's thread pool (UV_THREADPOOL_SIZE, printed);
 * - on SQLite (a file, WAL) and on PostgreSQL (a fresh database on BENCH_DATABASE_URL), the server
 *   in its own process: its hello route, the password step of /connexion (autocannon; every answer
 *   must be the 303 to /connexion/code), and full two-step logins (password, code read from the
 *   outbox table, code → 303 /mon-espace) with p50/p99; the ratio password step / raw argon2id
 *   (target ≥ 0.90), and where the CPU went during the password step (support/cpu.ts);
 * - the peer (Better Auth 1.7 with argon2id, installed in a temporary directory, see
 *   support/peer.ts): its sign-ins/s and p99, and our password steps/s over its sign-ins/s
 *   (target ≥ 1.2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { benchNir, PASSWORD } from './support/accounts';
import { startChild } from './support/child';
import { cpuPerRequest, sampleCpu } from './support/cpu';
import { runPeer } from './support/peer';
import { createBenchDatabase } from './support/postgres';
import { pad, percentile, printEnvironment, run, watchdog } from './support/report';

const ACCOUNTS = 64;
const RAW_SECONDS = 5;
const HELLO_SECONDS = 3;
const STEP_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;
const FULL_WORKERS = 8;
const poolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);

async function rawArgon2(params: { memoryCost: number; timeCost: number; parallelism: number }): Promise<number> {
  const h = await hash(PASSWORD, { algorithm: 2, ...params });
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

async function targets(): Promise<Target[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
  const list: Target[] = [
    {
      name: 'SQLite (file, WAL)',
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  const pg = await createBenchDatabase('mc_bench');
  if (pg) list.push({ name: 'PostgreSQL', url: pg.url, cleanup: pg.drop });
  return list;
}

async function runOn(target: Target, params: Parameters<typeof rawArgon2>[0]): Promise<number> {
  const server = await startChild('app-server.ts', { BENCH_DATABASE: target.url, BENCH_ACCOUNTS: String(ACCOUNTS) });
  const reader = await openDatabase(target.url); // the outbox, read as a test would
  const base = server.base;
  try {
    // One browser identity (CSRF cookie + token) shared by the load generator.
    const page = await fetch(`${base}/connexion`);
    const csrfCookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('mc_csrf='))!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie: csrfCookie };

    const hello = await autocannon({ url: `${base}/bench/hello`, connections: CONNECTIONS, duration: HELLO_SECONDS });
    // Measured right before and right after the password step (their mean is the reference):
    // the load of a shared machine moves during a run.
    const rawBefore = await rawArgon2(params);
    let i = 0;
    const cpuBefore = sampleCpu(server.pid);
    const step = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: STEP_SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/connexion',
          headers: formHeaders,
          setupRequest: (req) => ({
            ...req,
            body: new URLSearchParams({ _csrf: csrf, identifier: benchNir(i++ % ACCOUNTS), password: PASSWORD }).toString(),
          }),
        },
      ],
    });
    const cpu = cpuPerRequest(cpuBefore, sampleCpu(server.pid), step.requests.total);
    const raw = (rawBefore + (await rawArgon2(params))) / 2;
    const stepStatuses = Object.fromEntries(Object.entries(step.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]));

    // Full logins: password step, code from the outbox, code step; one account per worker.
    const latencies: number[] = [];
    let failures = 0;
    const end = Date.now() + STEP_SECONDS * 1000;
    const worker = async (w: number) => {
      while (Date.now() < end) {
        const t0 = performance.now();
        const r1 = await fetch(`${base}/connexion`, {
          method: 'POST',
          redirect: 'manual',
          headers: formHeaders,
          body: new URLSearchParams({ _csrf: csrf, identifier: benchNir(w), password: PASSWORD }),
        });
        await r1.arrayBuffer();
        const flow = r1.headers
          .getSetCookie()
          .map((c) => c.split(';')[0] ?? '')
          .find((c) => c.startsWith('mc_login='));
        const msg = await reader.db
          .selectFrom('outbox_messages')
          .select('text')
          .where('recipient', '=', `bench${w}@exemple.fr`)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        const code = /\b(\d{6})\b/.exec(msg?.text ?? '')?.[1];
        if (r1.status !== 303 || !flow || !code) {
          failures++;
          continue;
        }
        const r2 = await fetch(`${base}/connexion/code`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...formHeaders, cookie: `${csrfCookie}; ${flow}` },
          body: new URLSearchParams({ _csrf: csrf, code }),
        });
        await r2.arrayBuffer();
        if (r2.status === 303 && r2.headers.get('location') === '/mon-espace') latencies.push(performance.now() - t0);
        else failures++;
      }
    };
    const fullStart = Date.now();
    await Promise.all(Array.from({ length: FULL_WORKERS }, (_, w) => worker(w)));
    const fullRate = latencies.length / ((Date.now() - fullStart) / 1000);

    console.log(`\n${target.name}`);
    console.log(
      `  raw argon2id (before/after) ${pad(raw.toFixed(1), 5)} verifications/s (${poolSize * 2} in parallel, in the bench process)`,
    );
    console.log(
      `  hello route (baseline)   ${pad(hello.requests.average.toFixed(0), 7)} req/s   p50 ${pad(hello.latency.p50, 4)} ms   p99 ${pad(hello.latency.p99, 4)} ms`,
    );
    console.log(
      `  password step /connexion ${pad(step.requests.average.toFixed(1), 7)} req/s   p50 ${pad(step.latency.p50, 4)} ms   p99 ${pad(step.latency.p99, 4)} ms   statuses ${JSON.stringify(stepStatuses)}, errors ${step.errors}`,
    );
    console.log(
      `  full login (2 steps)     ${pad(fullRate.toFixed(1), 7)} /s      p50 ${pad(percentile(latencies, 50).toFixed(1), 4)} ms   p99 ${pad(percentile(latencies, 99).toFixed(1), 4)} ms   (${FULL_WORKERS} clients, ${failures} failures)`,
    );
    console.log(`  CPU per password step, ms: ${cpu}`);
    console.log(`  ratio password step / raw argon2id: ${(step.requests.average / raw).toFixed(2)} (target ≥ 0.90)`);
    return step.requests.average;
  } finally {
    await reader.destroy();
    await server.stop();
  }
}

run(async () => {
  watchdog(420);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', FC_STANDIN: 'false' });
  printEnvironment({
    argon2id: `m=${config.argon2.memoryCost} KiB t=${config.argon2.timeCost} p=${config.argon2.parallelism}`,
    connections: CONNECTIONS,
  });
  const ours: number[] = [];
  for (const t of await targets()) {
    try {
      ours.push(await runOn(t, config.argon2));
    } finally {
      await t.cleanup();
    }
  }
  if (process.env.BENCH_PEER === '0') return;
  const peer = await runPeer({ seconds: STEP_SECONDS, connections: CONNECTIONS, users: ACCOUNTS });
  if (!peer) return;
  console.log(`\nBetter Auth ${peer.version} (argon2id, SQLite WAL), same machine, same run`);
  console.log(
    `  sign-in /api/auth/sign-in/email ${pad(peer.perSecond.toFixed(1), 7)} /s   p50 ${pad(peer.p50, 4)} ms   p99 ${pad(peer.p99, 4)} ms   (its own raw argon2id: ${peer.rawArgon2.toFixed(1)} /s, ratio ${(peer.perSecond / peer.rawArgon2).toFixed(2)})`,
  );
  for (const [k, name] of ['SQLite', 'PostgreSQL'].entries()) {
    if (ours[k] !== undefined)
      console.log(`  our password step on ${name} / Better Auth sign-in: ${(ours[k]! / peer.perSecond).toFixed(2)} (target ≥ 1.2)`);
  }
});
