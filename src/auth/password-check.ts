import type { LoginThrottle, ThrottleSubject } from '../security/login-throttle';
import type { PasswordHasher } from './passwords';

/**
 * THE password check, used by every step that takes a password: the person's login, the agents'
 * login, the re-authentication before a credential or procuration change, and the FranceConnect
 * « compte existant » proof.
 *
 * 1. The attempt is reserved first (`LoginThrottle.reserve`): counted as a failure for the
 *    identifier and the IP in one atomic step per key, before anything else is read — so that 21
 *    concurrent guesses can never all be evaluated (at most the throttle's threshold are).
 * 2. The holder of the password (account, agent) is looked up only once the attempt is allowed, and
 *    the password is verified with argon2id in libuv's pool (off the event loop). Without a holder
 *    (unknown identifier), a dummy verification with the same parameters is spent: same keys, same
 *    work, same answer — nothing tells an unknown identifier from a wrong password.
 * 3. A right password gives the attempt back (`refund`); a wrong one stays counted.
 *
 * Clearing the identifier's failures after a complete login (`LoginThrottle.success`) stays with the
 * caller: a login with a second factor clears them only once its code is right.
 */
/** Longer input is cut before argon2id: nobody types 1,024 characters, and a megabyte must not cost a megabyte. */
export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordHolder {
  password_hash: string | null;
}

export type PasswordCheckResult<T> =
  | { ok: true; holder: T }
  | { ok: false; kind: 'throttled'; retryAfterMs: number; scope: 'identifier' | 'ip' }
  /** `retryAfterMs`: the wait this failure imposes (0: none yet); `holder`: undefined for an unknown identifier */
  | { ok: false; kind: 'wrong'; retryAfterMs: number; holder: T | undefined };

export class PasswordCheck {
  constructor(private readonly d: { throttle: LoginThrottle; passwords: PasswordHasher }) {}

  /** `find`: the holder of the password, read only when the attempt is allowed (undefined: unknown identifier). */
  async check<T extends PasswordHolder>(
    subject: ThrottleSubject,
    password: string,
    find: () => Promise<T | undefined> | T | undefined,
  ): Promise<PasswordCheckResult<T>> {
    const reserved = await this.d.throttle.reserve(subject);
    if (!reserved.allowed) return { ok: false, kind: 'throttled', retryAfterMs: reserved.retryAfterMs, scope: reserved.scope };
    const holder = await find();
    const typed = password.slice(0, MAX_PASSWORD_LENGTH);
    const right = holder?.password_hash
      ? await this.d.passwords.verify(holder.password_hash, typed)
      : await this.d.passwords.verifyDummy(typed);
    if (!right || !holder) return { ok: false, kind: 'wrong', retryAfterMs: reserved.retryAfterMs, holder };
    await this.d.throttle.refund(subject, reserved);
    return { ok: true, holder };
  }
}
