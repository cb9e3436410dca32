import { findAccountByLoginId, type Account } from '../../accounts/repository';
import { maskIdentifier, recordAudit, type AuditOrigin } from '../../auth/audit';
import type { Config } from '../../config/config';
import type { JourneyDeps } from '../deps';
import { normaliseLoginId } from '../login/use-cases';
import { startRecoveryFlow } from './use-cases';
import { currentAddress, findActor } from '../../household/repository';
import { enqueueMessage } from '../../messaging/outbox';
import { hmac } from '../../shared/crypto';
import { postalRecipient, recoveryLetter } from '../../recovery/messages';
import { createRecovery, pendingRecovery } from '../../recovery/repository';

/**
 * Recovery by letter: « Mot de passe oublié » → « je n'ai plus accès à mon adresse mail ou à mon
 * téléphone ». A code is sent BY POST to the address of the person's dossier (the outbox's postal
 * channel): 6 digits, stored as an HMAC, valid 30 days, single use, 5 tries, a new letter voids the
 * last. The answer is the same whether or not an account or an address exists (no enumeration).
 * Requests are limited per identifier (a letter costs money and worries people) and per IP; so are
 * the tries of a code, per identifier and per IP, on top of each code's 5.
 */
export const LETTER_CODE_TTL_MS = 30 * 24 * 3_600_000;
export const LETTERS_PER_IDENTIFIER = 3;
export const LETTER_WINDOW_MS = 30 * 24 * 3_600_000;
export const LETTER_REQUESTS_PER_IP_PER_HOUR = 20;
export const CODE_TRIES_PER_IDENTIFIER_PER_HOUR = 10;
export const CODE_TRIES_PER_IP_PER_HOUR = 30;
const HOUR_MS = 3_600_000;

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type LetterDeps = Pick<JourneyDeps, 'clock' | 'codes' | 'database' | 'rateLimiter'> & {
  config: Pick<Config, 'agencyPhone' | 'baseUrl' | 'secretKey'>;
};

/** The two limits of each kind of request, per identifier and per IP, each [limit, window in ms]. */
const LIMITS: Record<'recovery-letter' | 'recovery-code', { perIdentifier: [number, number]; perIp: [number, number] }> = {
  'recovery-letter': { perIdentifier: [LETTERS_PER_IDENTIFIER, LETTER_WINDOW_MS], perIp: [LETTER_REQUESTS_PER_IP_PER_HOUR, HOUR_MS] },
  'recovery-code': { perIdentifier: [CODE_TRIES_PER_IDENTIFIER_PER_HOUR, HOUR_MS], perIp: [CODE_TRIES_PER_IP_PER_HOUR, HOUR_MS] },
};

/**
 * The identifier typed in a request of this `scope`, counted against its two limits: per identifier
 * (keyed by an HMAC of it, never the identifier itself) and per IP. Refused when either is reached;
 * otherwise the identifier normalised, and its account if it has one.
 */
async function countedIdentifier(
  ctx: Pick<LetterDeps, 'database' | 'rateLimiter' | 'config'>,
  scope: keyof typeof LIMITS,
  i: { identifier: string; origin: AuditOrigin },
): Promise<{ kind: 'rate_limited'; retryAfterMs: number } | { kind: 'counted'; loginId: string; account: Account | undefined }> {
  const loginId = normaliseLoginId(i.identifier);
  const idKey = `${scope}:id:${hmac(ctx.config.secretKey, scope, loginId).slice(0, 32)}`;
  const [byId, byIp] = await Promise.all([
    ctx.rateLimiter.hit(idKey, ...LIMITS[scope].perIdentifier),
    ctx.rateLimiter.hit(`${scope}:ip:${i.origin.ip ?? 'unknown'}`, ...LIMITS[scope].perIp),
  ]);
  if (!byId.allowed || !byIp.allowed) return { kind: 'rate_limited', retryAfterMs: Math.max(byId.retryAfterMs, byIp.retryAfterMs) };
  const account = loginId.length <= 32 ? await findAccountByLoginId(ctx.database.db, loginId) : undefined;
  return { kind: 'counted', loginId, account };
}

