import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { CodeCheck, CodeStepRefused } from '../../auth/verification-codes';
import type { JourneyDeps } from '../deps';

/** What the code step of a flow receives: the flow's token (cookie or `flowId`), the code as read, where the request came from. */
export interface CodeEntry {
  flowToken: string | undefined;
  code: string;
  origin: AuditOrigin;
}

/**
 * A code refused at the code step of a login (people's and agents'), « Mot de passe oublié ? », a
 * contact change or a recovery: the `code_failed` audit event, then the outcome that the page and
 * the JSON route turn into a field error.
 */
export async function codeFailed(
  d: Pick<JourneyDeps, 'clock' | 'database'>,
  step: { purpose: string; accountId: string | null; origin: AuditOrigin },
  r: Pick<Extract<CodeCheck, { ok: false }>, 'reason' | 'attemptsLeft'>,
): Promise<Extract<CodeStepRefused, { kind: 'code_error' }>> {
  await recordAudit(
    d.database.db,
    { type: 'code_failed', accountId: step.accountId, ...step.origin, details: { purpose: step.purpose, reason: r.reason } },
    d.clock.now(),
  );
  return { kind: 'code_error', reason: r.reason, attemptsLeft: r.attemptsLeft };
}
