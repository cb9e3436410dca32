import { findAccountById } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { JourneyDeps } from '../deps';
import { signups } from '../franceconnect/store';
import { recoveryFlows } from './use-cases';
import { createRecovery } from '../../recovery/repository';

/**
 * Recovery through FranceConnect, kept small: during the FranceConnect sign-up, when the identity
 * FranceConnect certified matched exactly one person of the répertoire (as at sign-up, the NIR not
 * typed) and that NIR already has an account (state `existing_account`), the person who no longer
 * has the account's contact may set a new one, verified by a code (src/journeys/recovery). The sign-up
 * is consumed; the FranceConnect identity is not linked to the account by this.
 */
const FC_RECOVERY_TTL_MS = 30 * 60_000;

export type FranceConnectRecovery = { kind: 'refused' } | { kind: 'started'; flowToken: string };

export async function startFranceConnectRecovery(
  ctx: Pick<JourneyDeps, 'clock' | 'database'>,
  i: { signupToken: string | undefined; origin: AuditOrigin },
): Promise<FranceConnectRecovery> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const s = await signups.findLive(db, i.signupToken, now);
  if (!s || s.state !== 'existing_account' || !s.data.existingAccountId) return { kind: 'refused' };
  if (s.data.nir?.source !== 'repertoire' || s.data.repertoireMatches !== 1) return { kind: 'refused' };
  const account = await findAccountById(db, s.data.existingAccountId);
  if (!account || (account.franceconnect_sub !== null && account.franceconnect_sub !== s.data.sub)) return { kind: 'refused' };
  const flowToken = await db.transaction().execute(async (trx) => {
    await signups.consume(trx, s);
    const recovery = await createRecovery(
      trx,
      {
        account_id: account.id,
        channel: 'franceconnect',
        started_by: null,
        new_contact_kind: null,
        new_contact_value: null,
        expires_at: now + FC_RECOVERY_TTL_MS,
      },
      now,
    );
    await recoveryFlows.discardOf(trx, account.id);
    const { token } = await recoveryFlows.create(
      trx,
      { accountId: account.id, state: 'identity_proven', data: { recoveryId: recovery.id, channel: 'franceconnect' } },
      now,
    );
    await recordAudit(trx, { type: 'recovery_started', accountId: account.id, ...i.origin, details: { channel: 'franceconnect' } }, now);
    return token;
  });
  return { kind: 'started', flowToken };
}
