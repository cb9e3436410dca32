/**
 * INSEE places: communes (current and historical, 1943 → today) and countries (99xxx), found by
 * code and searched by name. The sources are read by `place-sources.ts` and indexed by
 * `place-index.ts`; the shapes are in `place-types.ts`.
 */
import { getIndex } from './place-index';
import type { CommuneRecord } from './place-sources';
import type { CommunePlace, CountryPlace, Departement, SearchOptions } from './place-types';
import { fail, ok, type Result } from './result';
import { queryVariants } from './text';

export type { CommunePlace, CountryPlace, Departement, SearchOptions } from './place-types';
export { departementCodeOf, parseCsv } from './place-sources';
export { loadPlaceData } from './place-index';

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
