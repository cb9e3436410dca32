/**
 * Registration benchmark: complete account creations per second through the JSON API.
 *
 *   npx tsx bench/registration.ts
 *
 * On SQLite (a file, WAL) and PostgreSQL (a fresh database on BENCH_DATABASE_URL), the server in its
 * own process; WORKERS clients each walk « Créer Mon Compte » again and again for SECONDS: create the
 * flow, état civil (a new valid NIR each time), titre d'identité, contact (an e-mail), the code read
 * from the outbox table, password (argon2id), confirmation. Each journey comes from its own address
 * (X-Forwarded-For), as people would. Prints accounts created per second and p50/p99 of each step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database';
import { benchNir, PASSWORD } from './support/accounts';
import { startChild } from './support/child';
import { createBenchDatabase } from './support/postgres';
import { pad, percentile, printEnvironment, run, watchdog } from './support/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WORKERS = 8;
const STEPS = ['flow', 'civil-status', 'identity-document', 'contact', 'code', 'password', 'confirm'] as const;

async function runOn(name: string, url: string): Promise<void> {
  const server = await startChild('app-server.ts', { BENCH_DATABASE: url });
  const reader = await openDatabase(url);
  const times: Record<string, number[]> = Object.fromEntries(STEPS.map((s) => [s, []]));
  let created = 0;
  let failures = 0;
  let next = 1; // benchNir(0) is the server's own account
  try {
    const journey = async () => {
      const n = next++;
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      const email = `inscription${n}@exemple.fr`;
      const call = async (step: (typeof STEPS)[number], path: string, body: unknown) => {
        const t0 = performance.now();
        const r = await fetch(`${server.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify(body),
        });
        const json = (await r.json()) as { id?: string; state?: string; error?: unknown };
        times[step]!.push(performance.now() - t0);
        if (!r.ok) throw new Error(`${step}: ${r.status} ${JSON.stringify(json.error)}`);
        return json;
      };
      const flow = await call('flow', '/api/registration/flows', { prestation: 'rsa' });
      const base = `/api/registration/flows/${flow.id}`;
      const nir = benchNir(n);
      const commune = `751${nir.slice(8, 10)}`;
      await call('civil-status', `${base}/civil-status`, {
        nir,
        civility: 'M',
        birthName: 'INSCRIT',
        givenNames: 'Paul',
        birthDate: '1990-01-15',
        birthPlaceKind: 'france',
        communeCode: commune,
      });
      await call('identity-document', `${base}/identity-document`, { documentKind: 'cni', documentNumber: '880692310285' });
      await call('contact', `${base}/contact`, { contactKind: 'email', email });
      const msg = await reader.db
        .selectFrom('outbox_messages')
        .select('text')
        .where('recipient', '=', email)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const code = /\b(\d{6})\b/.exec(msg?.text ?? '')?.[1] ?? '000000';
      await call('code', `${base}/code`, { code });
      await call('password', `${base}/password`, { password: PASSWORD, passwordConfirmation: PASSWORD });
      const done = await call('confirm', `${base}/confirm`, {});
      if (done.state !== 'completed') throw new Error(`confirm: ${done.state}`);
    };
    const end = Date.now() + SECONDS * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (Date.now() < end) {
          try {
            await journey();
            created++;
          } catch (e) {
            if (failures++ < 3) console.log(`  failure: ${(e as Error).message}`);
          }
        }
      }),
    );
    const rate = created / ((Date.now() - started) / 1000);
    console.log(
      `\n${name}: ${rate.toFixed(1)} accounts created per second (${created} in ${SECONDS} s, ${WORKERS} clients, ${failures} failures)`,
    );
    for (const s of STEPS)
      console.log(
        `  ${s.padEnd(18)} p50 ${pad(percentile(times[s]!, 50).toFixed(1), 6)} ms   p99 ${pad(percentile(times[s]!, 99).toFixed(1), 6)} ms`,
      );
  } finally {
    await reader.destroy();
    await server.stop();
  }
}

run(async () => {
  watchdog(300);
  printEnvironment({ clients: WORKERS, seconds: SECONDS });
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-reg-'));
  try {
    await runOn('SQLite (file, WAL)', `sqlite:${join(dir, 'bench.sqlite')}`);
    const pg = await createBenchDatabase('mc_reg');
    if (pg) {
      try {
        await runOn('PostgreSQL', pg.url);
      } finally {
        await pg.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
