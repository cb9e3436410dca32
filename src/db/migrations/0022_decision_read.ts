import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// When the person who asked first opened the Caf's decision on their démarche (its page or its
// « notification de décision »): until then « Mon espace » shows « une décision à lire ». Null for
// every démarche decided before this migration is shown as unread once, which is harmless.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('demarches').addColumn('decision_read_at', 'bigint').execute();
}
