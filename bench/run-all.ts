/**
 * Every benchmark, one after the other, each in its own Node process (so one's memory and JIT state
 * do not colour the next):
 *
 *   npm run bench            # all of them
 *   npm run bench identity   # only those whose file name contains « identity »
 *   npm run bench scale      # the 10 million accounts bench (long: not part of a plain `npm run bench`)
 *
 * Benchmarks print figures; they never fail on a threshold (targets are read, not asserted).
 * Run them on an otherwise idle machine: the figures are only comparable within one run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
/** Long benches (minutes, gigabytes) run only when named: `npm run bench scale`. */
const LONG = new Set(['scale.ts']);
const all = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run-all.ts');
// A bench named exactly runs alone: `npm run bench assistant` is bench/assistant.ts, not also
// bench/assistant-heldout.ts (the held-out sets are scored by the lead only, never while tuning).
const benches = (
  filter && all.includes(`${filter}.ts`) ? [`${filter}.ts`] : all.filter((f) => (filter ? f.includes(filter) : !LONG.has(f)))
).sort();

if (benches.length === 0) {
  console.error(`Aucun benchmark ne correspond à « ${filter} ».`);
  process.exit(1);
}

let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${file} s'est arrêté avec le code ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
