/**
 * INSEE places: communes (current and historical, 1943 → today) and countries (99xxx).
 *
 * Sources, loaded once (lazily, on first use) into compact in-memory indexes:
 * - `@etalab/decoupage-administratif` 6.0.0: current communes, arrondissements municipaux,
 *   communes déléguées/associées, `anciensCodes` (codes merged into a current commune);
 * - `@etalab/decoupage-administratif` 0.8.0, installed under the alias
 *   `decoupage-administratif-historique`: the last version shipping `historique-communes.json`
 *   (INSEE COG history 1943-01-01 → 2019-01-01);
 * - `data/communes-supplement.json`: codes missing from both (Mayotte 985xx, Saint-Barthélemy
 *   97123, Saint-Martin 97127) and historical département names (Seine, Seine-et-Oise, Corse);
 * - `data/insee-pays.csv`: INSEE countries and territories, including those that no longer exist.
 *
 * The JSON files are read with `readFileSync` + `JSON.parse` (not `require`) so that the large
 * parsed arrays can be garbage-collected once the indexes are built.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fail, ok, type Result } from './result';
import { foldBasic, foldName, queryVariants } from './text';

export interface Departement {
  code: string;
  name: string;
}

export interface CommunePlace {
  /** INSEE code, 5 characters (e.g. '2A004', '75044', '98511'). */
  code: string;
  name: string;
  departement: Departement;
  /** True when this code+name is a commune (or arrondissement municipal) today. */
  current: boolean;
  /** First day this code+name was in force (absent: in force since 1943 at least). */
  validFrom?: string;
  /** First day it was no longer in force (absent: still in force, or ended after 2019 on a date the data lacks). */
  validTo?: string;
  /** Code of the commune that took it over (change of département, merger…), when different. */
  successorCode?: string;
}

export interface CountryPlace {
  /** INSEE code 99xxx. */
  code: string;
  /** INSEE name, as published (upper case). */
  name: string;
  /** Other territories sharing the same code. */
  otherNames: string[];
  /** Former names (e.g. 'U.R.S.S.' for 99123). */
  formerNames: string[];
  /** Code of the country it is now attached to, when it is no longer a country of its own. */
  attachedToCode?: string;
  /** Code of the country it was part of before (e.g. 99123 for Estonia). */
  previousCode?: string;
  /** True for territories that were French before independence (INSEE marks them 'XXXXX'). */
  formerlyFrench: boolean;
}

export interface SearchOptions {
  /** Maximum number of results (default 10). */
  limit?: number;
  /** Only places in force on that day (YYYY-MM-DD). */
  atDate?: string;
}

// ---------------------------------------------------------------------------------------------
// Raw source shapes (only the fields we read)

interface CurrentCommuneJson {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement: string;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
  population?: number;
}

interface HistoricCommuneJson {
  id: string;
  code: string;
  nom: string;
  type: 'COM' | 'COMA' | 'COMD' | 'COMP';
  dateDebut?: string;
  dateFin?: string;
  successeur?: string;
  pole?: string;
}

interface SupplementJson {
  departements: { code: string; name: string; validTo?: string }[];
  communes: { code: string; name: string; departement: string; validFrom?: string; validTo?: string; successorCode?: string }[];
}

interface CommuneRecord {
  code: string;
  name: string;
  depCode: string;
  current: boolean;
  validFrom: string | undefined;
  validTo: string | undefined;
  successorCode: string | undefined;
  population: number;
}

