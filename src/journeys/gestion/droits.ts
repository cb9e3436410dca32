import type { DroitChangeKind } from '../../db/tables/payments.table';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AGENT_PATH, requireAgentRole } from '../../http/agent-session';
import type { AppContext } from '../../context';
import { AppError, type FieldError } from '../../errors/app-error';
import { sendHtml } from '../../http/errors';
import { requestOrigin } from '../../http/session';
import { button, errorSummary, form, textInput } from '../../http/views/components';
import { html } from '../../http/views/html';
import { formatDateTime } from '../../http/views/account-page';
import { changeDroitByAgent, releasePaymentByAgent } from '../../payments/caf-actions';
import type { DroitChangeInput } from '../../payments/changes';
import { droitHistory, findDroit } from '../../payments/droits';
import { formatEuros, readAmount, readMonth, readMotif } from '../../payments/inputs';
import { frenchMonth } from '../../payments/months';
import { prestationTitle, STATUS_LABELS } from '../droits/views';
import { agentPage } from './frame';

/**
 * A droit on the Caf side (/gestion/droits/:id): its history, its payments (a held one can be
 * released after the agent checked the bank account), and two forms — a new amount from a month
 * on, or its end — each with the motif the person reads. Instructing agents only.
 */
export const droitPath = (id: string) => `${AGENT_PATH}/droits/${encodeURIComponent(id)}`;
const Body = z.object({
  montant: z.string().max(40).optional(),
  aPartirDe: z.string().max(40).optional(),
  dernierMois: z.string().max(40).optional(),
  motif: z.string().max(10_000).optional(),
});
type Values = z.output<typeof Body> & { errors?: FieldError[]; done?: string };

