/**
 * The « répertoire »: the national identity registry (RNIPP / SNGI) that says whether a NIR exists
 * and to whom it belongs. The agency would query it through a national service; here it is a port
 * with a local adapter over demo people (src/demo/people.ts), so that a real one can be plugged in.
 */
export interface RepertoirePerson {
  /** 15 characters */
  nir: string;
  sex: 'M' | 'F';
  birthName: string;
  givenNames: string;
  /** YYYY-MM-DD; `00` for an unknown month or day (« date de naissance présumée ») */
  birthDate: string;
}

export interface Repertoire {
  findByNir(nir: string): Promise<RepertoirePerson | undefined>;
}

export class LocalRepertoire implements Repertoire {
  private readonly byNir: Map<string, RepertoirePerson>;
  constructor(people: readonly RepertoirePerson[]) {
    this.byNir = new Map(people.map((p) => [p.nir, p]));
  }
  async findByNir(nir: string): Promise<RepertoirePerson | undefined> {
    return this.byNir.get(nir);
  }
}

/** Upper case, no accents, separators as single spaces: « Lefèvre-Durand » → « LEFEVRE DURAND ». */
export function foldForComparison(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/**
 * Whether the civil status typed by the person matches the répertoire's: sex, birth name, first
 * given name and birth date (an unknown month or day in the répertoire matches any).
 */
export function matchesRepertoire(
  p: RepertoirePerson,
  c: { sex: 'M' | 'F'; birthName: string; givenNames: string; birthDate: string },
): boolean {
  if (p.sex !== c.sex) return false;
  if (foldForComparison(p.birthName) !== foldForComparison(c.birthName)) return false;
  const first = (s: string) => foldForComparison(s).split(' ')[0] ?? '';
  // « Marie-Ange » is one given name: compare the first given name as written before any space.
  const firstGiven = (s: string) => foldForComparison(s.trim().split(/\s+/)[0] ?? '');
  if (firstGiven(p.givenNames) !== firstGiven(c.givenNames) && first(p.givenNames) !== first(c.givenNames)) return false;
  const [py, pm, pd] = p.birthDate.split('-');
  const [cy, cm, cd] = c.birthDate.split('-');
  if (py !== cy) return false;
  if (pm !== '00' && pm !== cm) return false;
  if (pd !== '00' && pd !== cd) return false;
  return true;
}
