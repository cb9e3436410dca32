import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRoles, revokeRole, rolesOf } from '../../../src/agents/roles';
import type { Agent } from '../../../src/db/tables/agents.table';
import { migrations } from '../../../src/db/migrations';
import { createTestAccount } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { sentDemarche } from '../../justificatifs/support';
import { createTestAgent, logInAgent } from './helpers';

/** Roles on the Caf side: instruction (démarches) and assistance (accounts) are separate rights, given one by one. */
describe.each(testDatabases)('agent roles on $name', ({ open }) => {
  it('the agents of before migration 0016 keep the démarches, and only them', async () => {
    const h = await open({ migrate: false });
    try {
      const db = h.db as Kysely<any>;
      for (const m of migrations.filter((x) => x.name < '0016')) await m.up(db, h.dialect);
      await db
        .insertInto('agents')
        .values({ id: 'a1', login_id: 'a1@caf.fr', display_name: 'A', email: 'a1@caf.fr', password_hash: 'x', created_at: 5 })
        .execute();
      for (const m of migrations.filter((x) => x.name >= '0016')) await m.up(db, h.dialect);
      expect(await rolesOf(h.db, 'a1')).toEqual(['instruction']);
      await grantRoles(h.db, 'a1', ['assistance', 'instruction'], 6);
      expect(await rolesOf(h.db, 'a1')).toEqual(['instruction', 'assistance']);
      await revokeRole(h.db, 'a1', 'instruction');
      expect(await rolesOf(h.db, 'a1')).toEqual(['assistance']);
    } finally {
      await h.destroy();
    }
  }, 120_000);
});

describe('agent roles through HTTP', () => {
  let t: TestApp;
  let assistant: Agent;
  beforeAll(async () => {
    t = await buildTestApp();
    assistant = await createTestAgent(t.ctx, undefined, ['assistance']);
  });
  afterAll(() => t.close());
  const refusals = async (agentId: string) =>
    (
      await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['type', 'details'])
        .where('account_id', '=', agentId)
        .where('type', '=', 'agent_access_refused')
        .execute()
    ).map((r) => JSON.parse(r.details) as { role: string; path: string });

  it('an assistance agent lands on the accounts, and is refused every démarche page and action (403, audited)', async () => {
    const b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, assistant, undefined, '/gestion/comptes');
    const d = await sentDemarche(t.ctx, await createTestAccount(t.ctx));
    const list = await b.get('/gestion/demarches');
    expect(list.statusCode).toBe(403);
    expect(list.body).toContain('Vous n’avez pas le droit d’ouvrir cette page');
    expect((await b.get(`/gestion/demarches/${d.id}`)).statusCode).toBe(403);
    await b.get('/gestion/comptes');
    const act = await b.post(`/gestion/demarches/${d.id}/instruction`, { version: String(d.version) });
    expect(act.statusCode).toBe(403);
    expect(await refusals(assistant.id)).toEqual([
      { role: 'instruction', path: '/gestion/demarches' },
      { role: 'instruction', path: '/gestion/demarches/:id' },
      { role: 'instruction', path: '/gestion/demarches/:id/instruction' },
    ]);
    // The header offers only what the agent may open.
    const home = await b.get('/gestion/comptes');
    expect(home.body).not.toContain('href="/gestion/demarches"');
  });

  it('a right taken away counts at the next request; one given too', async () => {
    const agent = await createTestAgent(t.ctx);
    const b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, agent);
    expect((await b.get('/gestion/demarches')).statusCode).toBe(200);
    await revokeRole(t.ctx.database.db, agent.id, 'instruction');
    expect((await b.get('/gestion/demarches')).statusCode).toBe(403);
    await grantRoles(t.ctx.database.db, agent.id, ['instruction'], t.ctx.clock.now());
    expect((await b.get('/gestion/demarches')).statusCode).toBe(200);
  });
});
