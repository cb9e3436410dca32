/**
 * The long fuzz run (not part of `npm test`): at least FUZZ_TOTAL (default 1 000 000) arbitrary
 * inputs — FUZZ_HTTP of them (default 20 000) as requests to every route of a whole server (in
 * memory, anonymous and signed in), the rest to every parser. Prints how many inputs were tried and
 * every distinct finding (a 500, a stack trace, an error outside the catalogue, a parser that throws).
 *
 *   npx tsx scripts/fuzz.ts                 # about 1 million inputs
 *   FUZZ_TOTAL=5000000 FUZZ_SEED=42 npx tsx scripts/fuzz.ts
 * Exit code 1 when something was found.
 */
import fc from 'fast-check';
import { loadPlaceData } from '../src/identity';
import { createTestAccount, logIn } from '../test/support/accounts';
import { buildTestApp, TestBrowser } from '../test/support/app';
import { parserInput, parsers, probe, requestArbitrary, routesOf } from '../test/support/fuzz';

const total = Number(process.env.FUZZ_TOTAL ?? 1_000_000);
const httpCount = Number(process.env.FUZZ_HTTP ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const findings = new Map<string, number>();
const found = (what: string) => findings.set(what, (findings.get(what) ?? 0) + 1);
let tried = 0;

async function main(): Promise<void> {
  const start = performance.now();
  loadPlaceData();
  const t = await buildTestApp();
  const routes = routesOf(t.app);
  const anonymous = new TestBrowser(t.app);
  await anonymous.get('/connexion');
  const account = await createTestAccount(t.ctx);
  const signedIn = new TestBrowser(t.app);
  await logIn(t.ctx, signedIn, account);
  await signedIn.get('/mon-espace/securite');
  const keep = routes.filter((r) => !/deconnexion|sessions/.test(r.path));
  const browsers = [
    { b: anonymous, arb: requestArbitrary(routes, () => anonymous.csrfToken()) },
    { b: signedIn, arb: requestArbitrary(keep, () => signedIn.csrfToken()) },
  ];
  let batch = 0;
  while (tried < httpCount) {
    const { b, arb } = browsers[batch % 2]!;
    const cookie = `mc_csrf=${b.cookie('mc_csrf')}${b.cookie('mc_session') ? `; mc_session=${b.cookie('mc_session')}` : ''}`;
    for (const req of fc.sample(arb, { numRuns: 500, seed: seed + batch })) {
      const f = await probe(t.app, req, cookie).catch((e: Error) => `probe threw ${e.message}`);
      if (f) found(f.replace(/[?/][^ →]{40,}/g, '/…'));
      tried++;
    }
    batch++;
    // Throttle windows are per hour: move the test clock on so that logins keep being evaluated.
    t.clock.advance(3_600_000);
    if (batch % 10 === 0) process.stdout.write(`  HTTP ${tried} requests, ${findings.size} findings\n`);
  }
  await t.close();
  const perParser = Math.ceil((total - tried) / parsers.length);
  for (const [name, parse] of parsers) {
    for (let done = 0; done < perParser; done += 10_000) {
      for (const s of fc.sample(parserInput, { numRuns: Math.min(10_000, perParser - done), seed: seed + done })) {
        try {
          parse(s);
        } catch (e) {
          found(`${name} threw ${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 80)}`);
        }
        tried++;
      }
    }
    process.stdout.write(`  ${name}: ${perParser} inputs\n`);
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  console.log(
    `\nfuzz: ${tried.toLocaleString('en')} inputs (${httpCount.toLocaleString('en')} HTTP requests to ${routes.length} routes, the rest to ${parsers.length} parsers) in ${seconds} s, seed ${seed}`,
  );
  console.log(`findings: ${findings.size}`);
  for (const [f, n] of findings) console.log(`  ${n}× ${f}`);
  process.exit(findings.size ? 1 : 0);
}

void main();
