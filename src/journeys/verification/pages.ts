import { retryAfter } from '../../http/api/answers';
import type { FastifyPluginAsync } from 'fastify';
import { readForm, readQuery } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { z } from 'zod';
import { VerifyForm } from './schemas';
import { check, privateHeaders } from './use-cases';
import { VERIFY_PATH, verifyPage } from './views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type VerificationPagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'rateLimiter'>;

/**
 * « Vérifier une attestation » (public, no account): the code (filled in when the QR code was
 * followed) and the holder's surname, then « conforme » with what the attestation certifies, or
 * « non conforme » (révoquée, expirée). Rate-limited per IP and per code, not cached, not indexed,
 * no referrer; the answer never says whether a dossier exists (src/attestations/verify.ts).
 */
const Query = z.object({ code: z.string().max(40).catch('').default('') });

export function verificationPages(ctx: VerificationPagesDeps): FastifyPluginAsync {
  const serviceUrl = new URL(VERIFY_PATH, ctx.config.baseUrl).toString();
  return async (app) => {
    app.get(VERIFY_PATH, async (req, reply) => {
      const { code } = readQuery(Query, req);
      return sendHtml(privateHeaders(reply), verifyPage({ csrfToken: req.csrfToken, serviceUrl, code }));
    });

    // Its page sends no referrer: the browser posts its form with `Origin: null` (src/http/security/csrf.ts).
    app.post(VERIFY_PATH, { config: { formOfNoReferrerPage: true } }, async (req, reply) => {
      privateHeaders(reply);
      const read = readForm(VerifyForm, req);
      if (!read.ok) return sendHtml(reply, verifyPage({ csrfToken: req.csrfToken, serviceUrl, errors: read.errors }), 400);
      const { code, surname } = read.data;
      const r = await check(ctx, req, { code, surname });
      if (r.kind === 'refused') {
        if (r.retryAfterMs) retryAfter(reply, r.retryAfterMs);
        return sendHtml(reply, verifyPage({ csrfToken: req.csrfToken, serviceUrl, code, surname, errors: r.errors }), r.status);
      }
      return sendHtml(reply, verifyPage({ csrfToken: req.csrfToken, serviceUrl, code, surname, result: r.result }));
    });
  };
}
