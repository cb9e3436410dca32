import { describe, expect, it } from 'vitest';
import { createAccount, findAccountByLoginId, findAccountByNir, updateContact } from '../../src/accounts/repository';
import { testDatabases } from '../support/databases';
import { sampleAccount } from '../support/accounts';

describe.each(testDatabases)('accounts on $name', ({ open }) => {
  it('creates, finds by login id and NIR, and refuses a second account for the same NIR', async () => {
    const h = await open();
    try {
      const r = await createAccount(h.db, sampleAccount(), 1000);
      expect(r.ok).toBe(true);
      expect((await findAccountByLoginId(h.db, '184127505612345'))?.given_names).toBe('Paul Louis');
      expect((await findAccountByNir(h.db, '184127505612345'))?.created_at).toBe(1000);
      expect(await createAccount(h.db, sampleAccount(), 2000)).toEqual({ ok: false, reason: 'duplicate' });
      expect(await findAccountByLoginId(h.db, 'nobody')).toBeUndefined();
    } finally {
      await h.destroy();
    }
  });

  it('updates the verified contact', async () => {
    const h = await open();
    try {
      const r = await createAccount(h.db, sampleAccount(), 1000);
      if (!r.ok) throw new Error('not created');
      await updateContact(h.db, r.account.id, { kind: 'sms', value: '+33612345678' }, 5000);
      const a = await findAccountByLoginId(h.db, '184127505612345');
      expect(a).toMatchObject({ contact_kind: 'sms', contact_value: '+33612345678', contact_verified_at: 5000, updated_at: 5000 });
    } finally {
      await h.destroy();
    }
  });
});
