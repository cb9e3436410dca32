import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';

/**
 * A request reads the person's place in the household (their « actor ») once and passes it on:
 * the theme page asks for each of its prestations whether the person may ask for it, and the
 * prestation page also looks for their démarches already under way — one read of the actor each.
 */
describe.each(testDatabases)('the household actor, read once per request, on $name', ({ open }) => {
  let t: TestApp;
  let actorReads = 0;
  // findActor is the one query that reads a member's procuration with the dossier's number.
  const counter: KyselyPlugin = {
    transformQuery({ node }) {
      const sql = JSON.stringify(node, (_key, v) => (typeof v === 'bigint' ? String(v) : v));
      if (node.kind === 'SelectQueryNode' && sql.includes('"has_procuration"') && sql.includes('"dossier_number"')) actorReads++;
      return node;
    },
    transformResult: async ({ result }) => result,
  };

  beforeAll(async () => {
    const handle = await open();
    t = await buildTestApp({ database: { ...handle, db: handle.db.withPlugin(counter) } });
  });
  afterAll(() => t.close());

  it('on a theme page of several prestations, and on a prestation page', async () => {
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, await createTestAccount(t.ctx));

    actorReads = 0;
    const theme = await b.get('/aides-et-demarches/mes-demarches/vie-personnelle');
    expect(theme.statusCode).toBe(200);
    expect(theme.body).toContain('Allocations familiales');
    expect(actorReads).toBe(1);

    actorReads = 0;
    const prestation = await b.get('/aides-et-demarches/prestations/aide-au-logement');
    expect(prestation.statusCode).toBe(200);
    expect(prestation.body).toContain('Faire la demande');
    expect(actorReads).toBe(1);
  });
});
