import type { Kysely } from 'kysely';
import type { Account } from '../accounts/repository';
import { recordAudit } from '../auth/audit';
import type { Database } from '../db/schema';
import { AppError, fieldError, type FieldError } from '../errors/app-error';
import { agencyDay } from '../shared/french-time';
import { ageOn, MIN_ACCOUNT_AGE, mayHaveAccount } from './permissions';
import { findMembersWithoutAccountByNir, linkAccountToMember } from './repository';

/**
 * Joining a dossier at sign-up (« Créer Mon Compte » and the FranceConnect sign-up call these):
 * - nobody under 15 creates an account — decided on the birth date alone (typed and checked against
 *   the répertoire, or certified by FranceConnect), so the refusal says nothing of any household;
 * - a new account whose NIR and birth date are those of a member of a dossier without an account is
 *   linked to that member, silently: the person sees their role only once signed in, and nothing
 *   on the way reveals who else is in the household.
 */

/** The refusal for a person under 15 on the day (at the birth-date field), or undefined. */
export function underAgeRefusal(birthDate: string, now: number, field = 'birthDate'): FieldError | undefined {
  return ageOn(birthDate, agencyDay(now)) < MIN_ACCOUNT_AGE ? fieldError(field, 'HOUSEHOLD_UNDER_15') : undefined;
}

/** Throws the under-15 refusal (a page: the FranceConnect identity cannot be corrected). */
export function refuseUnderAge(birthDate: string, now: number): void {
  if (underAgeRefusal(birthDate, now)) throw new AppError('HOUSEHOLD_UNDER_15');
}

/**
 * Links a new account to the member of a dossier the répertoire knows by its NIR (and same birth
 * date), if that member has no account yet and may have one. Call it inside the transaction that
 * creates the account. Returns the role joined, or undefined.
 */
export async function joinHouseholdAtSignUp(
  db: Kysely<Database>,
  account: Pick<Account, 'id' | 'nir' | 'birth_date'>,
  now: number,
): Promise<string | undefined> {
  if (!account.nir) return undefined;
  const today = agencyDay(now);
  const candidates = (await findMembersWithoutAccountByNir(db, account.nir)).filter(
    (m) => m.birth_date === account.birth_date && mayHaveAccount({ role: m.role, birthDate: m.birth_date, hasProcuration: false }, today),
  );
  for (const m of candidates) {
    if (await linkAccountToMember(db, m.id, account.id)) {
      await recordAudit(
        db,
        { type: 'household_joined', accountId: account.id, ip: null, userAgent: null, details: { role: m.role, member: m.id } },
        now,
      );
      return m.role;
    }
  }
  return undefined;
}
