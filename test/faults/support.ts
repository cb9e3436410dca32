import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real processes for the fault tests: the server (`src/main.ts` through tsx, as `npm start` runs
 * it), a throwaway PostgreSQL cluster and Redis server of their own (never the machine's shared
 * ones: other tests use those), and HAProxy. Every process is started by the test and killed by it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `f` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(f: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < end) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

export interface AppProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  output(): string;
  /** kill -9 */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `src/main.ts` on a free port with `env` and waits for /health. */
export async function startApp(env: Record<string, string>, o: { port?: number } = {}): Promise<AppProcess> {
  const port = o.port ?? (await freePort());
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      FC_STANDIN: 'false',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      ARGON2_MEMORY_KIB: '19456',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  try {
    await until(async () => proc.exitCode === null && (await fetch(`${url}/health`)).ok, 60_000, `the server on ${port}`);
  } catch (e) {
    proc.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${out.slice(-2000)}`);
  }
  return {
    url,
    port,
    proc,
    output: () => out,
    crash: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => proc.kill('SIGKILL'))]);
      await exited;
    },
  };
}

export interface Daemon {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A throwaway redis-server on `port`, no persistence. */
export async function startRedis(port?: number): Promise<Daemon> {
  const p = port ?? (await freePort());
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(
      async () =>
        spawnSync('redis-cli', ['-p', String(p), 'ping'])
          .stdout?.toString()
          .includes('PONG'),
      10_000,
      'redis',
    );
  };
  const stop = async () => {
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc!.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return { port: p, url: `redis://127.0.0.1:${p}`, start, stop, destroy: stop };
}

/**
 * A throwaway PostgreSQL cluster (Debian's binaries, run as the postgres user) in a temp dir, on
 * `port`; `settings` are passed to the server (`-c name=value`).
 */
export async function startPostgres(port?: number, settings: Record<string, string> = {}): Promise<Daemon> {
  const p = port ?? (await freePort());
  const version = spawnSync('ls', ['/usr/lib/postgresql']).stdout.toString().trim().split('\n').pop();
  const bin = `/usr/lib/postgresql/${version}/bin`;
  const dir = mkdtempSync(join(tmpdir(), 'mc-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, its binaries run as the postgres user.
  const root = process.getuid?.() === 0;
  const asPostgres = (cmd: string, args: string[]) => {
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], { encoding: 'utf8' })
      : spawnSync(`${bin}/${cmd}`, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  };
  const uid = root ? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : process.getuid!();
  const gid = root ? uid : process.getgid!();
  if (root) chownSync(dir, uid, gid);
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  writeFileSync(join(dir, 'log'), '');
  if (root) chownSync(join(dir, 'log'), uid, gid);
  const extra = Object.entries(settings).map(([k, v]) => ` -c ${k}=${v}`);
  const opts = `-p ${p} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60${extra.join('')}`;
  const start = async () => asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', 'start']);
  const stop = async () => {
    try {
      asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
  };
  await start();
  return {
    port: p,
    url: `postgres://postgres@127.0.0.1:${p}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The load balancer configuration the project ships for deployments (docs/operations.md). */
export const HAPROXY_CONFIG = join(root, 'deploy', 'haproxy.cfg');

/**
 * HAProxy on `port` in front of two `backends`, with the very configuration shipped in
 * deploy/haproxy.cfg (round robin, no stickiness: consecutive requests go to different instances),
 * its addresses given through the environment it reads them from.
 */
export async function startHaproxy(backends: [number, number], port?: number): Promise<Daemon> {
  const p = port ?? (await freePort());
  const env = {
    PATH: process.env.PATH ?? '',
    MC_BIND: `127.0.0.1:${p}`,
    MC_APP1: `127.0.0.1:${backends[0]}`,
    MC_APP2: `127.0.0.1:${backends[1]}`,
  };
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('/usr/sbin/haproxy', ['-f', HAPROXY_CONFIG, '-db'], { stdio: 'ignore', env });
    await until(async () => (await fetch(`http://127.0.0.1:${p}/health`)).ok, 10_000, 'haproxy');
  };
  const stop = async () => {
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc!.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port: p,
    url: `http://127.0.0.1:${p}`,
    start,
    stop,
    destroy: stop,
  };
}

/** A tiny HTTP client with a cookie jar, for pages and JSON over real sockets. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(public base: string) {}

  async request(
    path: string,
    init: { method?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; text: string; json<T = any>(): T }> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['sec-fetch-site'] = 'same-origin';
      headers.origin = this.base;
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.base + path, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  }

  /** GET a page and return its CSRF token. */
  async csrf(path: string): Promise<string> {
    const r = await this.request(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(r.text);
    if (!m) throw new Error(`no CSRF token on ${path} (${r.status})`);
    return m[1]!;
  }

  /** Same cookies, another address (another instance of the same service). */
  via(base: string): Client {
    const c = new Client(base);
    c.cookies = this.cookies;
    return c;
  }
}
