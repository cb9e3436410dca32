import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A query every request runs (the session, its account): built and compiled to SQL once per
 * database handle, then only run with each call's values — building the query tree and compiling
 * it cost more than SQLite takes to answer. `build` gets placeholders for the call's values and
 * writes the query with them as it would with real values; constants it writes stay constants.
 *
 * So `build` must not look at its values: what it decides from a placeholder would hold for every
 * later call. When the query is compiled (HotQueryError otherwise):
 * - a placeholder refuses to be turned into a string or a number (`${id}`, `n > 0`, `n + 1`);
 * - every value must reach the query as a parameter (a value only branched on never does).
 * A value both branched on (`id === 'x' ? … : …`) and passed on cannot be seen here:
 * test/db/hot-query.test.ts builds every hot query of src/ again with real values and compares
 * (`assertSameWithValues`).
 */
export function hotQuery<A extends unknown[], R>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  builders.push(build as HotQueryBuilder);
  const compiled = new WeakMap<Kysely<Database>, CompiledQuery<R>>();
  return async (db, ...args) => {
    let q = compiled.get(db);
    if (!q) {
      q = compileWithPlaceholders(db, build, args.length);
      compiled.set(db, q);
    }
    const parameters = q.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p));
    return (await db.executeQuery<R>({ ...q, parameters })).rows;
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a builder of any values
export type HotQueryBuilder = (db: Kysely<Database>, ...args: any[]) => Compilable<unknown>;

const builders: HotQueryBuilder[] = [];

/** The builder of every hot query declared so far (modules declare theirs when loaded). */
export function hotQueryBuilders(): readonly HotQueryBuilder[] {
  return builders;
}

/** A hot query's builder looked at its values (see hotQuery). */
export class HotQueryError extends Error {
  constructor(message: string) {
    super(`hotQuery: ${message}; the builder must pass each value to the query as it is, never look at it`);
    this.name = 'HotQueryError';
  }
}

class Placeholder {
  constructor(readonly index: number) {}
  [Symbol.toPrimitive](): never {
    throw new HotQueryError(`value ${this.index + 1} was read while the query was built (turned into a string or a number)`);
  }
}

function compileWithPlaceholders<A extends unknown[], R>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
  count: number,
): CompiledQuery<R> {
  if (count > PLACEHOLDERS.length) throw new HotQueryError(`at most ${PLACEHOLDERS.length} values`);
  const q = build(db, ...(PLACEHOLDERS.slice(0, count) as A)).compile();
  const used = new Set(q.parameters.flatMap((p) => (p instanceof Placeholder ? [p.index] : [])));
  for (let i = 0; i < count; i++) if (!used.has(i)) throw new HotQueryError(`value ${i + 1} is not a parameter of the query`);
  return q;
}

/**
 * Throws HotQueryError unless `build`, given `values`, writes the query it writes with
 * placeholders: the same SQL, each value where its placeholder was, the same constants.
 */
export function assertSameWithValues(db: Kysely<Database>, build: HotQueryBuilder, values: readonly unknown[]): void {
  const q = compileWithPlaceholders(db, build, values.length);
  const withValues = build(db, ...values).compile();
  const same =
    withValues.sql === q.sql &&
    withValues.parameters.length === q.parameters.length &&
    q.parameters.every((p, i) => {
      const actual = withValues.parameters[i];
      if (p instanceof Placeholder) return Object.is(actual, values[p.index]);
      // A constant of the builder: a string or a number is the same in both builds; an object may be a new one.
      return typeof p === 'object' && p !== null ? typeof actual === 'object' : Object.is(actual, p);
    });
  if (!same) throw new HotQueryError(`built with ${JSON.stringify(values)}, the query is not the one built with placeholders`);
}

/**
 * Whether compiled parameters still hold the placeholders of a hot query being compiled (a plugin
 * that records compiled statements sees them once; the values are only known when it runs).
 */
export function hasPlaceholders(parameters: readonly unknown[]): boolean {
  return parameters.some((p) => p instanceof Placeholder);
}

const PLACEHOLDERS = Array.from({ length: 16 }, (_, i) => new Placeholder(i));
