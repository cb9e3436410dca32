/**
 * What the login throttle's reservation costs per store: reserve + refund of one identifier key and
 * one IP key (what a right password does), sequential and 50 at a time, on memory, SQLite (file),
 * PostgreSQL (TEST_DATABASE_URL, a fresh database) and Redis (TEST_REDIS_URL). Prints figures only.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/rate-limits.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { DbRateLimiter } from '../src/security/db-rate-limit';
import { LoginThrottle } from '../src/security/login-throttle';
import type { RateLimiter } from '../src/security/rate-limit';
import { ProcessRateLimiter } from '../src/security/process-rate-limit';
import { RedisRateLimiter } from '../src/security/redis-rate-limit';
import { testDatabases } from '../test/support/databases';

async function measure(name: string, limiter: RateLimiter): Promise<void> {
  const throttle = new LoginThrottle(limiter, 'bench-secret-bench-secret-bench-secret-00');
  let n = 0;
  const one = async () => {
    const who = { identifier: `ID${n++}`, ip: `10.0.${n % 250}.${n % 200}` };
    const r = await throttle.reserve(who);
    if (r.allowed) await throttle.refund(who, r);
  };
  for (let i = 0; i < 50; i++) await one();
  let t = performance.now();
  for (let i = 0; i < 500; i++) await one();
  const seq = 500 / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let round = 0; round < 20; round++) await Promise.all(Array.from({ length: 50 }, one));
  const par = 1000 / ((performance.now() - t) / 1000);
  console.log(
    `${name.padEnd(22)} reserve+refund: ${seq.toFixed(0).padStart(7)}/s one at a time, ${par.toFixed(0).padStart(7)}/s 50 at a time`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'mc-bench-rl-'));
await measure('memory', new ProcessRateLimiter());
const sqlite = await openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
await migrate(sqlite);
await measure('database (SQLite file)', new DbRateLimiter(sqlite));
await sqlite.destroy();
if (process.env.TEST_DATABASE_URL) {
  const pg = await testDatabases[1]!.open();
  await measure('database (PostgreSQL)', new DbRateLimiter(pg));
  await pg.destroy();
} else console.log('database (PostgreSQL)   not measured: TEST_DATABASE_URL is not set');
if (process.env.TEST_REDIS_URL) {
  const redis = new Redis(process.env.TEST_REDIS_URL);
  await measure('Redis', new RedisRateLimiter(redis, `mc:bench:${Date.now()}:`));
  redis.disconnect();
} else console.log('Redis                  not measured: TEST_REDIS_URL is not set');
rmSync(dir, { recursive: true, force: true });
