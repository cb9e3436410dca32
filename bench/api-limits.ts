/**
 * What an oversized request costs now that bodies (64 KiB) and text fields have their maximum:
 *
 *   npx tsx bench/api-limits.ts
 *
 * Posts the civil-status step of a registration flow in JSON (through `inject`, no socket) with a
 * `communeQuery` of 100 characters, 60 000 characters (under the body limit, over the field's 100)
 * and 900 000 characters (over the body limit), a few times each, and prints the answer and the
 * median wall and CPU time of each. Reads figures, asserts nothing.
 */
import { testConfig } from '../src/config/config';
import { createContext } from '../src/context';
import { buildApp } from '../src/routes';
import { TestClock } from '../test/support/clock';
import '../src/app-errors';

const ctx = await createContext(testConfig(), { clock: new TestClock() });
const app = await buildApp(ctx);
await app.ready();
const json = { 'content-type': 'application/json' };
const newFlow = async () =>
  `/api/registration/flows/${(await app.inject({ method: 'POST', url: '/api/registration/flows', payload: {}, headers: json })).json().id}/civil-status`;
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await app.inject({ method: 'POST', url: await newFlow(), payload: { communeQuery: 'Paris' }, headers: json }); // warm-up: place data
for (const size of [100, 60_000, 900_000]) {
  const walls: number[] = [];
  const cpus: number[] = [];
  let answer = '';
  for (let i = 0; i < 7; i++) {
    const url = await newFlow();
    const payload = {
      noNir: true,
      civility: 'MME',
      birthName: 'Dupont',
      givenNames: 'Marie',
      birthDate: '1990-05-15',
      birthPlaceKind: 'france',
      communeQuery: 'Paris '.repeat(size / 6).slice(0, size),
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url, payload, headers: json });
    walls.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
    const e = res.json().error;
    answer = `${res.statusCode} ${e?.fields?.[0]?.code ?? e?.code ?? ''}`;
  }
  console.log(
    `communeQuery de ${String(size).padStart(7)} caractères : ${answer.padEnd(26)} médiane ${median(walls).toFixed(1)} ms (CPU ${median(cpus).toFixed(1)} ms)`,
  );
}
await app.close();
await ctx.close();
