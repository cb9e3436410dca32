import { retryAfter } from '../../http/api/answers';
import type { FastifyPluginAsync } from 'fastify';
import { formFields, readForm, readQuery } from '../../http/api/input';
import { keptValue, takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
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
 * A code or a surname refused goes back to the page with the errors and what was typed (303,
 * src/http/form-state.ts: sealed under the browser's cookie, dropped once shown or after two
 * minutes); the limit (429, Retry-After) is answered at once.
 */
const Query = z.object({ code: z.string().max(40).catch('').default('') });

export function verificationPages(ctx: VerificationPagesDeps): FastifyPluginAsync {
  const serviceUrl = new URL(VERIFY_PATH, ctx.config.baseUrl).toString();
  return async (app) => {
    app.get(VERIFY_PATH, async (req, reply) => {
      const shown = await takeFormState(ctx, req, reply);
      if (shown) {
        const kept = { code: keptValue(shown, 'code'), surname: keptValue(shown, 'surname'), errors: shown.errors };
        return sendHtml(privateHeaders(reply), verifyPage({ csrfToken: req.csrfToken, serviceUrl, ...kept }));
      }
      const { code } = readQuery(Query, req);
      return sendHtml(privateHeaders(reply), verifyPage({ csrfToken: req.csrfToken, serviceUrl, code }));
    });

    // Its page sends no referrer: the browser posts its form with `Origin: null` (src/http/security/csrf.ts).
    app.post(VERIFY_PATH, { config: { formOfNoReferrerPage: true } }, async (req, reply) => {
      privateHeaders(reply);
      const typed = formFields(req.body);
      const values = { code: (typed.code ?? '').slice(0, 40), surname: (typed.surname ?? '').slice(0, 100) };
      const read = readForm(VerifyForm, req);
      if (!read.ok)
        return refuseForm(ctx, req, reply, formRefusal(read.errors), {
          to: VERIFY_PATH,
          values,
          render: (errors) => verifyPage({ csrfToken: req.csrfToken, serviceUrl, ...values, errors }),
        });
      const { code, surname } = read.data;
      const r = await check(ctx, req, { code, surname });
      if (r.kind === 'refused') {
        const page = (errors: typeof r.errors) => verifyPage({ csrfToken: req.csrfToken, serviceUrl, code, surname, errors });
        if (r.status !== 429)
          return refuseForm(ctx, req, reply, formRefusal(r.errors), { to: VERIFY_PATH, values: { code, surname }, render: page });
        if (r.retryAfterMs) retryAfter(reply, r.retryAfterMs);
        return sendHtml(reply, page(r.errors), r.status);
      }
      return sendHtml(reply, verifyPage({ csrfToken: req.csrfToken, serviceUrl, code, surname, result: r.result }));
    });
  };
}
