import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../db/schema';
import { writeAuditRow } from './audit-queue';

/**
 * The security audit trail: append-only rows in `audit_events` (time, account when known, IP,
 * user agent, details). Details never hold a secret: no password, no code, no token, no full NIR
 * (use `maskIdentifier`).
 */
export type AuditEventType =
  // « Créer Mon Compte » (src/journeys/registration): the account created, or the NIR that already had
  // one (nothing created, its owner told). Named so since the first rows were written.
  | 'account.created'
  | 'registration.duplicate_nir'
  | 'login_succeeded'
  | 'login_failed'
  | 'login_throttled'
  | 'code_sent'
  | 'code_failed'
  | 'password_changed'
  | 'password_reset_requested'
  | 'contact_changed'
  | 'session_ended'
  | 'logout'
  // The Caf side (src/agents): `account_id` then names the agent who acted.
  | 'agent_login_succeeded'
  | 'agent_login_failed'
  | 'agent_login_throttled'
  | 'agent_logout'
  | 'agent_demarche_viewed'
  | 'agent_demarche_transition'
  | 'agent_justificatif_requested'
  | 'agent_justificatif_downloaded'
  | 'agent_access_refused'
  // The assistance console (src/journeys/gestion/accounts*.ts): details name the person's account.
  | 'agent_account_searched'
  | 'agent_account_viewed'
  | 'agent_sessions_ended'
  | 'agent_throttle_lifted'
  | 'agent_recovery_started'
  | 'agent_bank_account_confirmed'
  // droits and payments (src/payments): details name the droit or the payment
  | 'agent_droit_changed'
  | 'agent_payment_released'
  // Access recovered without the contact (src/recovery), and new devices.
  | 'recovery_letter_requested'
  | 'recovery_started'
  | 'recovery_code_failed'
  | 'recovery_completed'
  | 'new_device_login'
  | 'bank_account_change_refused'
  // The person's side of a justificatif (src/justificatifs).
  | 'justificatif_uploaded'
  | 'justificatif_removed'
  | 'justificatif_refused'
  | 'justificatif_downloaded'
  // the household (src/household/activity.ts says them in French)
  | 'household_joined'
  | 'procuration_granted'
  | 'procuration_revoked'
  | 'address_changed'
  | 'bank_account_changed'
  | 'separation_declared'
  | 'household_left'
  // the person's rights (src/accounts/closing.ts, src/journeys/personal-data/export.ts)
  | 'personal_data_exported'
  | 'account_closing_code_sent'
  | 'account_closed'
  // « Contacter ma Caf » (src/caf-messages): the person's messages; an agent's look and answer
  | 'caf_message_sent'
  | 'caf_message_file_refused'
  | 'agent_caf_thread_viewed'
  | 'agent_caf_message_sent'
  // attestations (src/attestations; their verifications are logged in attestation_checks, kept 6 months)
  | 'attestation_issued'
  | 'attestation_issue_throttled'
  | 'attestation_revoked';

/** Who did it, from where: taken from the request (see `requestOrigin` in src/http/session.ts). */
export interface AuditOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEvent extends AuditOrigin {
  type: AuditEventType;
  accountId: string | null;
  details?: Record<string, string | number | boolean | null>;
}

const USER_AGENT_MAX = 400;

/**
 * Writes one event. Outside a transaction an event is never lost to a busy or unreachable
 * database: it is queued and written when the database answers again (./audit-queue.ts).
 */
export async function recordAudit(db: Kysely<Database>, e: AuditEvent, now: number): Promise<void> {
  await writeAuditRow(db, auditRow(e, now));
}

/** The row of an audit event, not yet stored (see `recordAudit`, `insertAll`). */
export function auditRow(e: AuditEvent, now: number): Insertable<AuditEventsTable> {
  return {
    at: now,
    type: e.type,
    account_id: e.accountId,
    ip: e.ip,
    user_agent: e.userAgent ? e.userAgent.slice(0, USER_AGENT_MAX) : null,
    details: JSON.stringify(e.details ?? {}),
    // The event's own key: written twice (a retried flush, a replayed journal), it is still one row.
    event_key: randomUUID(),
  };
}

export interface StoredAuditEvent {
  at: number;
  type: string;
  accountId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/** The latest events of one account, newest first (optionally of some types only). */
export async function auditEventsOf(
  db: Kysely<Database>,
  accountId: string,
  o: { types?: AuditEventType[]; limit?: number } = {},
): Promise<StoredAuditEvent[]> {
  let q = db
    .selectFrom('audit_events')
    .select(['at', 'type', 'account_id', 'ip', 'user_agent', 'details'])
    .where('account_id', '=', accountId);
  if (o.types?.length) q = q.where('type', 'in', o.types);
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit ?? 20)
    .execute();
  return rows.map((r) => ({
    at: Number(r.at),
    type: r.type,
    accountId: r.account_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/**
 * An identifier as it may appear in logs and audit details: the first 5 characters and stars
 * (« 18412********** »), so that a full NIR is never written anywhere but in the accounts table.
 */
export function maskIdentifier(identifier: string): string {
  return `${identifier.slice(0, 5)}**********`;
}

/** « Firefox sous Windows », « Chrome sous Android »… for the security page (a rough reading, never trusted). */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return 'Navigateur inconnu';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|Chromium\/|HeadlessChrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : undefined;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : undefined;
  if (!browser && !os) return 'Navigateur inconnu';
  return `${browser ?? 'Navigateur'}${os ? ` sous ${os}` : ''}`;
}
