import { randomInt } from 'node:crypto';
import { updatedOneRow } from '../db/updated-one';
import type { Kysely } from 'kysely';
import type { Database, VerificationCodesTable } from '../db/schema';
import { hmac, randomToken, safeEqual } from '../shared/crypto';

/**
 * One-time codes (contact verification, login second factor, password reset, contact change):
 * 6 digits from the CSPRNG, stored only as an HMAC, valid 10 minutes, single use, a few attempts —
 * counted *before* comparing — then a new code is needed. Issuing a code voids the previous ones of
 * the same subject and purpose. A cooldown before re-sending is exposed for the pages' countdown.
 */
export type CodePurpose = VerificationCodesTable['purpose'];

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_COOLDOWN_MS = 60_000;

export type CodeCheck =
  | { ok: true; destination: string }
  | { ok: false; reason: 'none' | 'expired' | 'too_many_attempts' | 'wrong'; attemptsLeft: number };

/** Why a code step did not go through: the flow is gone, or the code typed was refused (tries left). Every code step answers one of these, or its own success. */
export type CodeStepRefused =
  | { kind: 'flow_expired' }
  | { kind: 'code_error'; reason: Exclude<CodeCheck, { ok: true }>['reason']; attemptsLeft: number };

export class VerificationCodes {
  constructor(
    private readonly secret: string,
    private readonly now: () => number,
  ) {}

  /**
   * A new code for `subjectId` (flow or account), the earlier ones voided. Returns the code in clear,
   * to be sent — never stored.
   */
  async issue(
    db: Kysely<Database>,
    o: { purpose: CodePurpose; subjectId: string; destination: string; ttlMs?: number },
  ): Promise<{ code: string; expiresAt: number }> {
    const { code, expiresAt, row } = this.prepare(o);
    await db
      .updateTable('verification_codes')
      .set({ consumed_at: row.created_at })
      .where('subject_id', '=', o.subjectId)
      .where('purpose', '=', o.purpose)
      .where('consumed_at', 'is', null)
      .execute();
    await db.insertInto('verification_codes').values(row).execute();
    return { code, expiresAt };
  }

  /**
   * A new code and its row, not yet stored: for a subject created in the same write (it cannot have
   * earlier codes to void), stored with the other rows by `insertAll`. `issue` is the usual way.
   */
  prepare(o: { purpose: CodePurpose; subjectId: string; destination: string; ttlMs?: number }): {
    code: string;
    expiresAt: number;
    row: VerificationCodesTable;
  } {
    const t = this.now();
    // Only a code sent by post lives longer than CODE_TTL_MS (src/journeys/recovery/letter.ts: 30 days).
    const ttl = o.ttlMs ?? CODE_TTL_MS;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const row: VerificationCodesTable = {
      id: randomToken(16),
      purpose: o.purpose,
      subject_id: o.subjectId,
      destination: o.destination,
      code_hmac: this.digest(o.purpose, o.subjectId, code),
      attempts: 0,
      max_attempts: CODE_MAX_ATTEMPTS,
      created_at: t,
      expires_at: t + ttl,
      consumed_at: null,
    };
    return { code, expiresAt: t + ttl, row };
  }

  /** Checks a code typed by the person; on success the code is consumed (atomically, once). */
  async check(db: Kysely<Database>, o: { purpose: CodePurpose; subjectId: string; code: string }): Promise<CodeCheck> {
    const t = this.now();
    const row = await this.latest(db, o.purpose, o.subjectId);
    if (!row || row.consumed_at !== null) return { ok: false, reason: 'none', attemptsLeft: 0 };
    if (row.expires_at <= t) return { ok: false, reason: 'expired', attemptsLeft: 0 };
    // Count the attempt first: concurrent guesses cannot exceed the limit.
    const counted = await db
      .updateTable('verification_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .where('consumed_at', 'is', null)
      .where('attempts', '<', row.max_attempts)
      .executeTakeFirst();
    if (Number(counted.numUpdatedRows) !== 1) return { ok: false, reason: 'too_many_attempts', attemptsLeft: 0 };
    const attemptsLeft = row.max_attempts - row.attempts - 1;
    const typed = o.code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed) || !safeEqual(this.digest(o.purpose, o.subjectId, typed), row.code_hmac)) {
      return { ok: false, reason: attemptsLeft > 0 ? 'wrong' : 'too_many_attempts', attemptsLeft };
    }
    const consumed = await updatedOneRow(
      db.updateTable('verification_codes').set({ consumed_at: t }).where('id', '=', row.id).where('consumed_at', 'is', null),
    );
    if (!consumed) return { ok: false, reason: 'none', attemptsLeft: 0 };
    return { ok: true, destination: row.destination };
  }

  /** When a new code may be sent (the countdown on the page); `0` when it may be sent now. */
  async resendAllowedAt(db: Kysely<Database>, purpose: CodePurpose, subjectId: string): Promise<number> {
    const row = await this.latest(db, purpose, subjectId);
    if (!row) return 0;
    const at = row.created_at + CODE_RESEND_COOLDOWN_MS;
    return at > this.now() ? at : 0;
  }

  private latest(db: Kysely<Database>, purpose: CodePurpose, subjectId: string) {
    return db
      .selectFrom('verification_codes')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('purpose', '=', purpose)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  private digest(purpose: string, subjectId: string, code: string): string {
    return hmac(this.secret, 'verification-code', purpose, subjectId, code);
  }
}
