import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { RateLimiter } from '../security/rate-limit';
import { sha256 } from '../shared/crypto';
import type { CheckOutcome } from '../db/tables/attestations.table';
import { parseCode } from './code';
import { surnameKey } from './names';
import { findAttestation, parseSnapshot, recordCheck } from './repository';
import type { Snapshot } from './snapshot';

/**
 * The public check of an attestation (« Vérifier une attestation », no account): a code AND the
 * holder's surname. Whether the code names no attestation or the surname is not the holder's, the
 * answer is the same « non conforme », after the same work: one read, one comparison (against a
 * stand-in when there is no row), one counter update (touching no row when there is none), one log
 * row. « Révoquée », « expirée » and what it certifies are said only after a right code and surname.
 *
 * Each verification is logged in `attestation_checks` (kept 6 months at most: the verification
 * log; not in the security audit trail, kept a year) and counted on the attestation.
 */
export interface VerifyDeps {
  db: Kysely<Database>;
  now: number;
  rateLimiter: RateLimiter;
}

/** Per IP: a verifier checks a few papers, not hundreds. */
export const CHECKS_PER_IP_PER_HOUR = 30;
/** Per code: a few surnames tried on one code, then wait (guessing a surname for a found paper). */
export const CHECKS_PER_CODE_PER_HOUR = 10;
const HOUR_MS = 60 * 60_000;

export type Verification =
  | { kind: 'invalid_code'; reason: 'format' | 'check' }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'non_conforme' }
  | { kind: 'revoquee'; revokedAt: number }
  | { kind: 'expiree'; expiresAt: number }
  | { kind: 'conforme'; snapshot: Snapshot; issuedAt: number; expiresAt: number };

const STAND_IN_KEY = surnameKey('Attestation inconnue');
const STAND_IN_KEYS = JSON.stringify([STAND_IN_KEY]);
/** The birth name and the usage name of the holder. */
const SURNAMES_COMPARED = 2;

export async function verifyAttestation(d: VerifyDeps, i: { code: string; surname: string; ip: string | null }): Promise<Verification> {
  const ipKey = `attestation-check:ip:${i.ip ?? 'unknown'}`;
  const parsed = parseCode(i.code);
  // the code's key is a digest: the rate-limit store never holds a code
  const keys = [ipKey, ...(parsed.ok ? [`attestation-check:code:${sha256(parsed.id).slice(0, 32)}`] : [])];
  const limits = await Promise.all([
    d.rateLimiter.hit(ipKey, CHECKS_PER_IP_PER_HOUR, HOUR_MS),
    ...keys.slice(1).map((k) => d.rateLimiter.hit(k, CHECKS_PER_CODE_PER_HOUR, HOUR_MS)),
  ]);
  const refused = limits.filter((l) => !l.allowed);
  if (refused.length) return { kind: 'throttled', retryAfterMs: Math.max(...refused.map((l) => l.retryAfterMs)) };
  if (!parsed.ok) return { kind: 'invalid_code', reason: parsed.reason };

  const row = await findAttestation(d.db, parsed.id);
  const typed = surnameKey(i.surname);
  const stored: string[] = JSON.parse(row?.surname_keys ?? STAND_IN_KEYS);
  // always SURNAMES_COMPARED comparisons (birth and usage name; a stand-in fills in), whatever the
  // first gives: no early exit, and as many for an unknown code as for a known one
  const compared = Array.from({ length: SURNAMES_COMPARED }, (_, i) => stored[i] ?? STAND_IN_KEY);
  const matches = compared.map((k, i) => sameText(k, typed) && i < stored.length);
  const matched = !!row && typed.length > 0 && matches.some(Boolean);

  let answer: Verification = { kind: 'non_conforme' };
  if (row && matched) {
    if (row.revoked_at !== null) answer = { kind: 'revoquee', revokedAt: Number(row.revoked_at) };
    else if (d.now >= Number(row.expires_at)) answer = { kind: 'expiree', expiresAt: Number(row.expires_at) };
    else answer = { kind: 'conforme', snapshot: parseSnapshot(row), issuedAt: Number(row.issued_at), expiresAt: Number(row.expires_at) };
  }
  await recordCheck(d.db, {
    id: parsed.id,
    surnameMatched: matched,
    attestationId: row?.id ?? null,
    outcome: outcomeOf(answer),
    ip: i.ip,
    now: d.now,
  });
  return answer;
}

function outcomeOf(v: Verification): CheckOutcome {
  return v.kind === 'conforme' || v.kind === 'revoquee' || v.kind === 'expiree' ? v.kind : 'non_conforme';
}

/** Compares two texts in a time that depends on their digests only. */
function sameText(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}