export type LetterRequest = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'requested' };

export async function requestRecoveryLetter(ctx: LetterDeps, i: { identifier: string; origin: AuditOrigin }): Promise<LetterRequest> {
  const { db } = ctx.database;
  const counted = await countedIdentifier(ctx, 'recovery-letter', i);
  if (counted.kind === 'rate_limited') return counted;
  const { loginId, account } = counted;
  const dossier = account ? (await findActor(db, account.id)).dossier : undefined;
  const address = dossier ? await currentAddress(db, dossier.householdId) : undefined;
  const now = ctx.clock.now();
  if (!account || !address) {
    // Nothing is sent: no account, or no dossier address to send to (the person is told to go to a Caf).
    await recordAudit(
      db,
      {
        type: 'recovery_letter_requested',
        accountId: account?.id ?? null,
        ...i.origin,
        details: { identifier: maskIdentifier(loginId), sent: false },
      },
      now,
    );
    return { kind: 'requested' };
  }
  await db.transaction().execute(async (trx) => {
    const recovery = await createRecovery(
      trx,
      {
        account_id: account.id,
        channel: 'letter',
        started_by: null,
        new_contact_kind: null,
        new_contact_value: null,
        expires_at: now + LETTER_CODE_TTL_MS,
      },
      now,
    );
    const { code, expiresAt } = await ctx.codes.issue(trx, {
      purpose: 'recovery_letter',
      subjectId: recovery.id,
      destination: 'post',
      ttlMs: LETTER_CODE_TTL_MS,
    });
    const letter = recoveryLetter(postalRecipient(account, address), {
      code,
      expiresAt,
      baseUrl: ctx.config.baseUrl,
      agencyPhone: ctx.config.agencyPhone,
      identifierHint: maskIdentifier(account.login_id),
    });
    await enqueueMessage(trx, letter, now);
    await recordAudit(
      trx,
      { type: 'recovery_letter_requested', accountId: account.id, ...i.origin, details: { sent: true, postalCode: address.postal_code } },
      now,
    );
  });
  return { kind: 'requested' };
}

export type CodeProof = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'refused' } | { kind: 'proven'; flowToken: string };

/**
 * The identifier and a code that proves the person holds something only they should: the letter's
 * code (`letter`), or the code an agent sent at the counter to the new contact (`counter`). One
 * refusal for every failure (unknown identifier, no pending recovery, wrong, spent or expired code).
 */
export async function proveWithCode(
  ctx: LetterDeps,
  i: { channel: 'letter' | 'counter'; identifier: string; code: string; origin: AuditOrigin },
): Promise<CodeProof> {
  const { db } = ctx.database;
  const counted = await countedIdentifier(ctx, 'recovery-code', i);
  if (counted.kind === 'rate_limited') return counted;
  const { loginId, account } = counted;
  const now = ctx.clock.now();
  const recovery = account ? await pendingRecovery(db, account.id, i.channel, now) : undefined;
  const purpose = i.channel === 'letter' ? 'recovery_letter' : 'recovery_counter';
  const check = recovery ? await ctx.codes.check(db, { purpose, subjectId: recovery.id, code: i.code }) : undefined;
  if (!account || !recovery || !check?.ok) {
    await recordAudit(
      db,
      {
        type: 'recovery_code_failed',
        accountId: account?.id ?? null,
        ...i.origin,
        details: { channel: i.channel, identifier: maskIdentifier(loginId), reason: check && !check.ok ? check.reason : 'none' },
      },
      now,
    );
    return { kind: 'refused' };
  }
  const contact =
    recovery.new_contact_kind && recovery.new_contact_value
      ? { kind: recovery.new_contact_kind, value: recovery.new_contact_value }
      : undefined;
  const flowToken = await startRecoveryFlow(ctx, {
    accountId: account.id,
    // At the counter the code went to the new contact: it is verified by the same stroke.
    state: i.channel === 'counter' ? 'contact_verified' : 'identity_proven',
    data: { recoveryId: recovery.id, channel: i.channel, ...(contact ? { contact } : {}) },
  });
  return { kind: 'proven', flowToken };
}
