import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DatabaseJustificatifStorage } from '../../src/justificatifs/storage';
import { testDatabases } from '../support/databases';
import { samplePdf, samplePng } from './files';

/** The database adapter of the storage port keeps every byte, on both databases. */
describe.each(testDatabases)('justificatif storage on $name', ({ open }) => {
  it('stores, reads back and deletes bytes exactly (every byte value, a few MB)', async () => {
    const h = await open();
    try {
      const storage = new DatabaseJustificatifStorage(h.db);
      const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const big = Buffer.concat([samplePdf(), Buffer.alloc(1024 * 1024, 0xab), allBytes]);
      const keys = [await storage.put(allBytes, 1), await storage.put(samplePng(), 2), await storage.put(big, 3)];
      expect(new Set(keys).size).toBe(3);
      const back = await storage.get(keys[2]!);
      expect(Buffer.isBuffer(back)).toBe(true);
      expect(createHash('sha256').update(back!).digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
      expect((await storage.get(keys[0]!))!.equals(allBytes)).toBe(true);
      expect((await storage.get(keys[1]!))!.equals(samplePng())).toBe(true);
      await storage.delete(keys[0]!);
      expect(await storage.get(keys[0]!)).toBeUndefined();
      expect(await storage.get('inconnue')).toBeUndefined();
    } finally {
      await h.destroy();
    }
  });

  it('writes inside the caller’s transaction: nothing stays when it rolls back', async () => {
    const h = await open();
    try {
      const storage = new DatabaseJustificatifStorage(h.db);
      let key = '';
      await expect(
        h.db.transaction().execute(async (trx) => {
          key = await storage.put(samplePng(), 1, trx);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await storage.get(key)).toBeUndefined();
    } finally {
      await h.destroy();
    }
  });
});
