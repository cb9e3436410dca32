/** Shared by the benchmarks: the environment line every bench prints, percentiles, aligned columns. */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export const pad = (s: string | number, n: number): string => String(s).padStart(n);

export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** Node, CPUs, load, pool sizes: figures are only comparable within one run on one machine. */
export function printEnvironment(extra: Record<string, string | number> = {}): void {
  const pool = process.env.UV_THREADPOOL_SIZE ? process.env.UV_THREADPOOL_SIZE : '4 (default)';
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const fields = {
    Node: process.version,
    CPU: `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? '?'}`,
    RAM: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    'load (1/5/15 min)': load,
    UV_THREADPOOL_SIZE: pool,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10 (default)',
    ...extra,
  };
  console.log(
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · '),
  );
}

/** Exits after `seconds` if the bench hangs (a bench must stop by itself). */
export function watchdog(seconds: number): void {
  setTimeout(() => {
    console.error(`bench: time limit reached (${seconds} s), stopping`);
    process.exit(1);
  }, seconds * 1000).unref();
}

/** Runs main, prints its error if any, and exits (open handles such as pools never keep a bench alive). */
export function run(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
