import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import { openDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { migrations } from '../../src/db/migrations';
import { DRAFT_TTL_MS, demarcheHistory, findDemarche } from '../../src/demarches/repository';
import { sampleAccount } from '../support/accounts';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

describe.each([
  ['sqlite', 'sqlite::memory:'],
  ['postgresql (PGlite)', 'pglite:'],
])('migration 0009 on a %s database of 0006', (_name, url) => {
  it('turns the démarches à compléter into brouillons, with an expiry and the first line of history', async () => {
    const h = await openDatabase(url);
    try {
      const db = h.db as never as Parameters<(typeof migrations)[number]['up']>[0];
      await db.schema
        .createTable('schema_migrations')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('applied_at', 'bigint', (c) => c.notNull())
        .execute();
      const before = migrations.slice(
        0,
        migrations.findIndex((m) => m.name === '0009_demarche_requests'),
      );
      for (const m of before) {
        await m.up(db, h.dialect);
        await db.insertInto('schema_migrations').values({ name: m.name, applied_at: T0 }).execute();
      }
      const r = await createAccount(h.db, sampleAccount(), T0);
      if (!r.ok) throw new Error('account not created');
      await db
        .insertInto('demarches')
        .values({ id: 'old', account_id: r.account.id, prestation: 'rsa', status: 'a_completer', created_at: T0, updated_at: T0 + 5 })
        .execute();
      expect(await migrate(h)).toContain('0009_demarche_requests');
      expect(await findDemarche(h.db, 'old')).toMatchObject({
        status: 'brouillon',
        answers: {},
        version: 1,
        expires_at: T0 + 5 + DRAFT_TTL_MS,
        reference: null,
      });
      expect(await demarcheHistory(h.db, 'old')).toEqual([
        {
          demarche_id: 'old',
          seq: 1,
          at: T0,
          event: 'create',
          from_status: null,
          to_status: 'brouillon',
          actor_kind: 'person',
          actor_id: r.account.id,
          reason: null,
        },
      ]);
    } finally {
      await h.destroy();
    }
  });
});
