/**
 * Servers measured by a bench run in their own Node process, so that the load generator
 * (autocannon, in the bench's process) does not take their CPU. A child prints one JSON line on
 * stdout when it listens ({ port, … }); `BENCH_CPU_PROF=1` adds `--cpu-prof` (profile written to
 * bench/profiles/ when the child exits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface Child<T> {
  info: T & { port: number };
  base: string;
  pid: number;
  /** resident memory of the child, in bytes (from /proc) */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

export async function startChild<T>(file: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const args = ['--import', 'tsx'];
  if (process.env.BENCH_CPU_PROF) {
    const dir = join(here, '..', 'profiles');
    mkdirSync(dir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child: ChildProcess = spawn(process.execPath, [...args, join(here, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<T & { port: number }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (l) => resolve(JSON.parse(l) as T & { port: number }));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before listening`)));
  });
  return {
    info,
    base: `http://127.0.0.1:${info.port}`,
    pid: child.pid!,
    rss: async () => {
      const { readFile } = await import('node:fs/promises');
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** In a child: says where it listens (and anything the bench needs), then stops cleanly on SIGTERM. */
export function ready(info: Record<string, unknown> & { port: number }, close: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.once('SIGTERM', () => void close().then(() => process.exit(0)));
}
