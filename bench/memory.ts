/**
 * Memory benchmark: what an open session costs, and one instance's resident memory.
 *
 *   npx tsx bench/memory.ts           # BENCH_SESSIONS=10000 by default; Redis on REDIS_URL (default redis://127.0.0.1:6379)
 *
 * For each session store — the database (SQLite file, PostgreSQL) and Redis — the application runs
 * in its own process with BENCH_SESSIONS open sessions (one per account, a browser's user agent);
 * printed: bytes per session in the store (table + indexes, or Redis keys), the instance's resident
 * memory (RSS) and heap after start-up, with the sessions open, and after a load of /mon-espace
 * spread over those sessions; and the heap taken by the place data (communes and countries).
 * Target: ≤ 2 KB of server-side state per open session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { startChild, type Child } from './support/child';
import { createBenchDatabase } from './support/postgres';
import { pad, printEnvironment, run, watchdog } from './support/report';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const ACCOUNTS = Math.min(SESSIONS, 10_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MiB = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

type AppInfo = { tokens: string[]; accountId: string; placesHeap: number; heapUsed: number };

/** Bytes per session in the database: the sessions table and its indexes. */
async function databaseBytes(url: string): Promise<number> {
  const h = await openDatabase(url);
  try {
    if (h.dialect === 'postgres') {
      const r = await sql<{
        n: string;
        size: string;
      }>`select count(*) as n, pg_total_relation_size('sessions') as size from sessions`.execute(h.db);
      return Number(r.rows[0]!.size) / Number(r.rows[0]!.n);
    }
    const n = await sql<{ n: number }>`select count(*) as n from sessions`.execute(h.db);
    const size = await sql<{
      size: number;
    }>`select sum(pgsize) as size from dbstat where name in (select name from sqlite_master where tbl_name = 'sessions')`.execute(h.db);
    return Number(size.rows[0]!.size) / Number(n.rows[0]!.n);
  } finally {
    await h.destroy();
  }
}

/** Bytes per session in Redis: its hash, and its share of its account's set (MEMORY USAGE, sampled). */
async function redisBytes(tokens: string[], accountIds: string[]): Promise<number> {
  const { sha256 } = await import('../src/shared/crypto');
  const redis = new Redis(REDIS_URL);
  try {
    const sample = tokens.slice(0, 500);
    let total = 0;
    for (const t of sample) total += Number(await redis.call('MEMORY', 'USAGE', `mc:sess:${sha256(t)}`, 'SAMPLES', '0'));
    let sets = 0;
    let members = 0;
    for (const a of accountIds.slice(0, 500)) {
      sets += Number((await redis.call('MEMORY', 'USAGE', `mc:acct-sess:${a}`, 'SAMPLES', '0')) ?? 0);
      members += await redis.scard(`mc:acct-sess:${a}`);
    }
    return total / sample.length + sets / Math.max(1, members);
  } finally {
    // The bench's sessions leave the shared Redis.
    const keys = [...tokens.map((t) => `mc:sess:${sha256(t)}`), ...accountIds.map((a) => `mc:acct-sess:${a}`)];
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    redis.disconnect();
  }
}

async function measure(name: string, env: Record<string, string>, perSession: (child: Child<AppInfo>) => Promise<number>): Promise<void> {
  const app = await startChild<AppInfo>('app-server.ts', {
    ...env,
    BENCH_ACCOUNTS: String(ACCOUNTS),
    BENCH_SESSIONS: String(SESSIONS),
    NODE_OPTIONS: '--expose-gc',
  });
  try {
    const rssOpen = await app.rss();
    const tokens = app.info.tokens;
    let k = 0;
    await autocannon({
      url: app.base,
      connections: 16,
      duration: 4,
      requests: [
        {
          method: 'GET',
          path: '/mon-espace',
          setupRequest: (r) => ({ ...r, headers: { ...r.headers, cookie: `mc_session=${tokens[k++ % tokens.length]}` } }),
        },
      ],
    });
    const rssAfter = await app.rss();
    const bytes = await perSession(app);
    console.log(`\n${name}`);
    console.log(`  state per open session     ${pad(bytes.toFixed(0), 6)} bytes   (target ≤ 2048)`);
    console.log(
      `  instance with ${SESSIONS.toLocaleString('fr-FR')} open sessions: RSS ${MiB(rssOpen)} (heap ${MiB(app.info.heapUsed)}), after 4 s of /mon-espace over them: RSS ${MiB(rssAfter)}`,
    );
    console.log(`  place data (communes, countries) on the heap: ${MiB(app.info.placesHeap)}`);
  } finally {
    await app.stop();
  }
}

run(async () => {
  watchdog(600);
  printEnvironment({ sessions: SESSIONS, accounts: ACCOUNTS });
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-mem-'));
  try {
    const file = `sqlite:${join(dir, 'bench.sqlite')}`;
    await measure('SQLite (file): sessions in the database', { BENCH_DATABASE: file }, () => databaseBytes(file));
    const pg = await createBenchDatabase('mc_mem');
    if (pg) {
      try {
        await measure('PostgreSQL: sessions in the database', { BENCH_DATABASE: pg.url }, () => databaseBytes(pg.url));
      } finally {
        await pg.drop();
      }
    }
    const file2 = `sqlite:${join(dir, 'bench-redis.sqlite')}`;
    const h = await openDatabase(file2);
    await h.destroy();
    await measure('Redis: sessions in Redis (REDIS_URL)', { BENCH_DATABASE: file2, REDIS_URL }, async (app) => {
      const d = await openDatabase(file2);
      const ids = (await d.db.selectFrom('accounts').select('id').execute()).map((r) => r.id);
      await d.destroy();
      return redisBytes(app.info.tokens, ids);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
