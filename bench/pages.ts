/**
 * Pages benchmark: what a page costs beside a bare Fastify « hello », measured in the same run by
 * the same load generator (autocannon, in this process; each server in its own process).
 *
 *   npx tsx bench/pages.ts              # BENCH_CPU_PROF=1 also writes CPU profiles to bench/profiles/
 *
 * Prints req/s, p50 and p99 for: the application's own hello route, the home page, a catalogue
 * page, /connexion (a returning browser with its CSRF cookie), a wizard step with its flow (« État
 * civil »), /mon-espace signed in, and the floor under every signed-in page (a hello route behind
 * requireAccount: the session and its account read) — each measured between two runs of a bare
 * Fastify hello, with its ratio to their mean (target ≥ 0.50). Every answer must be a 200
 * (non-2xx answers are printed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startChild } from './support/child';
import { pad, printEnvironment, run, watchdog } from './support/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

async function measure(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

run(async () => {
  watchdog(180);
  printEnvironment({ connections: CONNECTIONS, 'seconds per page': SECONDS });
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-pages-'));
  const hello = await startChild('hello-server.ts');
  const app = await startChild<{ session: string }>('app-server.ts', { BENCH_DATABASE: `sqlite:${join(dir, 'bench.sqlite')}` });
  try {
    const login = await fetch(`${app.base}/connexion`);
    const csrf = cookiesOf(login).find((c) => c.startsWith('mc_csrf='))!;
    const start = await fetch(`${app.base}/creer-mon-compte/nouveau`, { redirect: 'manual', headers: { cookie: csrf } });
    const flowCookies = [csrf, ...cookiesOf(start)].join('; ');
    const step = start.headers.get('location')!;

    // Under a machine's changing load, each page is measured between two runs of the bare hello,
    // and compared with their mean.
    const pages: [string, string, Record<string, string>][] = [
      ['application hello route', `${app.base}/bench/hello`, {}],
      ['home /', `${app.base}/`, {}],
      ['catalogue /aides-et-demarches/mes-demarches/logement', `${app.base}/aides-et-demarches/mes-demarches/logement`, {}],
      ['/connexion (CSRF cookie already set)', `${app.base}/connexion`, { cookie: csrf }],
      [`wizard step ${step} (flow)`, `${app.base}${step}`, { cookie: flowCookies }],
      ['/mon-espace (signed in)', `${app.base}/mon-espace`, { cookie: `mc_session=${app.info.session}; ${csrf}` }],
      // Not a page: the floor under every signed-in page (session + account read, no rendering).
      ['(floor) hello route signed in', `${app.base}/bench/hello-signed-in`, { cookie: `mc_session=${app.info.session}` }],
    ];
    const only = process.env.BENCH_ONLY;
    console.log('');
    for (const [name, url, headers] of pages.filter(([n]) => !only || n.includes(only))) {
      const before = await measure(`${hello.base}/`);
      const r = await measure(url, headers);
      const after = await measure(`${hello.base}/`);
      const base = { rps: (before.rps + after.rps) / 2 };
      const bad = r.non2xx || r.errors ? `   non-2xx ${r.non2xx}, errors ${r.errors}` : '';
      console.log(
        `${name.padEnd(54)} ${pad(r.rps.toFixed(0), 6)} req/s  p50 ${pad(r.p50, 3)} ms  p99 ${pad(r.p99, 3)} ms  | hello (before/after) ${pad(base.rps.toFixed(0), 6)} req/s  | ratio ${(r.rps / base.rps).toFixed(2)}${bad}`,
      );
    }
    console.log('\ntarget: every page ≥ 0.50 of the bare Fastify hello');
  } finally {
    await app.stop();
    await hello.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
