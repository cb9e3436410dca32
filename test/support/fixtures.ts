import type { NewAccount } from '../../src/accounts/repository';

/** A valid account row for tests (override what the test is about). */
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
