import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';

/**
 * The outbox as a person's mailbox or phone: the messages sent to an address or number, and the
 * last code in them (codes exist in clear only in the message). Takes the database or the context.
 */
type WithDb = Kysely<Database> | { database: { db: Kysely<Database> } };
const dbOf = (x: WithDb): Kysely<Database> => ('database' in x ? x.database.db : x);

/** The messages to `to`, oldest first. */
export function messagesTo(x: WithDb, to: string) {
  return dbOf(x).selectFrom('outbox_messages').selectAll().where('recipient', '=', to).orderBy('created_at', 'asc').execute();
}

/** The 6-digit code of the latest message to `to` that carries one. */
export async function lastCode(x: WithDb, to: string): Promise<string> {
  const messages = await messagesTo(x, to);
  for (const m of messages.reverse()) {
    const code = /\b(\d{6})\b/.exec(m.text)?.[1];
    if (code) return code;
  }
  throw new Error(`no code sent to ${to}`);
}

/** Messages carrying a code, as the application writes them: for the worker and retention tests. */
export const CODE_MAIL = {
  channel: 'email' as const,
  to: 'élise.dupré@example.fr',
  subject: 'Votre code de vérification Mon Compte',
  text: 'Bonjour,\n\nVotre code de vérification est 482913. Il est valable 10 minutes.\n\nÀ bientôt sur Mon Compte — votre Caf.',
};
export const CODE_SMS = {
  channel: 'sms' as const,
  to: '+33612345678',
  subject: 'Code de vérification',
  text: 'Mon Compte Caf : votre code est 736204 (valable 10 min).',
};
