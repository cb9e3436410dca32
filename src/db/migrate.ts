import { Migrator, type Kysely, type Migration as KyselyMigration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle, DialectName } from './database';
import { migrations, type Migration } from './migrations';

/**
 * Applies the migrations not yet applied, through Kysely's `Migrator` (its own tables
 * `kysely_migration` and `kysely_migration_lock`; on PostgreSQL several instances starting together
 * wait for each other's lock). Returns the names applied (run now).
 *
 * History kept: databases migrated before by our former migrator list 0001…0006 in
 * `schema_migrations`; those migrations are recorded by the Migrator as done without running again.
 * Migrations of parallel branches may land out of order (0008 applied before 0007): allowed.
 */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  const db: Kysely<any> = handle.db;
  const legacy = await legacyApplied(db);
  const migrator = new Migrator({ db, provider: provider(migrations, handle.dialect, legacy), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success' && !legacy.has(r.migrationName)).map((r) => r.migrationName);
}

function provider(list: readonly Migration[], dialect: DialectName, legacy: ReadonlySet<string>): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(
        list.map((m): [string, KyselyMigration] => [m.name, { up: async (trx) => (legacy.has(m.name) ? undefined : m.up(trx, dialect)) }]),
      ),
  };
}

/** The migrations the former migrator recorded in `schema_migrations` (none on a new database). */
async function legacyApplied(db: Kysely<any>): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'schema_migrations')) return new Set();
  const rows: { name: string }[] = await db.selectFrom('schema_migrations').select('name').execute();
  return new Set(rows.map((r) => r.name));
}
