import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PERIOD_ERRORS } from '../../attestations/errors';
import {
  issuePaymentAttestation,
  issueQfAttestation,
  lastMonth,
  PAYMENT_MONTHS_BACK,
  type QfFigures,
  qfFigures,
} from '../../attestations/issue';
import { allowIssue } from '../../attestations/limit';
import { myAttestation, myAttestations, revokeMine } from '../../attestations/manage';
import { currentMonth } from '../../attestations/months';
import { attestationPdf } from '../../attestations/pdf';
import { type DisclosureChoices, PRIVATE_BY_DEFAULT } from '../../attestations/privacy';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { can } from '../../household/permissions';
import { formFields, readForm } from '../../http/api/input';
import { type FormState, type FormValues, keptValue } from '../../http/form-state';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { sendHtml } from '../../http/errors';
import { requirePermission } from '../../http/require-permission';
import { requestOrigin } from '../../http/session';
import { accountPage } from '../../http/views/account-page';
import { backLink, insetText } from '../../http/views/components';
import { html } from '../../http/views/html';
import { agencyDay } from '../../shared/french-time';
import { PaymentForm, QfForm } from './schemas';
import { choicesOf, issueDeps, issuerOf, issueThrottled, limitDeps, verifyUrl } from './use-cases';
import {
  ATTESTATIONS_PATH,
  attestationPath,
  choicesFieldset,
  detailPage,
  issueFormPage,
  listPage,
  monthOptions,
  monthSelect,
  PAYMENT_FORM_PATH,
  QF_FORM_PATH,
  qfFiguresSection,
} from './views';
import type { JourneyDeps } from '../deps';

const CHOICE_KEYS = Object.keys(PRIVATE_BY_DEFAULT) as (keyof DisclosureChoices)[];
const ticked = (v: string | undefined) => v === 'true' || v === 'oui' || v === 'on' || v === '1';

/** The answers of a refused form as its page gets them back: the months typed, the choices ticked (as « oui »). */
function typedAnswers(body: unknown, months: string[]): FormValues {
  const f = formFields(body);
  const out: FormValues = {};
  for (const m of months) out[m] = (f[m] ?? '').slice(0, 7);
  for (const k of CHOICE_KEYS) if (ticked(f[k])) out[k] = 'oui';
  return out;
}

/** The choices a refused form left for its page. */
function keptChoices(shown: FormState): DisclosureChoices {
  return Object.fromEntries(CHOICE_KEYS.map((k) => [k, keptValue(shown, k) === 'oui'])) as unknown as DisclosureChoices;
}

/** What these routes take from the composition root (src/context.ts builds them). */
export type AttestationsPagesDeps = Pick<JourneyDeps, 'attestations' | 'clock' | 'config' | 'database' | 'rateLimiter'>;

/**
 * « Mes attestations » (/mon-espace/attestations): the list of what the person issued with its
 * checks, an attestation de paiement (a month or a period) and de quotient familial (a month), each
 * as a tagged PDF; revoking one. Use cases in src/attestations; who may issue: `issue_attestation`.
 * A refused form goes back to its page with the errors, the months and the choices (303,
 * src/http/form-state.ts); the issuing limit too, the page then answering 429 with Retry-After.
 */
