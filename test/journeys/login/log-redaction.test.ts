import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../../src/auth/audit';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../../../src/shared/log-redaction';

describe('nothing secret in the logs', () => {
  it('redacts passwords, codes, CSRF tokens, identifiers, cookies and database error details', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = pino({ redact: { paths: LOG_REDACT_PATHS, censor: LOG_REDACT_CENSOR } }, sink);
    log.info({
      req: {
        headers: { cookie: 'mc_session=abc', authorization: 'Bearer x' },
        body: {
          identifier: '284127505612345',
          password: 'MotDePasse2026',
          passwordConfirmation: 'MotDePasse2026',
          currentPassword: 'Ancien2025xx',
          code: '123456',
          _csrf: 'tok',
          nir: '284127505612345',
        },
      },
      err: { message: 'duplicate key', detail: 'Key (login_id)=(284127505612345) already exists.' },
    });
    const out = lines.join('');
    for (const secret of ['284127505612345', 'MotDePasse2026', 'Ancien2025xx', '123456', 'mc_session=abc', 'Bearer x', '"tok"'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[masqué]');
  });

  it('masks an identifier for audit details: 5 characters and stars', () => {
    expect(maskIdentifier('284127505612345')).toBe('28412**********');
  });
});
