import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmsProvider, startSmtpServer, type TestSmsProvider, type TestSmtpServer } from '../messaging/servers';

/**
 * The production build starts: `npm start` with NODE_ENV=production (scripts/start.mjs builds
 * dist/server/main.js when it is stale, then runs it with plain node) on PostgreSQL, a real secret,
 * SMTP and an SMS provider — the test's own servers. PostgreSQL is the server of TEST_DATABASE_URL
 * (a fresh database) or, on a bare machine, an embedded PostgreSQL (PGlite) served over the
 * PostgreSQL protocol on a local port.
 */
describe('the compiled production server', () => {
  let server: ChildProcess | undefined;
  let base = '';
  let output = '';
  let smtp: TestSmtpServer;
  let sms: TestSmsProvider;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sms = await startSmsProvider();
    cleanups.push(
      () => smtp.close(),
      () => sms.close(),
    );
    const databaseUrl = await freshPostgres(cleanups);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: new URL('../..', import.meta.url),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: 'https://mon-compte.caf.example',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '2',
        SECRET_KEY: randomBytes(32).toString('hex'),
        SMTP_URL: smtp.url,
        SMS_PROVIDER_URL: sms.url,
        SMS_PROVIDER_TOKEN: 'jeton-de-test',
        FC_ISSUER_URL: 'https://franceconnect.example/api/v2',
        FC_CLIENT_ID: 'client-de-test',
        FC_CLIENT_SECRET: randomBytes(24).toString('hex'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d) => (output += d));
    server.stderr?.on('data', (d) => (output += d));
    await waitUntilReady(server, `${base}/ready`, () => output);
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    for (const c of cleanups.reverse()) await c();
  });

  it('answers /, /connexion and /ready', async () => {
    for (const path of ['/', '/connexion', '/ready']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, `${path}\n${output}`).toBe(200);
    }
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toContain('Mon Compte');
    expect(await (await fetch(`${base}/connexion`)).text()).toContain('Se connecter');
  });

  it('writes JSON log lines and no development warning', () => {
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(output).toContain('Mon Compte est démarré');
    expect(output).not.toMatch(/Error|développement/);
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** A fresh, empty PostgreSQL database: on TEST_DATABASE_URL's server, else PGlite on a local port. */
async function freshPostgres(cleanups: (() => Promise<unknown>)[]): Promise<string> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `mon_compte_prod_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }
  const db = await PGlite.create();
  const port = await freePort();
  const socket = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
  await socket.start();
  cleanups.push(async () => {
    await socket.stop();
    await db.close();
  });
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

async function waitUntilReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 170_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the production server exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the production server did not become ready:\n${output()}`);
}
