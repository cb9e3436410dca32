/**
 * Identity library bench: `npx tsx bench/identity.ts`.
 * Prints parseNir throughput, place-data load time and heap held, and search latencies.
 * Heap is measured with global.gc: when it is not exposed, the bench re-runs itself once under
 * `node --expose-gc --import tsx` (falls back to plain process.memoryUsage deltas if that fails).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc && process.env.IDENTITY_BENCH_CHILD !== '1') {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, IDENTITY_BENCH_CHILD: '1' },
  });
  if (child.status === 0) process.exit(0);
  console.log('(could not re-run with --expose-gc; heap figures below are rough)');
}

const { loadPlaceData, nirKey, parseNir, searchCommunes, searchCountries } = await import('../src/identity/index');

function heapMb(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// 1. Place data
const before = heapMb();
const t0 = performance.now();
const loaded = loadPlaceData();
const loadMs = performance.now() - t0;
const after = heapMb();
console.log(`place data: ${loaded.communes} commune records, ${loaded.countries} country rows`);
console.log(`place data load: ${loadMs.toFixed(0)} ms`);
console.log(`place data heap held: ${(after - before).toFixed(1)} MB${gc ? '' : ' (without gc, approximate)'}`);

// 2. parseNir throughput
const places = ['75056', '13055', '69123', '2A004', '20004', '97411', '98511', '99134', '99352', '92044', '75044', '59350', '12345'];
const nirs: string[] = [];
for (let i = 0; i < 5000; i++) {
  const sex = String(1 + (i % 2));
  const year = String((i * 7) % 100).padStart(2, '0');
  const month = String(1 + (i % 12)).padStart(2, '0');
  const place = places[i % places.length] as string;
  const order = String(1 + (i % 999)).padStart(3, '0');
  const body = sex + year + month + place + order;
  nirs.push(
    i % 3 === 0 ? `${body.slice(0, 1)} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5)}${nirKey(body)}` : body + nirKey(body),
  );
}
function throughput(fn: (nir: string, i: number) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(nirs[i % nirs.length] as string, i);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (let i = 0; i < 1000; i++, n++) fn(nirs[n % nirs.length] as string, n);
  }
  return n / ((performance.now() - start) / 1000);
}
let okCount = 0;
const plain = throughput((nir) => {
  if (parseNir(nir).ok) okCount++;
});
console.log(`parseNir: ${Math.round(plain)} checks/s (${okCount > 0 ? 'ok' : 'none valid!'})`);
const withCivil = throughput((nir, i) => parseNir(nir, { sex: i % 2 === 0 ? 'M' : 'F', birthPlace: { kind: 'commune', code: '75056' } }));
console.log(`parseNir with civil status: ${Math.round(withCivil)} checks/s`);

// 3. Searches
function bench(name: string, queries: string[], fn: (q: string) => unknown, rounds = 30): void {
  for (const q of queries) fn(q);
  const times: number[] = [];
  let slowest = { q: '', ms: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const s = performance.now();
      fn(q);
      const ms = performance.now() - s;
      times.push(ms);
      if (ms > slowest.ms) slowest = { q, ms };
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name}: ${times.length} queries, p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${(times[times.length - 1] ?? NaN).toFixed(3)} ms (slowest: ${JSON.stringify(slowest.q)})`,
  );
}
const communeQueries = [
  'paris',
  'marseille',
  'lyon',
  'toulouse',
  'nice',
  'nantes',
  'strasbourg',
  'bordeaux',
  'lille',
  'rennes',
  'st etienne',
  'saint-denis',
  'sainte marie',
  'st',
  'saint',
  'levallois',
  'ajaccio',
  'bastia',
  'mamoudzou',
  'bourg',
  'sur mer',
  'la roche',
  'le',
  'ville',
  'mont',
  'a',
  'be',
  'neuilly sur seine',
  'boulogne',
  'aix',
  'villeneuve',
  'évry',
  "l'isle",
  'château',
  'chateau thierry',
  'pontault',
  'z',
  'xyz',
  'marne',
  'les',
  'fort de france',
  'pointe-à-pitre',
  'cayenne',
  'noumea',
  'papeete',
  'argenteuil',
  'montreuil',
  'vitry',
  'e',
  'ou',
];
bench('searchCommunes', communeQueries, (q) => searchCommunes(q));
bench('searchCommunes atDate', communeQueries, (q) => searchCommunes(q, { atDate: '1960-06-01' }));
const countryQueries = [
  'espagne',
  'allemagne',
  'maroc',
  'algérie',
  'tunisie',
  'urss',
  'royaume',
  'etats unis',
  'congo',
  'guinee',
  'a',
  'ou',
  'tchec',
  'viet',
  'turquie',
  'portugal',
  'italie',
  'chine',
  'senegal',
  'mali',
  'st',
  'z',
];
bench('searchCountries', countryQueries, (q) => searchCountries(q));