export function attestationsPages(ctx: AttestationsPagesDeps): FastifyPluginAsync {
  const own = requirePermission(ctx, 'consult_personal_data');
  const issuing = requirePermission(ctx, 'issue_attestation');
  const months = () => monthOptions(ctx.clock.now(), PAYMENT_MONTHS_BACK);
  const yearMonths = () => {
    const now = ctx.clock.now();
    return monthOptions(now, Number(currentMonth(now).slice(5, 7)));
  };

  const paymentForm = (req: FastifyRequest, v: { from: string; to: string } & typeof PRIVATE_BY_DEFAULT, errors?: FieldError[]) =>
    issueFormPage(req, {
      title: 'Attestation de paiement',
      intro: html`<p class="govuk-body">Elle atteste ce que la Caf a versé à votre foyer sur un mois ou une période (24 derniers mois au plus). Elle est valable 3 mois.</p>`,
      action: PAYMENT_FORM_PATH,
      submit: 'Obtenir l’attestation',
      ...(errors ? { errors } : {}),
      fields: html`<div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">Période</h2></legend>
${monthSelect({ name: 'from', label: 'Premier mois', months: months(), value: v.from, errors })}
${monthSelect({ name: 'to', label: 'Dernier mois (le même pour un seul mois)', months: months(), value: v.to, errors })}
</fieldset></div>
${choicesFieldset(['detail', 'sensitive', 'dossierNumber', 'address'], v)}`,
    });

  const qfForm = (req: FastifyRequest, figures: QfFigures, v: { month: string } & typeof PRIVATE_BY_DEFAULT, errors?: FieldError[]) =>
    issueFormPage(req, {
      title: 'Attestation de quotient familial',
      intro: html`<p class="govuk-body">Le quotient familial (QF) sert aux crèches, cantines, centres de loisirs. Il se calcule ainsi : (revenus imposables annuels du foyer ÷ 12 + prestations du mois) ÷ nombre de parts. Vous avez 2 parts, plus une demi-part pour chacun des deux premiers enfants à charge, une part pour le troisième, une demi-part pour chacun des suivants. L’attestation est valable jusqu’au 31 décembre.</p>
${qfFiguresSection(figures, ctx.config.agencyPhone)}`,
      action: QF_FORM_PATH,
      submit: 'Obtenir l’attestation',
      ...(errors ? { errors } : {}),
      fields: html`${monthSelect({ name: 'month', label: 'Mois', months: yearMonths(), value: v.month, errors })}
${choicesFieldset(['childrenNames', 'dossierNumber', 'address'], v)}`,
    });

  const unknownResourcesPage = (req: FastifyRequest) => {
    const year = Number(currentMonth(ctx.clock.now()).slice(0, 4));
    return accountPage(
      req,
      { title: 'Attestation de quotient familial', backLink: backLink(ATTESTATIONS_PATH, 'Mes attestations') },
      html`<h1 class="govuk-heading-l">Attestation de quotient familial</h1>
<h2 class="govuk-heading-m">Ressources inconnues</h2>
<p class="govuk-body">Le quotient familial de ${year} se calcule sur les revenus imposables de ${year - 2} de votre foyer. La Caf ne les a pas reçus de l’administration fiscale : sans eux, nous ne pouvons pas calculer votre quotient familial, et nous ne l’inventerons pas.</p>
${insetText(html`Appelez votre Caf au ${ctx.config.agencyPhone} : elle vous dira ce qu’il lui faut pour calculer votre quotient familial. Vous pouvez en attendant obtenir une <a class="govuk-link" href="${PAYMENT_FORM_PATH}">attestation de paiement</a>.`)}`,
    );
  };

  const notFound = () => new AppError('ATTESTATION_NOT_FOUND');

  return async (app) => {
    app.get(ATTESTATIONS_PATH, { preHandler: own }, async (req, reply) => {
      const now = ctx.clock.now();
      const mayIssue = can(req.actor ?? {}, 'issue_attestation', agencyDay(now)).allowed;
      return sendHtml(reply, listPage(req, await myAttestations(ctx.database.db, req.account!.id, now), mayIssue));
    });

    app.get(PAYMENT_FORM_PATH, { preHandler: issuing }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (shown) {
        const kept = { from: keptValue(shown, 'from') ?? '', to: keptValue(shown, 'to') ?? '', ...keptChoices(shown) };
        return sendHtml(reply, paymentForm(req, kept, shown.errors), status);
      }
      const m = lastMonth(ctx.clock.now());
      return sendHtml(reply, paymentForm(req, { from: m, to: m, ...PRIVATE_BY_DEFAULT }));
    });

    app.post(PAYMENT_FORM_PATH, { preHandler: issuing }, async (req, reply) => {
      const values = typedAnswers(req.body, ['from', 'to']);
      const refused = (r: Refusal, v: Parameters<typeof paymentForm>[1]) =>
        refuseForm(ctx, req, reply, r, { to: PAYMENT_FORM_PATH, values, render: (errors) => paymentForm(req, v, errors) });
      const read = readForm(PaymentForm, req);
      if (!read.ok) return refused(formRefusal(read.errors), { from: '', to: '', ...PRIVATE_BY_DEFAULT });
      const v = read.data;
      const limit = await allowIssue(limitDeps(ctx), { accountId: req.account!.id, origin: requestOrigin(req) });
      if (limit.kind === 'throttled') return refused(fieldsRefusal([issueThrottled('from', limit)], limit.retryAfterMs), v);
      const r = await issuePaymentAttestation(issueDeps(ctx), issuerOf(req), { from: v.from, to: v.to, choices: choicesOf(v) });
      if (r.kind === 'invalid') return refused(formRefusal([fieldError(r.field, PERIOD_ERRORS[r.error])]), v);
      if (r.kind === 'nothing_paid') return refused(fieldsRefusal([fieldError('from', 'ATTESTATION_NOTHING_PAID')]), v);
      return issued(reply, r.id);
    });

    // the figures shown beside the form: those of the current month
    const currentFigures = (req: FastifyRequest) =>
      qfFigures(issueDeps(ctx), req.actor!.dossier!.householdId, currentMonth(ctx.clock.now()));

    app.get(QF_FORM_PATH, { preHandler: issuing }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      const figures = await currentFigures(req);
      if (!figures) return sendHtml(reply, unknownResourcesPage(req));
      if (shown)
        return sendHtml(
          reply,
          qfForm(req, figures, { month: keptValue(shown, 'month') ?? '', ...keptChoices(shown) }, shown.errors),
          status,
        );
      return sendHtml(reply, qfForm(req, figures, { month: figures.month, ...PRIVATE_BY_DEFAULT }));
    });

    // Resources unknown: the form's page says so (« Ressources inconnues »).
    app.post(QF_FORM_PATH, { preHandler: issuing }, async (req, reply) => {
      const figures = await currentFigures(req);
      if (!figures) return reply.redirect(QF_FORM_PATH, 303);
      const values = typedAnswers(req.body, ['month']);
      const refused = (r: Refusal, v: Parameters<typeof qfForm>[2]) =>
        refuseForm(ctx, req, reply, r, { to: QF_FORM_PATH, values, render: (errors) => qfForm(req, figures, v, errors) });
      const read = readForm(QfForm, req);
      if (!read.ok) return refused(formRefusal(read.errors), { month: '', ...PRIVATE_BY_DEFAULT });
      const v = read.data;
      const limit = await allowIssue(limitDeps(ctx), { accountId: req.account!.id, origin: requestOrigin(req) });
      if (limit.kind === 'throttled') return refused(fieldsRefusal([issueThrottled('month', limit)], limit.retryAfterMs), v);
      const r = await issueQfAttestation(issueDeps(ctx), issuerOf(req), { month: v.month, choices: choicesOf(v) });
      if (r.kind === 'invalid') return refused(formRefusal([fieldError('month', PERIOD_ERRORS[r.error])]), v);
      if (r.kind === 'resources_unknown') return reply.redirect(QF_FORM_PATH, 303);
      return issued(reply, r.id);
    });

    app.get<{ Params: { id: string } }>(`${ATTESTATIONS_PATH}/:id`, { preHandler: own }, async (req, reply) => {
      const a = await myAttestation(ctx.database.db, req.account!.id, req.params.id, ctx.clock.now());
      if (!a) throw notFound();
      const query = req.query as Record<string, unknown>;
      const justIssued = query.delivree === '1';
      const justRevoked = query.revoquee === '1' && a.status === 'revoquee';
      return sendHtml(reply, detailPage(req, a, { justIssued, justRevoked, verifyUrl: verifyUrl(ctx) }));
    });

    app.get<{ Params: { id: string } }>(`${ATTESTATIONS_PATH}/:id/pdf`, { preHandler: own }, async (req, reply) => {
      const a = await myAttestation(ctx.database.db, req.account!.id, req.params.id, ctx.clock.now());
      if (!a) throw notFound();
      // A revoked attestation is not handed out again: the paper would say « valable » when it is not.
      if (a.status === 'revoquee') throw new AppError('ATTESTATION_REVOKED');
      const pdf = await attestationPdf({ ...a, verifyUrl: verifyUrl(ctx), agencyPhone: ctx.config.agencyPhone });
      const name = a.kind === 'paiement' ? 'attestation-paiement' : 'attestation-quotient-familial';
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}-${agencyDay(a.issuedAt)}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    });

    app.post<{ Params: { id: string } }>(`${ATTESTATIONS_PATH}/:id/revoquer`, { preHandler: own }, async (req, reply) => {
      const a = await myAttestation(ctx.database.db, req.account!.id, req.params.id, ctx.clock.now());
      if (!a) throw notFound();
      await revokeMine({ db: ctx.database.db, now: ctx.clock.now() }, { accountId: req.account!.id, id: a.id, origin: requestOrigin(req) });
      return reply.redirect(`${attestationPath(a.id)}?revoquee=1`, 303);
    });
  };
}

function issued(reply: FastifyReply, id: string): FastifyReply {
  return reply.redirect(`${attestationPath(id)}?delivree=1`, 303);
}
