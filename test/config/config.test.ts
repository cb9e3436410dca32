import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseOptions, testConfig } from '../../src/config/config';
import { createContext } from '../../src/context';
import { isDatabaseUnavailable } from '../../src/db/unavailable';
import { connectRedis } from '../../src/security/redis';

/**
 * Every environment variable is read by src/config/config.ts (validated with zod) and handed down;
 * test/architecture/environment.test.ts checks that no other file of src/ reads process.env.
 */
describe('the variables of logging, database and Redis waits', () => {
  it('have their defaults', () => {
    const c = loadConfig({});
    expect(c.logLevel).toBeUndefined();
    expect(c.database).toEqual({ busyWaitMs: 2000, poolSize: 10, connectTimeoutMs: 5000, queryTimeoutMs: 15_000 });
    expect(c.redisCommandTimeoutMs).toBe(1000);
  });

  it('are read and validated', () => {
    const c = loadConfig({
      LOG_LEVEL: 'warn',
      DATABASE_BUSY_WAIT_MS: '50',
      DATABASE_POOL_SIZE: '2',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_QUERY_TIMEOUT_MS: '30000',
      REDIS_COMMAND_TIMEOUT_MS: '250',
    });
    expect(c.logLevel).toBe('warn');
    expect(c.database).toEqual({ busyWaitMs: 50, poolSize: 2, connectTimeoutMs: 2000, queryTimeoutMs: 30_000 });
    expect(c.redisCommandTimeoutMs).toBe(250);
    for (const [name, value] of [
      ['LOG_LEVEL', 'bavard'],
      ['DATABASE_BUSY_WAIT_MS', 'deux secondes'],
      ['DATABASE_POOL_SIZE', '0'],
      ['DATABASE_CONNECT_TIMEOUT_MS', '-1'],
      ['DATABASE_QUERY_TIMEOUT_MS', '1.5'],
      ['REDIS_COMMAND_TIMEOUT_MS', ''],
    ]) {
      expect(() => loadConfig({ [name!]: value }), name).toThrow(ConfigError);
      expect(() => loadConfig({ [name!]: value }), name).toThrow(new RegExp(name!));
    }
  });

  it('the database ones alone, for a script that opens the database without the server’s configuration', () => {
    // A production environment without SMTP nor HTTPS: the server would refuse it, the script does not need them.
    const env = { NODE_ENV: 'production', DATABASE_POOL_SIZE: '3' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(loadDatabaseOptions(env)).toEqual({ busyWaitMs: 2000, poolSize: 3, connectTimeoutMs: 5000, queryTimeoutMs: 15_000 });
    expect(() => loadDatabaseOptions({ DATABASE_BUSY_WAIT_MS: 'x' })).toThrow(/DATABASE_BUSY_WAIT_MS/);
  });
});

describe('the values handed down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('LOG_LEVEL: the level of the context’s logger', async () => {
    const ctx = await createContext({ ...testConfig(), env: 'production', isProduction: true, logLevel: 'error' });
    try {
      expect(ctx.logger.level).toBe('error');
    } finally {
      await ctx.close();
    }
  });

  it('DATABASE_BUSY_WAIT_MS: how long a write waits for another process’s lock before the 503', async () => {
    const file = join(dir, 'locked.sqlite');
    const ctx = await createContext(testConfig({ DATABASE_URL: `sqlite:${file}`, DATABASE_BUSY_WAIT_MS: '100' }));
    const other = new SQLite(file);
    try {
      other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
      const started = Date.now();
      const write = ctx.database.db.updateTable('accounts').set({ updated_at: 1 }).execute();
      await expect(write).rejects.toSatisfy(isDatabaseUnavailable);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(100);
      expect(waited).toBeLessThan(1500); // not the default 2 s
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await ctx.close();
    }
  });

  it('REDIS_COMMAND_TIMEOUT_MS: the Redis client’s command timeout', async () => {
    const shared = connectRedis('redis://127.0.0.1:1', () => undefined, { commandTimeoutMs: 250 });
    try {
      expect(shared.redis.options.commandTimeout).toBe(250);
    } finally {
      await shared.close();
    }
    const byDefault = connectRedis('redis://127.0.0.1:1', () => undefined);
    try {
      expect(byDefault.redis.options.commandTimeout).toBe(1000);
    } finally {
      await byDefault.close();
    }
  });
});
