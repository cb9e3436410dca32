/**
 * The Better Auth peer (../shared/peer/better-auth, see its README): copied to a temporary directory
 * outside the repository (BETTER_AUTH_PEER_DIR, default $TMPDIR/mon-compte-peer-better-auth),
 * installed there once (`npm install --ignore-scripts`; better-sqlite3's compiled addon is taken from
 * ours, the same version, instead of being compiled again), then its own bench run with argon2id
 * for a short while on port BENCH_PEER_PORT (3305 by default).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const source = process.env.BETTER_AUTH_PEER_SOURCE ?? resolve(root, '../shared/peer/better-auth');
const dir = process.env.BETTER_AUTH_PEER_DIR ?? join(tmpdir(), 'mon-compte-peer-better-auth');

export interface PeerResult {
  version: string;
  perSecond: number;
  p50: number;
  p99: number;
  rawArgon2: number;
}

function install(): boolean {
  if (existsSync(join(dir, 'node_modules/better-auth'))) return true;
  if (!existsSync(join(source, 'bench.mjs'))) {
    console.log(`Better Auth peer: skipped (no ${source}; set BETTER_AUTH_PEER_SOURCE)`);
    return false;
  }
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'bench.mjs', 'server.mjs']) copyFileSync(join(source, f), join(dir, f));
  console.log(`Better Auth peer: installing in ${dir}…`);
  const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) return false;
  cpSync(join(root, 'node_modules/better-sqlite3/build'), join(dir, 'node_modules/better-sqlite3/build'), { recursive: true });
  return true;
}

export async function runPeer(o: { seconds: number; connections: number; users: number }): Promise<PeerResult | undefined> {
  if (!install()) return undefined;
  const env = {
    ...process.env,
    VARIANTS: 'argon2id',
    USERS: String(o.users),
    DURATION: String(o.seconds),
    CONNECTIONS: String(o.connections),
    HELLO_DURATION: '2',
    WARMUP: '2',
    BASELINE_SECONDS: '3',
    PORT: process.env.BENCH_PEER_PORT ?? '3305',
  };
  const out = await new Promise<string>((ok) => {
    const child = spawn(process.execPath, ['bench.mjs'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('exit', () => ok(text));
  });
  const json = /RESULT_JSON (.+)/.exec(out)?.[1];
  if (!json) {
    console.log(`Better Auth peer: no result\n${out.slice(-2000)}`);
    return undefined;
  }
  const r = JSON.parse(json) as {
    baselines: { name: string; perSecond: number }[];
    variants: { signIn: { okPerSecond: number; latencyMs: { p50: number; p99: number } } }[];
  };
  const s = r.variants[0]!.signIn;
  const version = (JSON.parse(readFileSync(join(dir, 'node_modules/better-auth/package.json'), 'utf8')) as { version: string }).version;
  return {
    version,
    perSecond: s.okPerSecond,
    p50: s.latencyMs.p50,
    p99: s.latencyMs.p99,
    rawArgon2: r.baselines.find((b) => b.name.startsWith('argon2id'))?.perSecond ?? NaN,
  };
}
