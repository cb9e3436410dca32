/**
 * The long fuzz run (not part of `npm test`): at least FUZZ_TOTAL (default 1 000 000) arbitrary
 * inputs — FUZZ_HTTP of them (default 20 000) as requests to the routes of a whole server (in
 * memory, with the demo data): every route anonymous and signed in, the Caf side (/gestion) as an
 * agent, the household API and pages as a responsable and as a conjoint; FUZZ_UPLOADS (default
 * 2 000) hostile and ordinary files to the upload routes; the rest to every parser. Prints how many
 * inputs were tried and every distinct finding (a 500, a stack trace, an error outside the
 * catalogue, a hostile file accepted, a parser that throws).
 *
 *   npx tsx scripts/fuzz.ts                 # about 1 million inputs
 *   FUZZ_TOTAL=5000000 FUZZ_SEED=42 npx tsx scripts/fuzz.ts
 *   npm run bench fuzz                      # a shorter run, in the benchmark set (bench/fuzz.ts)
 * Exit code 1 when something was found.
 */
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { loadPlaceData } from '../src/identity';
import { parserInput, parsers, probe } from '../test/support/fuzz';
import { fuzzTargets } from '../test/support/fuzz-targets';

export interface FuzzOptions {
  total: number;
  http: number;
  uploads: number;
  seed: number;
}

export function fuzzOptionsFromEnv(defaults: Omit<FuzzOptions, 'seed'>): FuzzOptions {
  return {
    total: Number(process.env.FUZZ_TOTAL ?? defaults.total),
    http: Number(process.env.FUZZ_HTTP ?? defaults.http),
    uploads: Number(process.env.FUZZ_UPLOADS ?? defaults.uploads),
    seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
  };
}

/** Runs the fuzz and prints its figures; returns the number of distinct findings. */
export async function runFuzz(o: FuzzOptions): Promise<number> {
  const findings = new Map<string, number>();
  const found = (what: string) => findings.set(what, (findings.get(what) ?? 0) + 1);
  const perTarget = new Map<string, number>();
  const count = (name: string) => perTarget.set(name, (perTarget.get(name) ?? 0) + 1);
  let tried = 0;
  const start = performance.now();
  loadPlaceData();
  const targets = await fuzzTargets();
  const { t, sessions } = targets;

  // Batches small enough for every kind of visitor to get its share of a short run.
  const batchSize = Math.min(500, Math.max(50, Math.ceil(o.http / sessions.length / 4)));
  let batch = 0;
  while (tried < o.http) {
    const s = sessions[batch % sessions.length]!;
    for (const req of fc.sample(s.arb, { numRuns: Math.min(batchSize, o.http - tried), seed: o.seed + batch })) {
      const f = await probe(t.app, req, s.cookie()).catch((e: Error) => `probe threw ${e.message}`);
      if (f) found(`[${s.name}] ${f.replace(/[?/][^ →]{40,}/g, '/…')}`);
      count(s.name);
      tried++;
    }
    batch++;
    if (batch % sessions.length === 0) {
      // Throttle windows are per hour: move the test clock on so that logins keep being evaluated, and sign in again.
      t.clock.advance(3_600_000);
      await targets.renew();
    }
    if (batch % 10 === 0) process.stdout.write(`  HTTP ${tried} requests, ${findings.size} findings\n`);
  }

  let uploads = 0;
  for (const u of fc.sample(targets.upload.arb, { numRuns: o.uploads, seed: o.seed })) {
    const f = await targets.upload.send(u).catch((e: Error) => `upload threw ${e.message}`);
    if (f) found(`[upload] ${f.replace(/[?/][^ →]{40,}/g, '/…')}`);
    uploads++;
    tried++;
  }
  perTarget.set('upload', uploads);
  await t.close();

  const perParser = Math.max(0, Math.ceil((o.total - tried) / parsers.length));
  for (const [name, parse] of parsers) {
    for (let done = 0; done < perParser; done += 10_000) {
      for (const s of fc.sample(parserInput, { numRuns: Math.min(10_000, perParser - done), seed: o.seed + done })) {
        try {
          parse(s);
        } catch (e) {
          found(`${name} threw ${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 80)}`);
        }
        tried++;
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `\nfuzz: ${tried.toLocaleString('en')} inputs in ${seconds.toFixed(0)} s (${Math.round(tried / seconds).toLocaleString('en')}/s), seed ${o.seed}`,
  );
  console.log(`  HTTP, ${targets.routes.length} routes: ${[...perTarget].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  parsers: ${parsers.length} × ${perParser.toLocaleString('en')}`);
  console.log(`findings: ${findings.size}`);
  for (const [f, n] of findings) console.log(`  ${n}× ${f}`);
  return findings.size;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFuzz(fuzzOptionsFromEnv({ total: 1_000_000, http: 20_000, uploads: 2_000 })).then(
    (n) => process.exit(n ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
