import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * PostgreSQL parses and plans each query text it receives. Our queries are a small fixed set of
 * texts (values are parameters), so each one is sent as a named prepared statement: parsed once per
 * connection, then only bound and executed (node-postgres keeps the names it has prepared on each
 * connection). Statements that change the schema (migrations) are sent as they are.
 */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    if (!/^\s*(select|insert|update|delete|with)\b/i.test(text)) return undefined;
    let name = names.get(text);
    if (!name) {
      name = `mc_${createHash('sha1').update(text).digest('base64url')}`;
      if (names.size < 5000) names.set(text, name);
    }
    return name;
  };
  return {
    connect: async (): Promise<PostgresPoolClient> => {
      const client = await pool.connect();
      return {
        query: ((text: string | object, values: readonly unknown[]) => {
          if (typeof text !== 'string') return client.query(text as never); // a cursor (streaming)
          const name = nameOf(text);
          return client.query(name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] });
        }) as unknown as PostgresPoolClient['query'],
        release: (err?: Error | boolean) => client.release(err),
      };
    },
    end: () => pool.end(),
  };
}