interface PlaceIndex {
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
  historicDepartements: { code: string; name: string; validTo: string | undefined }[];
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

const FRANCE: CountryPlace = {
  code: '99100',
  name: 'FRANCE',
  otherNames: [],
  formerNames: [],
  formerlyFrench: false,
};

// ---------------------------------------------------------------------------------------------
// Loading

function readJson<T>(path: string | URL): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function codeFromId(id: string): string {
  // ids look like 'COM-2A004@1976-01-01'
  const dash = id.indexOf('-');
  const at = id.indexOf('@');
  return id.slice(dash + 1, at < 0 ? undefined : at);
}

export function departementCodeOf(communeCode: string): string {
  return communeCode.startsWith('97') || communeCode.startsWith('98') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

function buildCommunes(): {
  records: CommuneRecord[];
  departements: Map<string, string>;
  historicDepartements: PlaceIndex['historicDepartements'];
  formerToCurrent: Map<string, string>;
  arrondissementParent: Map<string, string>;
} {
  const require = createRequire(import.meta.url);
  const current = readJson<CurrentCommuneJson[]>(require.resolve('@etalab/decoupage-administratif/data/communes.json'));
  const deps = readJson<{ code: string; nom: string }[]>(require.resolve('@etalab/decoupage-administratif/data/departements.json'));
  const historic = readJson<HistoricCommuneJson[]>(require.resolve('decoupage-administratif-historique/data/historique-communes.json'));
  const supplement = readJson<SupplementJson>(new URL('./data/communes-supplement.json', import.meta.url));

  const departements = new Map(deps.map((d) => [d.code, d.nom] as const));
  const historicDepartements = supplement.departements.map((d) => ({ code: d.code, name: d.name, validTo: d.validTo }));

  const currentByCode = new Map<string, CurrentCommuneJson>();
  const formerToCurrent = new Map<string, string>();
  const delegated = new Map<string, CurrentCommuneJson>();
  const arrondissementParent = new Map<string, string>();
  for (const c of current) {
    if (c.type === 'arrondissement-municipal' && c.commune) arrondissementParent.set(c.code, c.commune);
    if (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') {
      currentByCode.set(c.code, c);
      for (const old of c.anciensCodes ?? []) if (old !== c.code) formerToCurrent.set(old, c.code);
    } else if (!delegated.has(c.code)) {
      delegated.set(c.code, c);
    }
  }

  // 1. Historical COM records, with their successor resolved to a commune code.
  const byId = new Map<string, HistoricCommuneJson>();
  for (const h of historic) byId.set(h.id, h);
  const raw: CommuneRecord[] = [];
  for (const h of historic) {
    if (h.type !== 'COM') continue;
    let successorCode: string | undefined;
    if (h.successeur) {
      const next = byId.get(h.successeur);
      successorCode =
        next === undefined ? codeFromId(h.successeur) : next.type === 'COM' ? next.code : next.pole ? codeFromId(next.pole) : next.code;
    }
    raw.push({
      code: h.code,
      name: h.nom,
      depCode: departementCodeOf(h.code),
      current: false,
      validFrom: h.dateDebut,
      validTo: h.dateFin,
      successorCode: successorCode === h.code ? undefined : successorCode,
      population: 0,
    });
  }

  // 2. Merge consecutive records of the same code and name (e.g. a commune absorbing another keeps its
  //    code and name but gets a new record in the INSEE history).
  const grouped = new Map<string, CommuneRecord[]>();
  for (const r of raw) {
    const list = grouped.get(r.code);
    if (list) list.push(r);
    else grouped.set(r.code, [r]);
  }
  const records: CommuneRecord[] = [];
  for (const list of grouped.values()) {
    list.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    let prev: CommuneRecord | undefined;
    for (const r of list) {
      if (prev && prev.name === r.name && prev.validTo !== undefined && prev.validTo === r.validFrom) {
        prev.validTo = r.validTo;
        prev.successorCode = r.successorCode;
        continue;
      }
      records.push(r);
      prev = r;
    }
  }

  // 3. Reconcile the records still open in 2019 with today's list.
  const matchedCurrent = new Set<string>();
  for (const r of records) {
    if (r.validTo !== undefined) continue;
    const now = currentByCode.get(r.code);
    if (now && foldBasic(now.nom) === foldBasic(r.name)) {
      r.current = true;
      r.name = now.nom;
      r.population = now.population ?? 0;
      matchedCurrent.add(r.code);
    } else if (!now) {
      // Ended after 2019 (merged into a commune nouvelle): successor from anciensCodes.
      r.successorCode = formerToCurrent.get(r.code) ?? delegated.get(r.code)?.chefLieu ?? delegated.get(r.code)?.commune;
    }
    // else: same code, another name today (renamed, or commune nouvelle keeping the code): the
    // current record is added below and shares the code.
  }
  for (const c of currentByCode.values()) {
    if (matchedCurrent.has(c.code)) continue;
    records.push({
      code: c.code,
      name: c.nom,
      depCode: c.departement,
      current: true,
      validFrom: undefined,
      validTo: undefined,
      successorCode: undefined,
      population: c.population ?? 0,
    });
  }

  // 4. Supplement, then délégués/associées unknown to the history (rare).
  const known = new Set(records.map((r) => r.code));
  for (const s of supplement.communes) {
    records.push({
      code: s.code,
      name: s.name,
      depCode: s.departement,
      current: false,
      validFrom: s.validFrom,
      validTo: s.validTo,
      successorCode: s.successorCode,
      population: 0,
    });
    known.add(s.code);
  }
  for (const d of delegated.values()) {
    if (known.has(d.code)) continue;
    records.push({
      code: d.code,
      name: d.nom,
      depCode: d.departement,
      current: false,
      validFrom: undefined,
      validTo: undefined,
      successorCode: d.chefLieu ?? d.commune,
      population: 0,
    });
  }
  return { records, departements, historicDepartements, formerToCurrent, arrondissementParent };
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, commas inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function buildCountries(): CountryPlace[] {
  const rows = parseCsv(readFileSync(new URL('./data/insee-pays.csv', import.meta.url), 'utf8'));
  const header = rows.shift() ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`insee-pays.csv: missing column ${name}`);
    return i;
  };
  const [iCog, iOld, iGeo, iName, iOldName] = [col('cog'), col('oldGeographicCode'), col('geographicCode'), col('name'), col('oldName')];
  const list: CountryPlace[] = [];
  for (const r of rows) {
    const code = (r[iCog] ?? '').trim();
    if (!/^99\d{3}$/.test(code)) continue;
    const old = (r[iOld] ?? '').trim();
    const geo = (r[iGeo] ?? '').trim();
    const oldName = (r[iOldName] ?? '').trim();
    const place: CountryPlace = {
      code,
      name: (r[iName] ?? '').trim(),
      otherNames: [],
      formerNames:
        oldName === ''
          ? []
          : oldName
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
      formerlyFrench: old === 'XXXXX',
    };
    if (/^99\d{3}$/.test(geo)) place.attachedToCode = geo;
    if (/^99\d{3}$/.test(old)) place.previousCode = old;
    list.push(place);
  }
  for (const p of list) p.otherNames = list.filter((o) => o.code === p.code && o !== p).map((o) => o.name);
  return [FRANCE, ...list];
}

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

function getIndex(): PlaceIndex {
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

// ---------------------------------------------------------------------------------------------
// Communes

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

function departementOf(r: CommuneRecord): Departement {
  const idx = getIndex();
  const historic = idx.historicDepartements.find(
    (d) =>
      d.code === r.depCode &&
      (d.validTo === undefined || (r.validTo !== undefined && r.validTo <= d.validTo) || !idx.departements.has(d.code)),
  );
  return { code: r.depCode, name: historic?.name ?? idx.departements.get(r.depCode) ?? r.depCode };
}

function toPlace(r: CommuneRecord): CommunePlace {
  const place: CommunePlace = { code: r.code, name: r.name, departement: departementOf(r), current: r.current };
  if (r.validFrom !== undefined) place.validFrom = r.validFrom;
  if (r.validTo !== undefined) place.validTo = r.validTo;
  if (r.successorCode !== undefined) place.successorCode = r.successorCode;
  return place;
}

function inForce(r: CommuneRecord, from: string, to: string = from): boolean {
  // Half-open interval [validFrom, validTo) overlaps the closed interval [from, to].
  return (r.validFrom === undefined || r.validFrom <= to) && (r.validTo === undefined || r.validTo > from);
}

function normaliseCommuneCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * The commune with that INSEE code. Without `atDate`: the current one if the code is in force,
 * else its most recent record. With `atDate` (YYYY-MM-DD): the record in force that day.
 */
export function findCommune(code: string, atDate?: string): Result<CommunePlace> {
  const c = normaliseCommuneCode(code);
  if (!COMMUNE_CODE.test(c)) {
    return fail('COMMUNE_CODE_INVALID', 'Le code commune doit comporter 5 caractères (par exemple 75056 ou 2A004).', 'code');
  }
  if (atDate !== undefined && !DATE.test(atDate)) {
    return fail('DATE_INVALID', 'La date doit être au format AAAA-MM-JJ.', 'atDate');
  }
  const list = getIndex().byCode.get(c);
  if (!list || list.length === 0) {
    return fail('COMMUNE_NOT_FOUND', 'Aucune commune ne correspond à ce code.', 'code');
  }
  if (atDate !== undefined) {
    const found = list.find((r) => inForce(r, atDate));
    if (!found) {
      return fail('COMMUNE_NOT_IN_FORCE', "Ce code commune n'était pas en vigueur à cette date.", 'code');
    }
    return ok(toPlace(found));
  }
  const best = list.find((r) => r.current) ?? [...list].sort((a, b) => (b.validTo ?? '9999').localeCompare(a.validTo ?? '9999'))[0];
  return best ? ok(toPlace(best)) : fail('COMMUNE_NOT_FOUND', 'Aucune commune ne correspond à ce code.', 'code');
}

/** All records known for a code (internal use by the NIR rules). */
export function communeRecordsExist(code: string): boolean {
  return (getIndex().byCode.get(code)?.length ?? 0) > 0;
}

/** The commune in force at some point of [from, to] under that code, if any. */
export function communeInForceBetween(code: string, from: string, to: string): CommunePlace | undefined {
  const r = getIndex()
    .byCode.get(code)
    ?.find((rec) => inForce(rec, from, to));
  return r ? toPlace(r) : undefined;
}

/** Codes of the current communes a code leads to (itself if current, successors otherwise). */
export function currentCodesOf(code: string): Set<string> {
  const idx = getIndex();
  const out = new Set<string>();
  const seen = new Set<string>();
  const queue = [normaliseCommuneCode(code)];
  while (queue.length > 0) {
    const c = queue.pop() as string;
    if (seen.has(c)) continue;
    seen.add(c);
    for (const r of idx.byCode.get(c) ?? []) {
      if (r.current) out.add(c);
      if (r.successorCode) queue.push(r.successorCode);
    }
    const next = idx.formerToCurrent.get(c);
    if (next) queue.push(next);
    // A birth in a Paris, Lyon or Marseille arrondissement is a birth in that city.
    const parent = idx.arrondissementParent.get(c);
    if (parent) queue.push(parent);
  }
  return out;
}

/** True when two commune codes designate the same place at different times (or the same code). */
export function sameCommuneLineage(a: string, b: string): boolean {
  const ca = normaliseCommuneCode(a);
  const cb = normaliseCommuneCode(b);
  if (ca === cb) return true;
  const sa = currentCodesOf(ca);
  for (const c of currentCodesOf(cb)) if (sa.has(c)) return true;
  return false;
}

function lowerBound(arr: string[], q: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as string) < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const TIER_EXACT = 0;
const TIER_PREFIX = 1;
const TIER_WORD = 2;
const TIER_SUBSTRING = 3;
const NO_TIER = 127;
/** Above this many word-start matches, a priority-order scan is cheaper than ranking them all. */
const LARGE_RANGE = 1500;

function upperBoundOfPrefix(arr: string[], q: string, from: number): number {
  // First index after `from` whose entry does not start with q (entries starting with q are contiguous).
  let lo = from;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as string).startsWith(q) || (arr[mid] as string) < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Communes by name. Ranking: exact name, then name prefix, then prefix of a word of the name,
 * then any substring; within a rank, current communes first, then by population.
 */
export function searchCommunes(text: string, opts: SearchOptions = {}): CommunePlace[] {
  const limit = Math.max(0, Math.floor(opts.limit ?? 10));
  const atDate = opts.atDate !== undefined && DATE.test(opts.atDate) ? opts.atDate : undefined;
  // No place name is that long: a longer query finds nothing, and costs nothing (no folding, no scan).
  if (limit === 0 || text.length > MAX_PLACE_QUERY) return [];
  const idx = getIndex();
  // Best tier per record, in a reusable typed array (reset after use): no per-query Map, less GC.
  const tierOf = idx.tierScratch;
  const touched: number[] = [];
  const note = (owner: number, tier: number): void => {
    const prev = tierOf[owner] as number;
    if (prev === NO_TIER) touched.push(owner);
    if (tier < prev) tierOf[owner] = tier;
  };
  const keep = (owner: number): boolean => atDate === undefined || inForce(idx.communes[owner] as CommuneRecord, atDate);
  const variants = queryVariants(text).filter((q) => q !== '');
  for (const q of variants) {
    const from = lowerBound(idx.suffixes, q);
    const to = upperBoundOfPrefix(idx.suffixes, q, from);
    if (to - from > LARGE_RANGE) {
      // Short, common query ('a', 'le', 'saint'): the records are stored in priority order, so a scan
      // in that order can stop as soon as enough name-prefix matches are found.
      let prefixMatches = 0;
      const wordQ = ' ' + q;
      for (let owner = 0; owner < idx.folded.length && prefixMatches < limit * 4; owner++) {
        const f = idx.folded[owner] as string;
        if (f.startsWith(q)) {
          if (!keep(owner)) continue;
          note(owner, f.length === q.length ? TIER_EXACT : TIER_PREFIX);
          prefixMatches++;
        } else if (f.includes(wordQ) && keep(owner)) note(owner, TIER_WORD);
      }
      // Exact matches may sit anywhere in the priority order: take them from the index.
      for (let i = from; i < to && (idx.suffixes[i] as string).length === q.length; i++) {
        if (idx.suffixStart[i] === 0 && keep(idx.suffixOwner[i] as number)) note(idx.suffixOwner[i] as number, TIER_EXACT);
      }
      continue;
    }
    for (let i = from; i < to; i++) {
      const s = idx.suffixes[i] as string;
      const owner = idx.suffixOwner[i] as number;
      if (idx.suffixStart[i] === 0) note(owner, s.length === q.length ? TIER_EXACT : TIER_PREFIX);
      else note(owner, TIER_WORD);
    }
  }
  const buckets: number[][] = [[], [], [], []];
  for (const owner of touched) {
    (buckets[tierOf[owner] as number] as number[]).push(owner);
    tierOf[owner] = NO_TIER;
  }
  const ranked: number[] = [];
  for (const bucket of buckets) {
    if (ranked.length >= limit) break;
    // Records are stored in priority order: sorting indexes sorts by priority.
    const sorted = Int32Array.from(bucket).sort();
    for (const owner of sorted) {
      if (ranked.length >= limit * 4) break; // room for the duplicates skipped below
      if (keep(owner)) ranked.push(owner);
    }
  }
  if (ranked.length < limit) {
    const seen = new Set(touched);
    for (const q of variants) {
      if (q.length < 2) continue;
      // Native indexOf over all names joined by newlines, then the owner of each hit by binary search.
      let pos = idx.haystack.indexOf(q);
      while (pos >= 0 && ranked.length < limit * 4) {
        let lo = 0;
        let hi = idx.lineStarts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if ((idx.lineStarts[mid] as number) <= pos) lo = mid;
          else hi = mid - 1;
        }
        const owner = lo;
        if (!seen.has(owner) && keep(owner)) {
          seen.add(owner);
          ranked.push(owner);
        }
        const nextLine = owner + 1 < idx.lineStarts.length ? (idx.lineStarts[owner + 1] as number) : idx.haystack.length;
        pos = idx.haystack.indexOf(q, nextLine);
      }
    }
  }
  // The INSEE history may hold several periods of one commune under the same code and name
  // (e.g. before and after absorbing another): show it once, the most relevant period first.
  const out: CommunePlace[] = [];
  const shown = new Set<string>();
  for (const owner of ranked) {
    if (out.length >= limit) break;
    const key = `${(idx.communes[owner] as CommuneRecord).code}|${idx.folded[owner] as string}`;
    if (shown.has(key)) continue;
    shown.add(key);
    out.push(toPlace(idx.communes[owner] as CommuneRecord));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Countries

/** The country (or territory) with that INSEE code; France is 99100. */
export function findCountry(code: string): Result<CountryPlace> {
  const c = code.trim();
  if (!/^99\d{3}$/.test(c)) {
    return fail('COUNTRY_CODE_INVALID', 'Le code pays doit comporter 5 chiffres et commencer par 99 (par exemple 99134).', 'code');
  }
  const found = getIndex().countriesByCode.get(c);
  return found ? ok(found) : fail('COUNTRY_NOT_FOUND', 'Aucun pays ne correspond à ce code.', 'code');
}

/** Countries and territories by name (current and former names), same ranking as the communes. */
/** The longest query a place search looks at (the longest commune name has 45 characters). */
export const MAX_PLACE_QUERY = 100;

export function searchCountries(text: string, opts: { limit?: number } = {}): CountryPlace[] {
  const limit = Math.max(0, Math.floor(opts.limit ?? 10));
  if (text.length > MAX_PLACE_QUERY) return [];
  const idx = getIndex();
  const variants = queryVariants(text).filter((q) => q !== '');
  if (variants.length === 0 || limit === 0) return [];
  const scored: { i: number; tier: number }[] = [];
  idx.countryFolded.forEach((names, i) => {
    let tier = Infinity;
    for (const q of variants) {
      for (const n of names) {
        if (n === q) tier = Math.min(tier, TIER_EXACT);
        else if (n.startsWith(q)) tier = Math.min(tier, TIER_PREFIX);
        else if (n.includes(' ' + q)) tier = Math.min(tier, TIER_WORD);
        else if (q.length >= 2 && n.includes(q)) tier = Math.min(tier, TIER_SUBSTRING);
      }
    }
    if (tier !== Infinity) scored.push({ i, tier });
  });
  scored.sort(
    (a, b) => a.tier - b.tier || (idx.countries[a.i] as CountryPlace).name.localeCompare((idx.countries[b.i] as CountryPlace).name, 'fr'),
  );
  return scored.slice(0, limit).map((s) => idx.countries[s.i] as CountryPlace);
}

/** Name of a département code as of today (or its historical name). */
export function departementName(code: string): string | undefined {
  const idx = getIndex();
  return idx.departements.get(code) ?? idx.historicDepartements.find((d) => d.code === code)?.name;
}