async function droitPage(ctx: AppContext, req: FastifyRequest, id: string, v: Values = {}) {
  const { db } = ctx.database;
  const droit = await findDroit(db, id);
  if (!droit) throw new AppError('DROIT_NOT_FOUND');
  const [history, payments] = await Promise.all([
    droitHistory(db, id),
    db.selectFrom('payments').selectAll().where('droit_id', '=', id).orderBy('month', 'desc').limit(24).execute(),
  ]);
  const e = v.errors;
  const title = prestationTitle(droit.prestation);
  return agentPage(
    req,
    { title: `Droit ${title}`, hasErrors: !!e?.length },
    html`${errorSummary(e)}
${v.done ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${v.done}</p></div></div>` : ''}
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">Montant actuel : ${formatEuros(droit.monthly_amount_cents)} par mois, depuis ${frenchMonth(droit.first_month)}${droit.last_month ? `, jusqu’à ${frenchMonth(droit.last_month)}` : ''}.</p>
<h2 class="govuk-heading-m">Changer le montant</h2>
${form(
  { action: `${droitPath(id)}/montant`, csrfToken: req.csrfToken },
  html`${textInput({ name: 'montant', label: 'Nouveau montant mensuel', hint: 'En euros, par exemple 245,50.', value: v.montant, suffix: '€', widthClass: 'govuk-input--width-10', errors: e, maxlength: 20 })}
${textInput({ name: 'aPartirDe', label: 'À partir du mois', hint: 'Mois et année, par exemple 03/2027. Un mois déjà payé donne un rappel ou une retenue.', value: v.aPartirDe, widthClass: 'govuk-input--width-10', errors: e, maxlength: 10 })}
${textInput({ name: 'motif', label: 'Motif', hint: 'La personne le lira dans « Mes droits ».', value: v.motif, errors: e, maxlength: 500 })}
${button('Changer le montant')}`,
)}
<h2 class="govuk-heading-m">Mettre fin au droit</h2>
${form(
  { action: `${droitPath(id)}/fin`, csrfToken: req.csrfToken },
  html`${textInput({ name: 'dernierMois', label: 'Dernier mois payé', hint: 'Mois et année, par exemple 08/2027.', value: v.dernierMois, widthClass: 'govuk-input--width-10', errors: e, maxlength: 10 })}
${textInput({ name: 'motifFin', label: 'Motif de la fin', value: undefined, maxlength: 500 })}
${button('Mettre fin au droit', { secondary: true })}`,
)}
<h2 class="govuk-heading-m">Paiements</h2>
<ul class="govuk-list">${payments.map(
      (p) =>
        html`<li>${frenchMonth(p.month)} : ${formatEuros(p.amount_cents)} — ${STATUS_LABELS[p.status]}${
          p.status === 'en_attente'
            ? form(
                { action: `${AGENT_PATH}/paiements/${encodeURIComponent(p.id)}/liberation`, csrfToken: req.csrfToken },
                button(`Libérer le paiement de ${frenchMonth(p.month)} (compte bancaire vérifié)`, { secondary: true }),
              )
            : ''
        }</li>`,
    )}</ul>
<h2 class="govuk-heading-m">Historique</h2>
<ul class="govuk-list">${history.map((c) => html`<li>${formatDateTime(c.at)} : ${CHANGE_LABELS[c.kind]}, à partir de ${frenchMonth(c.from_month)} — « ${c.motif} »</li>`)}</ul>`,
  );
}

/** The kinds of a droit's history, as the agent reads them. */
const CHANGE_LABELS: Record<DroitChangeKind, string> = { attribution: 'droit ouvert', montant: 'montant changé', fin: 'droit terminé' };

export function agentDroitRoutes(app: FastifyInstance, ctx: AppContext): void {
  const instructing = requireAgentRole(ctx, 'instruction');
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
  app.get(`${AGENT_PATH}/droits/:id`, { preHandler: instructing }, async (req, reply) =>
    sendHtml(reply, await droitPage(ctx, req, idOf(req))),
  );

  const change = async (
    req: FastifyRequest,
    read: (
      b: Record<string, string | undefined>,
      prestation: string,
    ) => { change?: DroitChangeInput; motif?: string; errors: FieldError[] },
  ) => {
    const droit = await findDroit(ctx.database.db, idOf(req));
    if (!droit) throw new AppError('DROIT_NOT_FOUND');
    const raw = (req.body ?? {}) as Record<string, string | undefined>;
    const body = Body.parse({
      montant: raw.montant,
      aPartirDe: raw.aPartirDe,
      dernierMois: raw.dernierMois,
      motif: raw.motif ?? raw.motifFin,
    });
    const r = read({ ...body }, droit.prestation);
    if (r.errors.length || !r.change) return { status: 400, page: await droitPage(ctx, req, droit.id, { ...body, errors: r.errors }) };
    await changeDroitByAgent(ctx.database.db, {
      agentId: req.agent!.id,
      droitId: droit.id,
      change: r.change,
      motif: r.motif!,
      now: ctx.clock.now(),
      origin: requestOrigin(req),
      baseUrl: ctx.config.baseUrl,
    });
    return { status: 200, page: await droitPage(ctx, req, droit.id, { done: 'Le droit est modifié. La personne en est informée.' }) };
  };
  app.post(`${AGENT_PATH}/droits/:id/montant`, { preHandler: instructing }, async (req, reply) => {
    const r = await change(req, (b, prestation) => {
      const a = readAmount(prestation, b.montant, 'montant');
      const m = readMonth(b.aPartirDe, 'aPartirDe', true);
      const motif = readMotif(b.motif, 'motif');
      const errors = [...a.errors, ...m.errors, ...motif.errors];
      return errors.length
        ? { errors }
        : { change: { kind: 'montant', fromMonth: m.month!, amountCents: a.cents! }, motif: motif.motif!, errors };
    });
    return sendHtml(reply, r.page, r.status);
  });
  app.post(`${AGENT_PATH}/droits/:id/fin`, { preHandler: instructing }, async (req, reply) => {
    const r = await change(req, (b) => {
      const m = readMonth(b.dernierMois, 'dernierMois', true);
      const motif = readMotif(b.motif, 'motifFin');
      const errors = [...m.errors, ...motif.errors];
      return errors.length ? { errors } : { change: { kind: 'fin', lastMonth: m.month! }, motif: motif.motif!, errors };
    });
    return sendHtml(reply, r.page, r.status);
  });
  app.post(`${AGENT_PATH}/paiements/:id/liberation`, { preHandler: instructing }, async (req, reply) => {
    const payment = await ctx.database.db.selectFrom('payments').select(['id', 'droit_id']).where('id', '=', idOf(req)).executeTakeFirst();
    if (!payment) throw new AppError('PAYMENT_NOT_HELD');
    await releasePaymentByAgent(ctx.database.db, {
      agentId: req.agent!.id,
      paymentId: payment.id,
      now: ctx.clock.now(),
      origin: requestOrigin(req),
    });
    return reply.redirect(droitPath(payment.droit_id), 303);
  });
}
