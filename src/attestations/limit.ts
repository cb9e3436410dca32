import type { Kysely } from 'kysely';
import { type AuditOrigin, recordAudit } from '../auth/audit';
import type { Database } from '../db/schema';
import type { RateLimiter } from '../security/rate-limit';

/**
 * How many attestations an account may issue: a person needs a few a month (a landlord, a bank, a
 * canteen), not hundreds; each one is a stored snapshot and an audit row. Counted per account in
 * the shared counters, every attempt included (pages and JSON alike), before the work.
 */
export const ISSUES_PER_ACCOUNT_PER_HOUR = 20;
const HOUR_MS = 60 * 60_000;

export type IssueAllowance = { kind: 'allowed' } | { kind: 'throttled'; retryAfterMs: number };

export async function allowIssue(
  d: { db: Kysely<Database>; now: number; rateLimiter: RateLimiter },
  who: { accountId: string; origin: AuditOrigin },
): Promise<IssueAllowance> {
  const r = await d.rateLimiter.hit(`attestation-issue:account:${who.accountId}`, ISSUES_PER_ACCOUNT_PER_HOUR, HOUR_MS);
  if (r.allowed) return { kind: 'allowed' };
  // the first refusal of a window is audited; the ones after it add nothing but rows
  if (r.count === ISSUES_PER_ACCOUNT_PER_HOUR + 1)
    await recordAudit(
      d.db,
      {
        type: 'attestation_issue_throttled',
        accountId: who.accountId,
        ...who.origin,
        details: { limitPerHour: ISSUES_PER_ACCOUNT_PER_HOUR },
      },
      d.now,
    );
  return { kind: 'throttled', retryAfterMs: r.retryAfterMs };
}
