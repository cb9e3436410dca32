import type { FastifyPluginAsync } from 'fastify';
import { formFields, readForm, readQuery } from '../../http/api/input';
import { keptValue } from '../../http/form-state';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused } from '../refusal';
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
 * minutes); the limit too, the page then answering 429 with Retry-After while it lasts.
 */
const Query = z.object({ code: z.string().max(40).catch('').default('') });

export function verificationPages(ctx: VerificationPagesDeps): FastifyPluginAsync {
  const serviceUrl = new URL(VERIFY_PATH, ctx.config.baseUrl).toString();
  return async (app) => {
    app.get(VERIFY_PATH, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (shown) {
        const kept = { code: keptValue(shown, 'code'), surname: keptValue(shown, 'surname'), errors: shown.errors };
        return sendHtml(privateHeaders(reply), verifyPage({ csrfToken: req.csrfToken, serviceUrl, ...kept }), status);
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
        // The limit (429) goes back too: the page answers it with Retry-After while it lasts.
        const refusal = r.retryAfterMs === undefined ? formRefusal(r.errors) : fieldsRefusal(r.errors, r.retryAfterMs);
        return refuseForm(ctx, req, reply, refusal, { to: VERIFY_PATH, values: { code, surname }, render: page });
      }
      return sendHtml(reply, verifyPage({ csrfToken: req.csrfToken, serviceUrl, code, surname, result: r.result }));
    });
  };
}
