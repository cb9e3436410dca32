import { describe, expect, it } from 'vitest';
import { CODE_RESEND_COOLDOWN_MS, CODE_TTL_MS, VerificationCodes } from '../../src/auth/verification-codes';
import { TestClock } from '../support/clock';
import { testDatabases } from '../support/databases';

describe.each(testDatabases)('verification codes on $name', ({ open }) => {
  async function setup() {
    const h = await open();
    const clock = new TestClock();
    return { h, clock, codes: new VerificationCodes('test-secret-0123456789-0123456789', () => clock.now()) };
  }

  it('stores only an HMAC, accepts the right code once, and never twice', async () => {
    const { h, codes } = await setup();
    try {
      const { code } = await codes.issue(h.db, { purpose: 'registration_contact', subjectId: 'flow1', destination: 'a@b.fr' });
      expect(code).toMatch(/^\d{6}$/);
      const row = await h.db.selectFrom('verification_codes').selectAll().executeTakeFirstOrThrow();
      expect(row.code_hmac).not.toContain(code);
      expect(await codes.check(h.db, { purpose: 'registration_contact', subjectId: 'flow1', code })).toEqual({
        ok: true,
        destination: 'a@b.fr',
      });
      expect(await codes.check(h.db, { purpose: 'registration_contact', subjectId: 'flow1', code })).toMatchObject({
        ok: false,
        reason: 'none',
      });
    } finally {
      await h.destroy();
    }
  });

  it('allows 5 tries, then even the right code is refused until a new one is issued', async () => {
    const { h, codes } = await setup();
    try {
      const { code } = await codes.issue(h.db, { purpose: 'login', subjectId: 'acc1', destination: '+33612345678' });
      const wrong = code === '000000' ? '111111' : '000000';
      const left: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await codes.check(h.db, { purpose: 'login', subjectId: 'acc1', code: wrong });
        expect(r.ok).toBe(false);
        if (!r.ok) left.push(r.attemptsLeft);
      }
      expect(left).toEqual([4, 3, 2, 1, 0]);
      expect(await codes.check(h.db, { purpose: 'login', subjectId: 'acc1', code })).toMatchObject({
        ok: false,
        reason: 'too_many_attempts',
      });
      const again = await codes.issue(h.db, { purpose: 'login', subjectId: 'acc1', destination: '+33612345678' });
      expect(await codes.check(h.db, { purpose: 'login', subjectId: 'acc1', code: again.code })).toMatchObject({ ok: true });
    } finally {
      await h.destroy();
    }
  });

  it('expires after 10 minutes, voids the previous code, and keeps purposes and subjects apart', async () => {
    const { h, codes, clock } = await setup();
    try {
      const first = await codes.issue(h.db, { purpose: 'password_reset', subjectId: 'acc1', destination: 'x@y.fr' });
      const second = await codes.issue(h.db, { purpose: 'password_reset', subjectId: 'acc1', destination: 'x@y.fr' });
      if (first.code !== second.code) {
        expect(await codes.check(h.db, { purpose: 'password_reset', subjectId: 'acc1', code: first.code })).toMatchObject({ ok: false });
      }
      expect(await codes.check(h.db, { purpose: 'login', subjectId: 'acc1', code: second.code })).toMatchObject({
        ok: false,
        reason: 'none',
      });
      expect(await codes.check(h.db, { purpose: 'password_reset', subjectId: 'acc2', code: second.code })).toMatchObject({
        ok: false,
        reason: 'none',
      });
      clock.advance(CODE_TTL_MS);
      expect(await codes.check(h.db, { purpose: 'password_reset', subjectId: 'acc1', code: second.code })).toMatchObject({
        ok: false,
        reason: 'expired',
      });
    } finally {
      await h.destroy();
    }
  });

  it('says when a new code may be sent (60 s cooldown)', async () => {
    const { h, codes, clock } = await setup();
    try {
      expect(await codes.resendAllowedAt(h.db, 'registration_contact', 'f')).toBe(0);
      await codes.issue(h.db, { purpose: 'registration_contact', subjectId: 'f', destination: 'a@b.fr' });
      expect(await codes.resendAllowedAt(h.db, 'registration_contact', 'f')).toBe(clock.now() + CODE_RESEND_COOLDOWN_MS);
      clock.advance(CODE_RESEND_COOLDOWN_MS);
      expect(await codes.resendAllowedAt(h.db, 'registration_contact', 'f')).toBe(0);
    } finally {
      await h.destroy();
    }
  });

  it('lets concurrent guesses count against the limit (no more than 5 comparisons)', async () => {
    const { h, codes } = await setup();
    try {
      const { code } = await codes.issue(h.db, { purpose: 'login', subjectId: 'acc9', destination: 'a@b.fr' });
      const wrong = code === '999999' ? '888888' : '999999';
      await Promise.all(Array.from({ length: 12 }, () => codes.check(h.db, { purpose: 'login', subjectId: 'acc9', code: wrong })));
      const row = await h.db.selectFrom('verification_codes').select('attempts').executeTakeFirstOrThrow();
      expect(row.attempts).toBe(5);
    } finally {
      await h.destroy();
    }
  });
});
