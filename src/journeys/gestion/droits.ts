import type { DroitChangeKind } from '../../db/tables/payments.table';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AGENT_PATH, requireAgentRole } from '../../http/agent-session';
import { agentFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { sendHtml } from '../../http/errors';
import { keptValue, takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
import { requestOrigin } from '../../http/session';
import { button, errorSummary, form, textInput } from '../../http/views/components';
import { html } from '../../http/views/html';
import { formatDateTime } from '../../http/views/account-page';
import { changeDroitByAgent, releasePaymentByAgent } from '../../payments/caf-actions';
import type { DroitChangeInput } from '../../payments/changes';
import { amountPeriods } from '../../payments/amounts';
import { droitHistory, findDroit } from '../../payments/droits';
import { formatEuros, readAmount, readMonth, readMotif } from '../../payments/inputs';
import { frenchMonth } from '../../payments/months';
import { deDate } from '../../shared/french-time';
import { prestationTitle, STATUS_LABELS } from '../droits/views';
import { type AdjustmentRow, adjustmentsSection, amountPeriodsTable, DROIT_DONE, type DroitDone, doneBanner } from './droit-views';
import { agentPage } from './frame';
import { demarchePath } from './list';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type GestionDroitsDeps = Pick<JourneyDeps, 'agentSessions' | 'clock' | 'config' | 'database'>;

/**
 * A droit on the Caf side (/gestion/droits/:id): the démarche it came from, its amount period by
 * period, its rappels and indus, its payments (a held one can be released after the agent checked
 * the bank account), its history, and two forms — a new amount from a month on, or its end — each
 * with the motif the person reads. Post/redirect/get: a done action lands back on the page with a
 * banner (after a change, the rappels and indus it created), so a reload resubmits nothing; a field
 * error re-renders the page with what was typed. Instructing agents only.
 */
export const droitPath = (id: string) => `${AGENT_PATH}/droits/${encodeURIComponent(id)}`;
const Body = z.object({
  montant: z.string().max(40).optional(),
  aPartirDe: z.string().max(40).optional(),
  dernierMois: z.string().max(40).optional(),
  motif: z.string().max(10_000).optional(),
  motifFin: z.string().max(10_000).optional(),
});
type Values = z.output<typeof Body> & { errors?: FieldError[]; done?: DroitDone; created?: AdjustmentRow[] | null };

async function droitPage(ctx: GestionDroitsDeps, req: FastifyRequest, id: string, v: Values = {}) {
  const { db } = ctx.database;
  const droit = await findDroit(db, id);
  if (!droit) throw new AppError('DROIT_NOT_FOUND');
  const [history, payments, adjustments, demarche] = await Promise.all([
    droitHistory(db, id),
    db.selectFrom('payments').selectAll().where('droit_id', '=', id).orderBy('month', 'desc').limit(24).execute(),
    db.selectFrom('payment_adjustments').selectAll().where('droit_id', '=', id).orderBy('change_seq', 'desc').orderBy('month').execute(),
    droit.demarche_id
      ? db.selectFrom('demarches').select(['id', 'reference']).where('id', '=', droit.demarche_id).executeTakeFirst()
      : undefined,
  ]);
  const e = v.errors;
  const title = prestationTitle(droit.prestation);
  return agentPage(
    req,
    { title: `Droit ${title}`, hasErrors: !!e?.length },
    html`${errorSummary(e)}
${v.done ? doneBanner(v.done, v.created ?? null) : ''}
<h1 class="govuk-heading-l">${title}</h1>
${
  demarche
    ? html`<p class="govuk-body"><a class="govuk-link" href="${demarchePath(demarche.id)}">Voir la démarche à l’origine de ce droit${demarche.reference ? ` (référence ${demarche.reference})` : ''}</a></p>`
    : html`<p class="govuk-body">Ce droit ne vient pas d’une démarche faite dans Mon Compte.</p>`
}
<p class="govuk-body">Premier mois : ${frenchMonth(droit.first_month)}. ${droit.last_month ? `Dernier mois : ${frenchMonth(droit.last_month)}.` : 'Sans date de fin.'}</p>
${amountPeriodsTable(amountPeriods(droit, history))}
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
${textInput({ name: 'motifFin', label: 'Motif de la fin', hint: 'La personne le lira dans « Mes droits ».', value: v.motifFin, errors: e, maxlength: 500 })}
${button('Mettre fin au droit', { secondary: true })}`,
)}
${adjustmentsSection(adjustments)}
<h2 class="govuk-heading-m">Paiements</h2>
<ul class="govuk-list">${payments.map(
      (p) =>
        html`<li>${frenchMonth(p.month)} : ${formatEuros(p.amount_cents)} — ${STATUS_LABELS[p.status]}${
          p.status === 'en_attente'
            ? form(
                { action: `${AGENT_PATH}/paiements/${encodeURIComponent(p.id)}/liberation`, csrfToken: req.csrfToken },
                button(`Libérer le paiement ${deDate(frenchMonth(p.month))} (compte bancaire vérifié)`, { secondary: true }),
              )
            : ''
        }</li>`,
    )}</ul>
<h2 class="govuk-heading-m">Historique</h2>
<ul class="govuk-list">${history.map((c) => html`<li>${formatDateTime(c.at)} : ${CHANGE_LABELS[c.kind]}, à partir ${deDate(frenchMonth(c.from_month))} — « ${c.motif} »</li>`)}</ul>`,
  );
}

/** The kinds of a droit's history, as the agent reads them. */
const CHANGE_LABELS: Record<DroitChangeKind, string> = { attribution: 'droit ouvert', montant: 'montant changé', fin: 'droit terminé' };

/** The refusals of src/payments/changes.ts a stale page can meet, shown at the field they concern. */
const CHANGE_REFUSALS: Partial<Record<string, string>> = { DROIT_ENDED: 'aPartirDe', DROIT_LAST_MONTH_BEFORE_FIRST: 'dernierMois' };

export function agentDroitRoutes(app: FastifyInstance, ctx: GestionDroitsDeps): void {
  const instructing = requireAgentRole(ctx, 'instruction');
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
  app.get(`${AGENT_PATH}/droits/:id`, { preHandler: instructing }, async (req, reply) => {
    const shown = await takeFormState(ctx, req, reply);
    if (shown) {
      const typed = Object.fromEntries(Body.keyof().options.map((k) => [k, keptValue(shown, k)]));
      return sendHtml(reply, await droitPage(ctx, req, idOf(req), { ...Body.parse(typed), errors: shown.errors }));
    }
    // the notice: what was done, and after a change the seq of that change (its rappels and indus)
    const [fait, changement] = ((await takeNotice(agentFlash(ctx, req), req)) ?? '').split(':');
    const done = fait && Object.hasOwn(DROIT_DONE, fait) ? (fait as DroitDone) : undefined;
    const seq = done && done !== 'liberation' && /^\d{1,6}$/.test(changement ?? '') ? Number(changement) : undefined;
    const created =
      seq === undefined
        ? null
        : await ctx.database.db
            .selectFrom('payment_adjustments')
            .selectAll()
            .where('droit_id', '=', idOf(req))
            .where('change_seq', '=', seq)
            .orderBy('month')
            .execute();
    return sendHtml(reply, await droitPage(ctx, req, idOf(req), done ? { done, created } : {}));
  });

  /** Runs a change: a field error, or a stale page's refusal, goes back to the page with what was typed (303); done, too. */
  const change = async (
    req: FastifyRequest,
    reply: FastifyReply,
    done: DroitDone,
    read: (b: z.output<typeof Body>, prestation: string) => { change?: DroitChangeInput; motif?: string; errors: FieldError[] },
  ) => {
    const droit = await findDroit(ctx.database.db, idOf(req));
    if (!droit) throw new AppError('DROIT_NOT_FOUND');
    const raw = (req.body ?? {}) as Record<string, string | undefined>;
    const body = Body.parse({
      montant: raw.montant,
      aPartirDe: raw.aPartirDe,
      dernierMois: raw.dernierMois,
      motif: raw.motif,
      motifFin: raw.motifFin,
    });
    const r = read(body, droit.prestation);
    const refused = (errors: FieldError[]) =>
      refuseForm(ctx, req, reply, formRefusal(errors), {
        to: droitPath(droit.id),
        values: body,
        render: async (shown) => droitPage(ctx, req, droit.id, { ...body, errors: shown }),
      });
    if (r.errors.length || !r.change) return refused(r.errors);
    try {
      const result = await changeDroitByAgent(ctx.database.db, {
        agentId: req.agent!.id,
        droitId: droit.id,
        change: r.change,
        motif: r.motif!,
        now: ctx.clock.now(),
        origin: requestOrigin(req),
        baseUrl: ctx.config.baseUrl,
      });
      return redirectWithNotice(agentFlash(ctx, req), reply, droitPath(droit.id), `${done}:${result.change.seq}`);
    } catch (err) {
      const field = err instanceof AppError ? CHANGE_REFUSALS[err.code] : undefined;
      if (!field) throw err;
      return refused([fieldError(field, (err as AppError).code)]);
    }
  };
  app.post(`${AGENT_PATH}/droits/:id/montant`, { preHandler: instructing }, (req, reply) =>
    change(req, reply, 'montant', (b, prestation) => {
      const a = readAmount(prestation, b.montant, 'montant');
      const m = readMonth(b.aPartirDe, 'aPartirDe', true);
      const motif = readMotif(b.motif, 'motif');
      const errors = [...a.errors, ...m.errors, ...motif.errors];
      return errors.length
        ? { errors }
        : { change: { kind: 'montant', fromMonth: m.month!, amountCents: a.cents! }, motif: motif.motif!, errors };
    }),
  );
  app.post(`${AGENT_PATH}/droits/:id/fin`, { preHandler: instructing }, (req, reply) =>
    change(req, reply, 'fin', (b) => {
      const m = readMonth(b.dernierMois, 'dernierMois', true, 'Indiquez le dernier mois payé du droit, par exemple 08/2027.');
      const motif = readMotif(b.motifFin, 'motifFin', 'Indiquez le motif de la fin du droit : la personne le lira dans « Mes droits ».');
      const errors = [...m.errors, ...motif.errors];
      return errors.length ? { errors } : { change: { kind: 'fin', lastMonth: m.month! }, motif: motif.motif!, errors };
    }),
  );
  app.post(`${AGENT_PATH}/paiements/:id/liberation`, { preHandler: instructing }, async (req, reply) => {
    const payment = await ctx.database.db.selectFrom('payments').select(['id', 'droit_id']).where('id', '=', idOf(req)).executeTakeFirst();
    if (!payment) throw new AppError('PAYMENT_NOT_HELD');
    await releasePaymentByAgent(ctx.database.db, {
      agentId: req.agent!.id,
      paymentId: payment.id,
      now: ctx.clock.now(),
      origin: requestOrigin(req),
    });
    return redirectWithNotice(agentFlash(ctx, req), reply, droitPath(payment.droit_id), 'liberation');
  });
}
