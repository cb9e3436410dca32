import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAccount } from '../../http/session';
import { requestActor } from '../../http/require-permission';
import { receiptPdf } from '../../demarches/receipt-pdf';
import type { Demarche } from '../../demarches/repository';
import { accessDemarche, draftWithFacts, ownDraft, saveStep, submitRequest, resumeAt } from '../../demarches/service';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { findPage, formStep, pageInput, previousPage, questionsOf, recap, type PageInstance } from '../../forms/engine';
import { toInput } from '../../forms/fields';
import { insetText } from '../../http/views/components';
import { existingFor } from './existing';
import type { Input } from '../../forms/fields';
import type { Question } from '../../forms/definition';
import { sendHtml } from '../../http/errors';
import { backLink, button, checkboxes, errorSummary, form, linkButton, panel, summaryList } from '../../http/views/components';
import { formFields, recapLists } from '../../http/views/form-page';
import { html, type HtmlValue, type SafeHtml } from '../../http/views/html';
import { accountPage, formatDateTime } from '../../http/views/account-page';
import { demarcheNotFound, demarchePath, demarcheTitle, deps, idOf, refusalError, toMyDemarches, DEMARCHES_PATH } from './pages';
import { frenchDate } from './pages';
import { dataNotice } from '../../http/views/data-notice';
import { takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
import { NEW_PATH as NEW_MESSAGE_PATH } from '../contact-caf/views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DemarchesRequestFormDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'resources'>;

/**
 * The form of a brouillon, page by page (one engine for every prestation, src/forms), then
 * « Vérifiez vos réponses », the déclaration sur l'honneur and the accusé de réception. A page
 * refused for its errors goes back to its GET (303), which shows them once with the answers typed
 * (`refuseForm`, src/http/form-state.ts): Back or a reload never meets the answer to a POST.
 *
 *   GET/POST /mon-espace/demarches/:id/etapes/:page   one question group; saved on the server at each « Continuer »
 *   GET      /mon-espace/demarches/:id/verifier       the recap, « Modifier » on each answer
 *   POST     /mon-espace/demarches/:id/envoyer        déclaration sur l'honneur → sent
 *   GET      /mon-espace/demarches/:id/accuse-de-reception(.pdf)
 */
const stepPath = (id: string, key: string, fromRecap = false) => `${demarchePath(id)}/etapes/${key}${fromRecap ? '?retour=verifier' : ''}`;
const checkPath = (id: string) => `${demarchePath(id)}/verifier`;
const receiptPath = (id: string) => `${demarchePath(id)}/accuse-de-reception`;

/** A form post: fields of at most 500 characters (each question sets its own, lower, limit). */
const FormBody = z.record(z.string().max(100), z.union([z.string().max(500), z.array(z.string().max(500)).max(30)]));

function readBody(req: FastifyRequest): Input {
  const r = FormBody.safeParse(req.body ?? {});
  if (!r.success) throw new AppError('VALIDATION_FAILED');
  const { _csrf, ...input } = r.data;
  return input;
}

/**
 * The brouillon of this person, with the Caf's facts of today and the dossier's values to offer;
 * or, when it was sent already (the back button after « Envoyer ma demande », another device),
 * the démarche sent, to say so with the way to its follow-up; `missing` when there is nothing this
 * person may see there (expired, swept, never existed, someone else's: one answer, demarcheNotFound).
 */
async function draftOrSent(ctx: DemarchesRequestFormDeps, req: FastifyRequest) {
  const actor = await requestActor(ctx, req);
  const own = await ownDraft(deps(ctx), actor, idOf(req));
  if (own) {
    const { draft, prefill } = await draftWithFacts(deps(ctx), actor, own);
    return { ...draft, prefill, sent: undefined, missing: false as const };
  }
  const any = await accessDemarche(deps(ctx), actor, idOf(req));
  if (any && any.own && any.demarche.status !== 'brouillon') return { sent: any.demarche, missing: false as const };
  if (any && any.own) throw new AppError('DEMARCHE_GONE');
  return { missing: true as const };
}

type Draft = Exclude<Awaited<ReturnType<typeof draftOrSent>>, { sent: Demarche } | { missing: true }>;

/**
 * Where a brouillon stands, as « Reprendre » says: its first page still to fill, or « Vérifiez vos
 * réponses » when every page is. A step that does not apply to this request (a page whose condition
 * its answers do not meet, or no longer meet: an old tab, the back button, a bookmark) leads there
 * (303) rather than to a « page introuvable »: nothing saved is lost, and what was posted for such a
 * page would not be kept anyway (only the answers that apply are).
 */
function whereItStands(a: Draft, now: number): string {
  const at = resumeAt(a.form, a.demarche, now);
  return at ? stepPath(a.demarche.id, at.key) : checkPath(a.demarche.id);
}

/**
 * « Votre demande a déjà été envoyée »: what the person sees on a page of a brouillon sent since
 * (the back button after sending, another tab or device) — when and under which reference, and the
 * link to its follow-up. A change posted then is not saved (410): the page says so.
 */
function alreadySentPage(req: FastifyRequest, reply: FastifyReply, d: Demarche, o: { changeLost?: boolean } = {}): FastifyReply {
  return demarchePage(
    req,
    reply,
    d,
    'Demande déjà envoyée',
    (title) => html`<span class="govuk-caption-l">${title}</span>
<h1 class="govuk-heading-xl">Votre demande a déjà été envoyée</h1>
<p class="govuk-body">Votre demande « ${title} » a été envoyée à la Caf le ${formatDateTime(d.submitted_at ?? d.updated_at)}${d.reference ? html`, sous la référence <strong>${d.reference}</strong>` : ''}. Elle ne peut plus être modifiée.</p>
${o.changeLost ? html`<p class="govuk-body">La modification que vous venez de faire n’a donc pas été enregistrée. Si votre situation a changé depuis l’envoi, <a class="govuk-link" href="${NEW_MESSAGE_PATH}">écrivez à la Caf</a> en indiquant la référence de la demande.</p>` : ''}
<p class="govuk-body">Suivez son avancement sur la page de suivi : si une pièce justificative est nécessaire, elle vous y sera demandée.</p>
${linkButton('Voir le suivi de ma demande', demarchePath(d.id))}
<p class="govuk-body"><a class="govuk-link" href="${DEMARCHES_PATH}">Voir toutes mes démarches</a></p>`,
    o.changeLost ? 410 : 200,
  );
}

/** The questions of a page, each showing a value the Caf knows with the hint that says so (`prefilledHint`). */
function withPrefilledHints(questions: Question[], prefilled: ReadonlySet<string>): Question[] {
  return questions.map((q) => (prefilled.has(q.id) && q.prefilledHint ? { ...q, hint: q.prefilledHint } : q));
}

/** A page of one démarche after its steps: « <what> – <the démarche's title> », back to « Mes démarches » (« Erreur : » with errors). */
function demarcheHtml(
  req: FastifyRequest,
  d: Demarche,
  what: string,
  content: (title: string) => HtmlValue,
  errors?: FieldError[],
): SafeHtml {
  const { title } = demarcheTitle(d);
  return accountPage(req, { title: `${what} – ${title}`, hasErrors: !!errors?.length, backLink: toMyDemarches }, content(title));
}

function demarchePage(
  req: FastifyRequest,
  reply: FastifyReply,
  d: Demarche,
  what: string,
  content: (title: string) => HtmlValue,
  status = 200,
): FastifyReply {
  return sendHtml(reply, demarcheHtml(req, d, what, content), status);
}

export function requestFormPages(ctx: DemarchesRequestFormDeps): FastifyPluginAsync {
  return async (app) => {
    /** One page of the form: the answers in `input`, the errors at their fields (and in the summary) when given. */
    const stepPage = async (
      req: FastifyRequest,
      a: Draft,
      inst: PageInstance,
      input: Input,
      errors?: FieldError[],
      prefilled: ReadonlySet<string> = new Set(),
    ) => {
      const d = a.demarche;
      const step = formStep(a.form, inst);
      const before = html`${a.prestation ? await existingFor(ctx, req, a.prestation, d.id) : ''}${
        prefilled.size
          ? insetText(
              'Nous avons prérempli ces informations avec ce que la Caf sait de votre foyer. Vérifiez-les et corrigez-les si besoin.',
            )
          : ''
      }`;
      const fromRecap = (req.query as { retour?: string }).retour === 'verifier';
      const prev = previousPage(a.form, d.answers, inst.key);
      const back = fromRecap ? checkPath(d.id) : prev ? stepPath(d.id, prev.key) : DEMARCHES_PATH;
      const { title } = demarcheTitle(d);
      return accountPage(
        req,
        {
          title: `${inst.title} – ${title}`,
          hasErrors: !!errors?.length,
          backLink: html`<nav aria-label="Page précédente">${backLink(back)}</nav>`,
        },
        html`${errorSummary(errors)}
${form(
  { action: stepPath(d.id, inst.key, fromRecap), csrfToken: req.csrfToken },
  html`${formFields({ inst, questions: withPrefilledHints(questionsOf(inst, d.answers), prefilled), input, errors, step, before, answers: d.answers })}
${dataNotice('demande')}
${button(fromRecap ? 'Enregistrer et revenir au récapitulatif' : 'Continuer')}`,
)}
<p class="govuk-body-s">Demande : ${title}. Vos réponses sont enregistrées sur nos serveurs à chaque étape, jusqu’au ${frenchDate(d.expires_at ?? d.updated_at)}. <a class="govuk-link" href="${DEMARCHES_PATH}">Reprendre plus tard</a></p>`,
      );
    };

    app.get(`${DEMARCHES_PATH}/:id/etapes/:page`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await draftOrSent(ctx, req);
      if (a.missing) return demarcheNotFound(req, reply);
      if (a.sent) return alreadySentPage(req, reply, a.sent);
      const inst = findPage(a.form, a.demarche.answers, (req.params as { page: string }).page);
      if (!inst) return reply.redirect(whereItStands(a, ctx.clock.now()), 303);
      // Right after a refused « Continuer »: its errors and the answers typed, once.
      const shown = await takeFormState(ctx, req, reply);
      if (shown) return sendHtml(reply, await stepPage(req, a, inst, shown.values as Input, shown.errors));
      // What the dossier knows, offered in the fields not answered yet (confirmed by « Continuer »).
      const input = pageInput(inst, a.demarche.answers);
      const prefilled = new Set<string>();
      for (const q of inst.copy === undefined ? questionsOf(inst, a.demarche.answers) : []) {
        if (a.demarche.answers[q.id] !== undefined || a.prefill[q.id] === undefined) continue;
        Object.assign(input, toInput(q, a.prefill[q.id]));
        prefilled.add(q.id);
      }
      return sendHtml(reply, await stepPage(req, a, inst, input, undefined, prefilled));
    });

    app.post(`${DEMARCHES_PATH}/:id/etapes/:page`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await draftOrSent(ctx, req);
      if (a.missing) return demarcheNotFound(req, reply);
      if (a.sent) return alreadySentPage(req, reply, a.sent, { changeLost: true });
      const key = (req.params as { page: string }).page;
      if (!findPage(a.form, a.demarche.answers, key)) return reply.redirect(whereItStands(a, ctx.clock.now()), 303);
      const input = readBody(req);
      const r = await saveStep(deps(ctx), await requestActor(ctx, req), a.demarche.id, key, input);
      if ('refusal' in r) throw refusalError(r.refusal);
      // The answers changed elsewhere in between and this page no longer applies: where the request stands.
      if ('notApplicable' in r) return reply.redirect(r.resume ? stepPath(a.demarche.id, r.resume.key) : checkPath(a.demarche.id), 303);
      const fromRecap = (req.query as { retour?: string }).retour === 'verifier';
      if (!r.ok) {
        const inst = findPage(a.form, a.demarche.answers, key)!;
        return refuseForm(ctx, req, reply, formRefusal(r.problems.map((p) => fieldError(p.field, 'VALIDATION_FAILED', p.message))), {
          to: stepPath(a.demarche.id, inst.key, fromRecap),
          values: input,
          render: (errors) => stepPage(req, a, inst, input, errors),
        });
      }
      const missing = resumeAt(a.form, r.demarche, ctx.clock.now());
      const to = fromRecap
        ? missing
          ? stepPath(a.demarche.id, missing.key)
          : checkPath(a.demarche.id)
        : r.next
          ? stepPath(a.demarche.id, r.next.key)
          : checkPath(a.demarche.id);
      return reply.redirect(to, 303);
    });

    const checkPage = (req: FastifyRequest, a: Draft, errors?: FieldError[]) => {
      const d = a.demarche;
      return demarcheHtml(
        req,
        d,
        'Vérifiez vos réponses',
        (title) => html`${errorSummary(errors)}
<span class="govuk-caption-l">${title}</span>
<h1 class="govuk-heading-xl">Vérifiez vos réponses</h1>
${recapLists(recap(a.form, d.answers), (key) => stepPath(d.id, key, true))}
${form(
  { action: `${demarchePath(d.id)}/envoyer`, csrfToken: req.csrfToken },
  html`${checkboxes({
    name: 'declaration',
    legend: 'Déclaration sur l’honneur',
    legendSize: 'm',
    errors,
    choices: [
      {
        value: 'oui',
        label:
          'Je déclare sur l’honneur que les informations de cette demande sont exactes et complètes. Je sais que toute fausse déclaration m’expose à des poursuites et au remboursement des sommes perçues.',
      },
    ],
  })}
${button('Envoyer ma demande')}`,
)}`,
        errors,
      );
    };

    app.get(`${DEMARCHES_PATH}/:id/verifier`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await draftOrSent(ctx, req);
      if (a.missing) return demarcheNotFound(req, reply);
      if (a.sent) return alreadySentPage(req, reply, a.sent);
      const missing = resumeAt(a.form, a.demarche, ctx.clock.now());
      if (missing) return reply.redirect(stepPath(a.demarche.id, missing.key), 303);
      return sendHtml(reply, checkPage(req, a, (await takeFormState(ctx, req, reply))?.errors));
    });

    app.post(`${DEMARCHES_PATH}/:id/envoyer`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await draftOrSent(ctx, req);
      if (a.missing) return demarcheNotFound(req, reply);
      // Sent twice (back, then « Envoyer » again): it was sent once, and is said so.
      if (a.sent) return alreadySentPage(req, reply, a.sent);
      const input = readBody(req);
      const declared = ([] as string[]).concat(input.declaration ?? []).includes('oui');
      const r = await submitRequest(deps(ctx), req.account!, await requestActor(ctx, req), a.demarche.id, {
        declaration: declared,
        agencyPhone: ctx.config.agencyPhone,
      });
      if (r.ok) return reply.redirect(receiptPath(a.demarche.id), 303);
      if ('refusal' in r) throw refusalError(r.refusal);
      if ('incomplete' in r) return reply.redirect(stepPath(a.demarche.id, r.incomplete.key), 303);
      return refuseForm(ctx, req, reply, formRefusal([fieldError('declaration', 'DEMARCHE_DECLARATION_REQUIRED')]), {
        to: checkPath(a.demarche.id),
        render: (errors) => checkPage(req, a, errors),
      });
    });

    app.get(`${DEMARCHES_PATH}/:id/accuse-de-reception`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await accessDemarche(deps(ctx), await requestActor(ctx, req), idOf(req));
      if (!a || !a.own || !a.form || a.demarche.status === 'brouillon') throw new AppError('NOT_FOUND');
      const { demarche: d, form: asked } = a;
      return demarchePage(
        req,
        reply,
        d,
        'Demande envoyée',
        (title) => html`${panel('Demande envoyée', html`Votre référence<br><strong>${d.reference}</strong>`)}
<p class="govuk-body">Votre demande « ${title} » a bien été reçue par la Caf le ${formatDateTime(d.submitted_at ?? d.updated_at)}.</p>
<p class="govuk-body">Nous vous avons envoyé cet accusé de réception ${req.account!.contact_kind === 'email' ? 'par mail' : 'par SMS'}. Vous pouvez aussi le télécharger :</p>
${linkButton('Télécharger l’accusé de réception (PDF)', `${receiptPath(d.id)}.pdf`, { secondary: true })}
<h2 class="govuk-heading-m">Et maintenant ?</h2>
<p class="govuk-body">Un agent de la Caf va étudier votre demande. Suivez son avancement sur la page <a class="govuk-link" href="${demarchePath(d.id)}">Suivi de ma demande</a>, dans « Mes démarches » : si une pièce justificative est nécessaire, elle vous y sera demandée.</p>
<h2 class="govuk-heading-m">Résumé de votre demande</h2>
${summaryList([
  { key: 'Référence', value: d.reference ?? '' },
  { key: 'Date et heure d’envoi', value: formatDateTime(d.submitted_at ?? d.updated_at) },
])}
${recapLists(recap(asked, d.answers, { maskIban: true }))}`,
      );
    });

    app.get(`${DEMARCHES_PATH}/:id/accuse-de-reception.pdf`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await accessDemarche(deps(ctx), await requestActor(ctx, req), idOf(req));
      if (!a || !a.own || !a.form || !a.prestation || a.demarche.status === 'brouillon') throw new AppError('NOT_FOUND');
      const pdf = await receiptPdf({
        demarche: a.demarche,
        prestation: a.prestation,
        form: a.form,
        account: req.account!,
        agencyPhone: ctx.config.agencyPhone,
      });
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="accuse-de-reception-${a.demarche.reference}.pdf"`)
        .send(pdf);
    });
  };
}
