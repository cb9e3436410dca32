import { describe, expect, it } from 'vitest';
import { hotQuery } from '../../src/db/hot-query';
import { testDatabases } from '../support/databases';

describe.each(testDatabases)('hotQuery on $name', ({ open }) => {
  it('compiles once, then runs with each call’s values in their places, constants kept', async () => {
    const h = await open();
    try {
      for (const [i, type] of ['a', 'b', 'a', 'a'].entries())
        await h.db
          .insertInto('audit_events')
          .values({ at: i, type, account_id: `acc-${i % 2}`, ip: null, user_agent: null, details: '{}' })
          .execute();
      let builds = 0;
      // The values are used in another order than given, between two constants (`> -1`, limit 5).
      const events = hotQuery((db, type: string, account: string) => {
        builds++;
        return db
          .selectFrom('audit_events')
          .select('at')
          .where('at', '>', -1)
          .where('account_id', '=', account)
          .where('type', '=', type)
          .orderBy('at')
          .limit(5);
      });
      expect((await events(h.db, 'a', 'acc-0')).map((r) => r.at)).toEqual([0, 2]);
      expect((await events(h.db, 'a', 'acc-1')).map((r) => r.at)).toEqual([3]);
      expect((await events(h.db, 'b', 'acc-1')).map((r) => r.at)).toEqual([1]);
      expect(await events(h.db, 'b', 'acc-0')).toEqual([]);
      expect(builds).toBe(1);
    } finally {
      await h.destroy();
    }
  });
});
