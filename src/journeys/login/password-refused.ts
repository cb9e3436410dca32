import { maskIdentifier, recordAudit, type AuditEventType, type AuditOrigin } from '../../auth/audit';
import type { PasswordCheckResult } from '../../auth/password-check';
import type { JourneyDeps } from '../deps';

/** What a login answers when the one password check refuses (the pages and the JSON routes say how long to wait). */
export type PasswordRefused = { kind: 'throttled' | 'invalid'; retryAfterMs: number };

/**
 * The password step of a login (people's and agents') refused by the one password check: the audit
 * event — `throttled` names nobody, `failed` the holder if the identifier has one — then the outcome.
 * The identifier is masked in the audit trail.
 */
export async function passwordRefused(
  d: Pick<JourneyDeps, 'clock' | 'database'>,
  r: Exclude<PasswordCheckResult<{ id: string }>, { ok: true }>,
  e: { throttled: AuditEventType; failed: AuditEventType; loginId: string; origin: AuditOrigin },
): Promise<PasswordRefused> {
  const identifier = maskIdentifier(e.loginId);
  await recordAudit(
    d.database.db,
    r.kind === 'throttled'
      ? { type: e.throttled, accountId: null, ...e.origin, details: { identifier, scope: r.scope, retryAfterMs: r.retryAfterMs } }
      : {
          type: e.failed,
          accountId: r.holder?.id ?? null,
          ...e.origin,
          details: { identifier, reason: r.holder ? 'wrong_password' : 'unknown_identifier' },
        },
    d.clock.now(),
  );
  return { kind: r.kind === 'throttled' ? 'throttled' : 'invalid', retryAfterMs: r.retryAfterMs };
}
