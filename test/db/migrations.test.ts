import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { migrate } from '../../src/db/migrate';
import { migrations } from '../../src/db/migrations';
import { flowId } from '../../src/flows/store';
import type { Database } from '../../src/db/schema';
import { testDatabases } from '../support/databases';

describe.each(testDatabases)('migrations on $name', ({ open }) => {
  it('creates every table, is idempotent, and keeps epoch milliseconds as numbers', async () => {
    const h = await open();
    try {
      expect(await migrate(h)).toEqual([]);
      const now = Date.now();
      await h.db
        .insertInto('audit_events')
        .values({ at: now, type: 'test', account_id: null, ip: '127.0.0.1', user_agent: null, details: '{}' })
        .execute();
      const row = await h.db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
      expect(row.at).toBe(now);
      expect(typeof row.id).toBe('number');
      if (h.dialect === 'postgres') {
        // Rate-limit counters write no WAL (0012).
        const { rows } = await sql<{ p: string }>`select relpersistence as p from pg_class where relname = 'rate_limits'`.execute(h.db);
        expect(rows[0]?.p).toBe('u');
      }
    } finally {
      await h.destroy();
    }
  });
});

describe.each(testDatabases)('migration history on $name', ({ open }) => {
  it('keeps the former history: migrations listed in schema_migrations are not run again', async () => {
    const h = await open({ migrate: false });
    try {
      // A database migrated by the former migrator up to 0006.
      const db = h.db as Kysely<any>;
      await db.schema
        .createTable('schema_migrations')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('applied_at', 'bigint', (c) => c.notNull())
        .execute();
      const former = migrations.filter((m) => m.name < '0007');
      expect(former.map((m) => m.name)).toEqual([
        '0001_core',
        '0003_login',
        '0004_franceconnect',
        '0005_outbox_retention',
        '0006_demarches',
      ]);
      for (const m of former) {
        await m.up(db, h.dialect);
        await db.insertInto('schema_migrations').values({ name: m.name, applied_at: 1 }).execute();
      }
      await h.db
        .insertInto('audit_events')
        .values({ at: 1, type: 'before', account_id: null, ip: null, user_agent: null, details: '{}' })
        .execute();
      // Flows pending in the former tables: they move into `flows`.
      const regToken = 'r'.repeat(32);
      await db
        .insertInto('registration_flows')
        .values({ id: regToken, state: 'code', data: '{"origin":"api"}', version: 3, created_at: 1, updated_at: 2, expires_at: 9 })
        .execute();
      await db
        .insertInto('verification_codes')
        .values({
          id: 'c1',
          purpose: 'registration_contact',
          subject_id: regToken,
          destination: 'a@example.fr',
          code_hmac: 'x',
          attempts: 0,
          max_attempts: 5,
          created_at: 2,
          expires_at: 9,
          consumed_at: null,
        })
        .execute();
      await db
        .insertInto('login_flows')
        .values({
          id: 'l'.repeat(64),
          kind: 'password_reset',
          account_id: null,
          state: 'code_verified',
          destination: null,
          created_at: 1,
          expires_at: 9,
        })
        .execute();
      await db
        .insertInto('franceconnect_signups')
        .values({
          id: 's'.repeat(64),
          sub: 'sub-1',
          step: 'contact',
          data: '{"idToken":"t"}',
          version: 2,
          created_at: 1,
          updated_at: 2,
          expires_at: 9,
        })
        .execute();
      // Running them again would fail (their tables exist): only the later ones run.
      const applied = await migrate(h);
      expect(applied).toEqual(migrations.filter((m) => m.name >= '0007').map((m) => m.name));
      expect(await migrate(h)).toEqual([]);
      const done = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
      expect(done.map((r: { name: string }) => r.name)).toEqual(migrations.map((m) => m.name).sort());
      expect(await h.db.selectFrom('audit_events').select('type').execute()).toEqual([{ type: 'before' }]);
      const moved = await h.db
        .selectFrom('flows')
        .select(['id', 'kind', 'state', 'data', 'version', 'expires_at'])
        .orderBy('kind')
        .execute();
      expect(moved).toEqual([
        {
          id: 's'.repeat(64),
          kind: 'franceconnect_signup',
          state: 'contact',
          data: JSON.stringify({ idToken: 't', sub: 'sub-1' }),
          version: 2,
          expires_at: 9,
        },
        { id: 'l'.repeat(64), kind: 'password_reset', state: 'code_verified', data: '{}', version: 1, expires_at: 9 },
        { id: flowId(regToken), kind: 'registration', state: 'code', data: '{"origin":"api"}', version: 3, expires_at: 9 },
      ]);
      expect(await h.db.selectFrom('verification_codes').select('subject_id').execute()).toEqual([{ subject_id: flowId(regToken) }]);
      const tables = (await h.db.introspection.getTables()).map((t) => t.name);
      for (const gone of ['registration_flows', 'login_flows', 'franceconnect_signups']) expect(tables).not.toContain(gone);
    } finally {
      await h.destroy();
    }
  });
});

describe.each(testDatabases)('schema on $name', ({ open }) => {
  it('has every table of the migrated database in the Database type, and no other', async () => {
    // `satisfies` makes this list follow the type: a table missing here or there fails to compile.
    const typed = {
      accounts: 1,
      households: 1,
      household_members: 1,
      franceconnect_transactions: 1,
      verification_codes: 1,
      sessions: 1,
      outbox_messages: 1,
      audit_events: 1,
      demarches: 1,
      demarche_events: 1,
      household_addresses: 1,
      household_bank_accounts: 1,
      household_separations: 1,
      flows: 1,
      rate_limits: 1,
      agents: 1,
      agent_sessions: 1,
      justificatif_requests: 1,
      justificatifs: 1,
      justificatif_blobs: 1,
      agent_roles: 1,
      account_recoveries: 1,
      known_devices: 1,
      caf_threads: 1,
      caf_messages: 1,
      caf_message_files: 1,
      droits: 1,
      droit_changes: 1,
      payments: 1,
      payment_adjustments: 1,
      payment_adjustment_lines: 1,
      attestations: 1,
      attestation_checks: 1,
      taxable_resources: 1,
      form_states: 1,
    } satisfies Record<keyof Database, 1>;
    const h = await open();
    try {
      const tables = (await h.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_migration'));
      expect(tables.sort()).toEqual(Object.keys(typed).sort());
    } finally {
      await h.destroy();
    }
  });
});
