import { describe, expect, it } from 'vitest';
import { createAccount, findAccountByLoginId, findAccountByNir, updateContact, type NewAccount } from '../../src/accounts/repository';
import { testDatabases } from '../support/databases';

export const sampleAccount = (over: Partial<NewAccount> = {}): NewAccount => ({
  login_id: '184127505612345',
  nir: '184127505612345',
  provisional_id: null,
  civility: 'M',
  birth_name: 'MARTIN',
  given_names: 'Paul Louis',
  usage_name: null,
  birth_date: '1984-12-01',
  birth_place_kind: 'commune',
  birth_place_code: '75056',
  birth_place_name: 'Paris',
  identity_status: 'confirmed',
  identity_document_kind: 'cni',
  identity_document_number: 'X4RTBPFW4',
  contact_kind: 'email',
  contact_value: 'paul.martin@example.fr',
  contact_verified_at: 1,
  password_hash: null,
  franceconnect_sub: null,
  ...over,
});

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
