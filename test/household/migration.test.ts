import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/db/database';
import { migrations } from '../../src/db/migrations';
import { findActor } from '../../src/household/repository';
import { sampleAccount } from '../support/accounts';

// Migration 0008 rebuilds household_members: the rows of 0001 (an account per member) are copied
// with their account's civil status. Run on both dialects from an empty database, migration by migration.
describe.each(['sqlite::memory:', 'pglite:'])('migration 0008 on %s', (url) => {
  it('copies the members of 0001 with their civil status and procuration', async () => {
    const h = await openDatabase(url);
    try {
      const db = h.db as unknown as Kysely<any>;
      for (const m of migrations.filter((m) => m.name < '0008')) await m.up(db, h.dialect);
      await db
        .insertInto('accounts')
        .values({ id: 'a1', ...sampleAccount(), created_at: 1, updated_at: 1 })
        .execute();
      await db.insertInto('households').values({ id: 'h1', dossier_number: '1234567', created_at: 1 }).execute();
      await db
        .insertInto('household_members')
        .values({ household_id: 'h1', account_id: 'a1', role: 'conjoint', has_procuration: 1, joined_at: 5, left_at: null })
        .execute();
      for (const m of migrations.filter((m) => m.name >= '0008')) await m.up(db, h.dialect);
      const rows = await h.db.selectFrom('household_members').selectAll().execute();
      expect(rows).toEqual([
        {
          id: 'h1-a1',
          household_id: 'h1',
          account_id: 'a1',
          nir: sampleAccount().nir,
          civility: 'M',
          birth_name: 'MARTIN',
          given_names: 'Paul Louis',
          birth_date: '1984-12-01',
          role: 'conjoint',
          has_procuration: 1,
          procuration_granted_at: 5,
          joined_at: 5,
          left_at: null,
        },
      ]);
      expect((await findActor(h.db, 'a1')).membership).toEqual({ role: 'conjoint', birthDate: '1984-12-01', hasProcuration: true });
    } finally {
      await h.destroy();
    }
  });
});
