/** Bench accounts: valid NIRs from an index, all with the same password. */
import { createAccount, type Account } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';

export const PASSWORD = 'MotDePasse2026';

/** A valid NIR (key included) for a bench index < 19,980: men born in Paris (75101–75120) in January 1990. */
export function benchNir(i: number): string {
  const body = `1900175${101 + (Math.floor(i / 999) % 20)}${String(1 + (i % 999)).padStart(3, '0')}`;
  return body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}

export async function benchAccount(ctx: AppContext, i: number, passwordHash: string): Promise<Account> {
  const nir = benchNir(i);
  const r = await createAccount(
    ctx.database.db,
    {
      login_id: nir,
      nir,
      provisional_id: null,
      civility: 'M',
      birth_name: 'BENCH',
      given_names: 'Paul',
      usage_name: null,
      birth_date: '1990-01-01',
      birth_place_kind: 'commune',
      birth_place_code: '75056',
      birth_place_name: 'Paris',
      identity_status: 'confirmed',
      identity_document_kind: null,
      identity_document_number: null,
      contact_kind: 'email',
      contact_value: `bench${i}@exemple.fr`,
      contact_verified_at: 1,
      password_hash: passwordHash,
      franceconnect_sub: null,
    },
    Date.now(),
  );
  if (!r.ok) throw new Error(`bench account ${i}: ${r.reason}`);
  return r.account;
}
