import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A query every request runs (the session, its account): built and compiled to SQL once per
 * database handle, then only run with each call's values — building the query tree and compiling
 * it cost more than SQLite takes to answer. `build` gets placeholders for the call's values and
 * writes the query with them as it would with real values; constants it writes stay constants.
 */
export function hotQuery<A extends unknown[], R>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Kysely<Database>, CompiledQuery<R>>();
  return async (db, ...args) => {
    let q = compiled.get(db);
    if (!q) {
      q = build(db, ...(PLACEHOLDERS.slice(0, args.length) as A)).compile();
      compiled.set(db, q);
    }
    const parameters = q.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p));
    return (await db.executeQuery<R>({ ...q, parameters })).rows;
  };
}

class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * Whether compiled parameters still hold the placeholders of a hot query being compiled (a plugin
 * that records compiled statements sees them once; the values are only known when it runs).
 */
export function hasPlaceholders(parameters: readonly unknown[]): boolean {
  return parameters.some((p) => p instanceof Placeholder);
}

const PLACEHOLDERS = Array.from({ length: 16 }, (_, i) => new Placeholder(i));
