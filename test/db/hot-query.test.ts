import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { assertSameWithValues, HotQueryError, hotQuery, hotQueryBuilders } from '../../src/db/hot-query';
import { testDatabases } from '../support/databases';

// Every module of src/ that declares hot queries, loaded (each declaration registers its builder)
// before this file declares its own.
const src = join(import.meta.dirname, '../../src');
const hotFiles = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('hot-query.ts'))
  .map((f) => join(src, f))
  .filter((f) => /\bhotQuery\(/.test(readFileSync(f, 'utf8')));
const declared = hotFiles.reduce((n, f) => n + readFileSync(f, 'utf8').match(/\bhotQuery\(/g)!.length, 0);
for (const f of hotFiles) await import(f);
const srcBuilders = [...hotQueryBuilders()];

describe.each(testDatabases)('hotQuery on $name', ({ open }) => {
  it('compiles once, then runs with each call’s values in their places, constants kept', async () => {
    const h = await open();
    try {
      for (const [i, type] of ['a', 'b', 'a', 'a'].entries())
        await h.db
          .insertInto('audit_events')
          .values({ at: i, type, account_id: `acc-${i % 2}`, ip: null, user_agent: null, details: '{}' })
          .execute();
      let builds = 0;
      // The values are used in another order than given, between two constants (`> -1`, limit 5).
      const events = hotQuery((db, type: string, account: string) => {
        builds++;
        return db
          .selectFrom('audit_events')
          .select('at')
          .where('at', '>', -1)
          .where('account_id', '=', account)
          .where('type', '=', type)
          .orderBy('at')
          .limit(5);
      });
      expect((await events(h.db, 'a', 'acc-0')).map((r) => r.at)).toEqual([0, 2]);
      expect((await events(h.db, 'a', 'acc-1')).map((r) => r.at)).toEqual([3]);
      expect((await events(h.db, 'b', 'acc-1')).map((r) => r.at)).toEqual([1]);
      expect(await events(h.db, 'b', 'acc-0')).toEqual([]);
      expect(builds).toBe(1);
    } finally {
      await h.destroy();
    }
  });
});

/**
 * A hot query's builder runs once, with placeholders: whatever it decides from them would hold for
 * every later call. It must never look at its values — what it cannot hide is refused.
 */
describe.each(testDatabases)('a hot query’s builder cannot branch on its values, on $name', ({ open }) => {
  const audit = (type: string, account: string, at: number) => ({
    at,
    type,
    account_id: account,
    ip: null,
    user_agent: null,
    details: '{}',
  });

  it('refuses a value turned into a string or a number while building', async () => {
    const h = await open();
    try {
      const written = hotQuery((db, type: string) =>
        db
          .selectFrom('audit_events')
          .select('at')
          .where(sql.raw<boolean>(`type = '${type}'`)),
      );
      await expect(written(h.db, 'a')).rejects.toThrow(HotQueryError);
      await expect(written(h.db, 'a')).rejects.toThrow(/value 1 was read while the query was built/);
      const compared = hotQuery((db, limit: number) => db.selectFrom('audit_events').select('at').limit(Math.min(limit, 10)));
      await expect(compared(h.db, 5)).rejects.toThrow(/value 1 was read while the query was built/);
    } finally {
      await h.destroy();
    }
  });

  it('refuses a value that is only branched on, even when the first call would have taken the same branch', async () => {
    const h = await open();
    try {
      await h.db
        .insertInto('audit_events')
        .values([audit('a', 'acc-0', 1), audit('b', 'acc-0', 2)])
        .execute();
      // A placeholder is an object, always true: without the check, `false` would be answered as `true`.
      const onlyA = hotQuery((db, account: string, onlyTypeA: boolean) => {
        const q = db.selectFrom('audit_events').select('at').where('account_id', '=', account);
        return onlyTypeA ? q.where('type', '=', 'a') : q;
      });
      await expect(onlyA(h.db, 'acc-0', true)).rejects.toThrow(/value 2 is not a parameter of the query/);
      await expect(onlyA(h.db, 'acc-0', false)).rejects.toThrow(HotQueryError);
    } finally {
      await h.destroy();
    }
  });

  it('tells a builder that branches on a value it also passes on (what the next test checks of every hot query)', async () => {
    const h = await open();
    try {
      const branching = (db: Parameters<typeof assertSameWithValues>[0], v: string) =>
        v === 'a'
          ? db.selectFrom('audit_events').select('at').where('type', '=', v)
          : db.selectFrom('audit_events').select('at').where('account_id', '=', v);
      expect(() => assertSameWithValues(h.db, branching, ['a'])).toThrow(/not the one built with placeholders/);
      // The same value in another branch of the SQL, and a constant that depends on the value, are told too.
      const constant = (db: Parameters<typeof assertSameWithValues>[0], v: string) =>
        db
          .selectFrom('audit_events')
          .select('at')
          .where('type', '=', v)
          .where('account_id', '=', v.length === 1 ? 'short' : 'long');
      expect(() => assertSameWithValues(h.db, constant, ['a'])).toThrow(/not the one built with placeholders/);
      const honest = (db: Parameters<typeof assertSameWithValues>[0], v: string) =>
        db.selectFrom('audit_events').select('at').where('type', '=', v).where('at', '>', 0);
      expect(() => assertSameWithValues(h.db, honest, ['a'])).not.toThrow();
    } finally {
      await h.destroy();
    }
  });

  it('holds for every hot query of src/: built with real values, each is the query built with placeholders', async () => {
    expect(hotFiles.map((f) => relative(src, f)).sort()).toEqual(['accounts/repository.ts', 'auth/sessions.ts']);
    // Every hot query declared in src/ is checked (a builder registers itself when its module is loaded).
    expect(srcBuilders).toHaveLength(declared);
    const h = await open();
    try {
      const samples: unknown[] = ['', 'a', 'acc-0', 'x'.repeat(64), 0, 1, -1, 1_764_000_000_000, null, true, false];
      for (const build of srcBuilders) {
        const arity = build.length - 1;
        expect(arity).toBeGreaterThan(0);
        for (const v of samples) assertSameWithValues(h.db, build, Array(arity).fill(v));
        assertSameWithValues(
          h.db,
          build,
          Array.from({ length: arity }, (_, i) => `value-${i}`),
        );
      }
    } finally {
      await h.destroy();
    }
  });
});
