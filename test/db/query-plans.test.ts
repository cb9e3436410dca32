import { CompiledQuery, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config/config';
import { createContext, type AppContext } from '../../src/context';
import type { DatabaseHandle } from '../../src/db/database';
import { hasPlaceholders } from '../../src/db/hot-query';
import { buildApp } from '../../src/routes';
import { TestClock } from '../support/clock';
import { TestBrowser } from '../support/app';
import { testDatabases } from '../support/databases';
import { createTestAccount, logIn } from '../support/accounts';
import { freshMarie, walkTo } from '../support/registration';

/**
 * Every statement the request paths run (login with its code, the personal space, « Mes démarches »,
 * Créer Mon Compte to the end, public pages) can be served by an index on PostgreSQL: EXPLAINed with
 * sequential scans disabled, no plan keeps one (a plan that still scans has no index to use).
 * The figures at 10 million accounts are printed by bench/scale.ts.
 */
const postgres = testDatabases.find((d) => d.name.startsWith('postgresql'))!;

describe(`query plans of the request paths on ${postgres.name}`, () => {
  let handle: DatabaseHandle;
  let ctx: AppContext;
  const statements = new Map<string, CompiledQuery>();
  beforeAll(async () => {
    handle = await postgres.open();
    const executor = handle.db.getExecutor();
    const record = (q: CompiledQuery) => {
      // A hot query is compiled once with placeholders for its values: it is recorded when it runs.
      if (!hasPlaceholders(q.parameters)) statements.set(q.sql, q);
    };
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        record(executor.compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = handle.db.withPlugin(recorder);
    const execute = db.executeQuery.bind(db);
    db.executeQuery = ((q, queryId) => {
      if ('sql' in q) record(q);
      return execute(q, queryId);
    }) as typeof db.executeQuery;
    ctx = await createContext(testConfig(), { clock: new TestClock(), database: { ...handle, db } });
    statements.clear(); // the migrations' statements are not request paths
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('uses an index for every statement', async () => {
    const app = await buildApp(ctx);
    await app.ready();
    try {
      const b = new TestBrowser(app);
      await logIn(ctx, b, await createTestAccount(ctx));
      for (const url of ['/', '/mon-espace', '/mon-espace/demarches', '/mon-espace/securite', '/aides-et-demarches/mes-demarches'])
        expect((await b.get(url)).statusCode, url).toBe(200);
      await walkTo(new TestBrowser(app), ctx.database.db, 'completed', { person: freshMarie() });
    } finally {
      await app.close();
    }
    const withScans: string[] = [];
    await handle.db.connection().execute(async (c) => {
      await c.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
      for (const q of statements.values()) {
        if (!/^\s*(select|insert|update|delete|with)\b/i.test(q.sql)) continue;
        const plan = await c.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
        const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
        if (/Seq Scan/.test(text)) withScans.push(`${q.sql}\n${text}`);
      }
    });
    expect(statements.size).toBeGreaterThan(15);
    // the hot reads (session, account) are among them, with their real values
    expect([...statements.keys()].filter((sql) => /from "(sessions|accounts)" where "id" = \$1$/.test(sql))).toHaveLength(2);
    expect(withScans).toEqual([]);
  });
});
