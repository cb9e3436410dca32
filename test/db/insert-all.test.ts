import { describe, expect, it } from 'vitest';
import { auditRow } from '../../src/auth/audit';
import { insertAll } from '../../src/db/insert-all';
import { outboxRow } from '../../src/messaging/outbox';
import { testDatabases } from '../support/databases';

describe.each(testDatabases)('insertAll on $name', ({ open }) => {
  const message = { channel: 'email' as const, to: 'marie@exemple.fr', subject: 'Votre code', text: 'Code : 123456' };

  it('writes rows into several tables in one go', async () => {
    const h = await open();
    try {
      const now = Date.now();
      const m1 = outboxRow(message, now);
      const m2 = outboxRow({ ...message, to: 'paul@exemple.fr' }, now);
      await insertAll(h, [
        { table: 'outbox_messages', values: { ...m1 } },
        {
          table: 'audit_events',
          values: auditRow({ type: 'code_sent', accountId: null, ip: '10.0.0.1', userAgent: null, details: { n: 1 } }, now),
        },
        { table: 'outbox_messages', values: { ...m2 } },
      ]);
      const ids = (await h.db.selectFrom('outbox_messages').select('id').orderBy('recipient').execute()).map((r) => r.id);
      expect(ids).toEqual([m1.id, m2.id]);
      const audit = await h.db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
      expect({ type: audit.type, at: audit.at, ip: audit.ip, details: JSON.parse(audit.details) }).toEqual({
        type: 'code_sent',
        at: now,
        ip: '10.0.0.1',
        details: { n: 1 },
      });
    } finally {
      await h.destroy();
    }
  });

  it('is atomic: when one row is refused, none is written', async () => {
    const h = await open();
    try {
      const now = Date.now();
      const m = outboxRow(message, now);
      const write = insertAll(h, [
        { table: 'audit_events', values: auditRow({ type: 'code_sent', accountId: null, ip: null, userAgent: null }, now) },
        { table: 'outbox_messages', values: { ...m } },
        { table: 'outbox_messages', values: { ...m } }, // same primary key
      ]);
      await expect(write).rejects.toThrow();
      expect(await h.db.selectFrom('outbox_messages').selectAll().execute()).toEqual([]);
      expect(await h.db.selectFrom('audit_events').selectAll().execute()).toEqual([]);
    } finally {
      await h.destroy();
    }
  });
});

describe('insertAll types', () => {
  it('takes rows typed by their table (checked by tsc)', () => {
    // Never called: tsc checks each line; `@ts-expect-error` fails the type check if the error disappears.
    // biome-ignore format: each @ts-expect-error must stay right above its one-line call
    const typed = (h: Parameters<typeof insertAll>[0]) => [
      // @ts-expect-error — not a table of the Database type
      insertAll(h, [{ table: 'no_such_table', values: {} }]),
      // @ts-expect-error — a column of another table
      insertAll(h, [{ table: 'audit_events', values: { at: 1, type: 't', account_id: null, ip: null, user_agent: null, details: '{}', recipient: 'x' } }]),
      insertAll(h, [{ table: 'audit_events', values: { at: 1, type: 't', account_id: null, ip: null, user_agent: null, details: '{}' } }]),
    ];
    expect(typeof typed).toBe('function');
  });
});
