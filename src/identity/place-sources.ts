/**
 * The sources of the INSEE places: communes (current and historical, 1943 → today) and countries (99xxx).
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
import type { CountryPlace } from './place-types';
import { foldBasic } from './text';

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

export interface CommuneRecord {
  code: string;
  name: string;
  depCode: string;
  current: boolean;
  validFrom: string | undefined;
  validTo: string | undefined;
  successorCode: string | undefined;
  population: number;
}

export interface CommuneLoad {
  records: CommuneRecord[];
  departements: Map<string, string>;
  historicDepartements: { code: string; name: string; validTo: string | undefined }[];
  formerToCurrent: Map<string, string>;
  arrondissementParent: Map<string, string>;
}

const FRANCE: CountryPlace = {
  code: '99100',
  name: 'FRANCE',
  label: 'France',
  otherNames: [],
  formerNames: [],
  formerlyFrench: false,
};

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

export function buildCommunes(): CommuneLoad {
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
    records.push(undatedRecord(c, { current: true, successorCode: undefined, population: c.population ?? 0 }));
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
    records.push(undatedRecord(d, { current: false, successorCode: d.chefLieu ?? d.commune, population: 0 }));
  }
  return { records, departements, historicDepartements, formerToCurrent, arrondissementParent };
}

/** The record of a commune of today's list (a current one, or a déléguée/associée), which carries no dates. */
function undatedRecord(c: CurrentCommuneJson, o: Pick<CommuneRecord, 'current' | 'successorCode' | 'population'>): CommuneRecord {
  return {
    code: c.code,
    name: c.nom,
    depCode: c.departement,
    current: o.current,
    validFrom: undefined,
    validTo: undefined,
    successorCode: o.successorCode,
    population: o.population,
  };
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

export function buildCountries(): CountryPlace[] {
  const rows = parseCsv(readFileSync(new URL('./data/insee-pays.csv', import.meta.url), 'utf8'));
  const header = rows.shift() ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`insee-pays.csv: missing column ${name}`);
    return i;
  };
  const [iCog, iOld, iGeo, iName, iOldName, iLabel] = [
    col('cog'),
    col('oldGeographicCode'),
    col('geographicCode'),
    col('name'),
    col('oldName'),
    col('label'),
  ];
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
      label: (r[iLabel] ?? '').trim() || (r[iName] ?? '').trim(),
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
