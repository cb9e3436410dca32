/**
 * The in-memory indexes of the INSEE places, built once (lazily, on first use) from the sources
 * read by `place-sources.ts`: records sorted by search priority, codes, word-start suffixes.
 */
import type { CountryPlace } from './place-types';
import { buildCommunes, buildCountries, type CommuneLoad, type CommuneRecord } from './place-sources';
import { foldName } from './text';

export interface PlaceIndex {
  /** Records sorted by static search priority (current first, then population, then name). */
  communes: CommuneRecord[];
  folded: string[];
  byCode: Map<string, CommuneRecord[]>;
  /** Word-start suffixes of folded names, sorted, with the record index of each. */
  suffixes: string[];
  suffixOwner: Int32Array;
  suffixStart: Uint8Array;
  /** All folded names joined by '\n' (in record order) and where each starts: substring search. */
  haystack: string;
  lineStarts: Int32Array;
  /** Scratch space for searches (one slot per record, NO_TIER when unused). */
  tierScratch: Int8Array;
  departements: Map<string, string>;
  historicDepartements: CommuneLoad['historicDepartements'];
  /** Old code → current code, from `anciensCodes`. */
  formerToCurrent: Map<string, string>;
  /** Arrondissement municipal (Paris, Lyon, Marseille) → its commune. */
  arrondissementParent: Map<string, string>;
  countries: CountryPlace[];
  countriesByCode: Map<string, CountryPlace>;
  countryFolded: string[][];
  loadMs: number;
}

let index: PlaceIndex | undefined;

/** Load the place data now (otherwise done on first use). Returns the time it took. */
export function loadPlaceData(): { communes: number; countries: number; loadMs: number } {
  const idx = getIndex();
  return { communes: idx.communes.length, countries: idx.countries.length, loadMs: idx.loadMs };
}

function lineStartsOf(lines: string[]): Int32Array {
  const starts = new Int32Array(lines.length);
  let at = 0;
  lines.forEach((line, i) => {
    starts[i] = at;
    at += line.length + 1;
  });
  return starts;
}

export function getIndex(): PlaceIndex {
  if (index) return index;
  const t0 = performance.now();
  const { records, departements, historicDepartements, formerToCurrent, arrondissementParent } = buildCommunes();
  records.sort(
    (a, b) =>
      Number(b.current) - Number(a.current) ||
      b.population - a.population ||
      a.name.localeCompare(b.name, 'fr') ||
      a.code.localeCompare(b.code),
  );
  const folded = records.map((r) => foldName(r.name));
  const byCode = new Map<string, CommuneRecord[]>();
  for (const r of records) {
    const list = byCode.get(r.code);
    if (list) list.push(r);
    else byCode.set(r.code, [r]);
  }
  // Word-start suffixes: "saint denis" → "saint denis", "denis".
  const pairs: { s: string; owner: number; start: number }[] = [];
  folded.forEach((f, owner) => {
    for (let start = 0; start < f.length; start++) {
      if (start === 0 || f.charCodeAt(start - 1) === 32) pairs.push({ s: f.slice(start), owner, start: Math.min(start, 255) });
    }
  });
  pairs.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.owner - b.owner));
  const countries = buildCountries();
  const countriesByCode = new Map<string, CountryPlace>();
  for (const c of countries) if (!countriesByCode.has(c.code)) countriesByCode.set(c.code, c);
  index = {
    communes: records,
    folded,
    byCode,
    suffixes: pairs.map((p) => p.s),
    suffixOwner: Int32Array.from(pairs, (p) => p.owner),
    suffixStart: Uint8Array.from(pairs, (p) => p.start),
    tierScratch: new Int8Array(records.length).fill(127),
    haystack: folded.join('\n'),
    lineStarts: lineStartsOf(folded),
    departements,
    historicDepartements,
    formerToCurrent,
    arrondissementParent,
    countries,
    countriesByCode,
    // Each name also in a compact form, so that 'URSS' finds 'U.R.S.S.'.
    countryFolded: countries.map((c) =>
      [c.name, ...c.formerNames].map(foldName).flatMap((n) => (n.includes(' ') ? [n, n.replace(/ /g, '')] : [n])),
    ),
    loadMs: 0,
  };
  index.loadMs = performance.now() - t0;
  return index;
}
