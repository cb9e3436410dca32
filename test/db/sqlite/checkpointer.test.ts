import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database';
import { CHECKPOINT_SAFETY_PAGES, startCheckpointer } from '../../../src/db/sqlite/checkpointer';

const dir = mkdtempSync(join(tmpdir(), 'mc-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite checkpoints in a thread of their own', () => {
  it('copies the log into the database file while the writing connection never checkpoints', async () => {
    const path = join(dir, 'a.sqlite');
    const writer = new SQLite(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0'); // the writer alone would never checkpoint
    writer.exec('create table t (id integer primary key, v text)');
    const insert = writer.prepare('insert into t (v) values (?)');
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(200));
    const reports: { log: number; checkpointed: number }[] = [];
    const done = new Promise<void>((resolve) => {
      const checkpointer = startCheckpointer(path, {
        everyMs: 20,
        onCheckpoint: (r) => {
          if ('error' in r) throw new Error(r.error);
          reports.push(r);
          if (r.log > 0 && r.checkpointed === r.log) void checkpointer.stop().then(resolve);
        },
      });
    });
    await done;
    expect(reports.at(-1)!.log).toBeGreaterThan(10);
    // Nothing is left for the writer to copy: its own checkpoint finds every frame done.
    const [mine] = writer.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(mine!.checkpointed).toBe(mine!.log);
    writer.close();
  });

  it('a database file opened by the server checkpoints only past the safety size, and closes with its thread', async () => {
    const h = await openDatabase(`sqlite:${join(dir, 'b.sqlite')}`);
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(h.db);
    expect(rows[0]!.wal_autocheckpoint).toBe(CHECKPOINT_SAFETY_PAGES);
    await h.destroy();
  });
});
