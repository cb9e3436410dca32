import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate';
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
    } finally {
      await h.destroy();
    }
  });
});
