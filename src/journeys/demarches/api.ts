import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import { EVENT_LABELS, STATUS_LABELS, type DemarcheEvent } from '../../demarches/machine';
import { StaleDemarcheError, demarcheHistory, markDecisionRead, type Demarche } from '../../demarches/repository';
import { accessDemarche, demarchesOf, ownDraft, resumeAt, saveStep, startRequest, submitRequest } from '../../demarches/service';
import { AppError, ValidationError, fieldError } from '../../errors/app-error';
import type { FormDefinition } from '../../forms/definition';
import { visiblePages } from '../../forms/engine';
import { formOf } from '../../forms/definitions';
import { speakPage } from '../../forms/words';
import { findPrestation, prestations, themes } from '../../prestations/catalogue';
import { decisionPdfPath, demarchePath, demarcheTitle, deps, isDeclaration, refusalError } from './pages';
import { decisionLabel, decisionOf } from '../../demarches/decision';
import { appealRouteOf } from '../../prestations/appeals';
import {
  Catalogue,
  DemarcheDetail,
  DemarcheList,
  DemarcheParams,
  DemarcheSummary,
  FormView,
  PageAnswersBody,
  PageParams,
  PageSaved,
  Slug,
  StartDemarcheBody,
  SubmissionBody,
  Submitted,
} from './schemas';
import { iso } from '../../http/api/answers';
import { apiRoutes } from '../../http/api/route';
import { requestActor } from '../../http/require-permission';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DemarchesApiDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'resources'>;

/**
 * The person's démarches in JSON, from the same use cases as the pages (src/demarches/service.ts):
 * the catalogue and its forms, start a brouillon, save a page of answers (optimistic version: 409
 * when it changed elsewhere), submit with the déclaration sur l'honneur, list and read démarches.
 */
const tags = ['Démarches'];

/** Saved or sent from elsewhere since the version the client read: 409. */
function conflict(e: unknown): never {
  throw e instanceof StaleDemarcheError ? new AppError('DEMARCHE_CONFLICT') : e;
}

function summary(d: Demarche): z.input<typeof DemarcheSummary> {
  return {
    id: d.id,
    prestation: d.prestation,
    title: demarcheTitle(d).title,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    version: d.version,
    reference: d.reference,
    createdAt: iso(d.created_at),
    submittedAt: d.submitted_at === null ? null : iso(d.submitted_at),
    expiresAt: d.expires_at === null ? null : iso(d.expires_at),
  };
}

/** A form as anyone may read it: no household, so the partner is « votre conjoint(e) » (src/forms/words.ts). */
function formView(f: FormDefinition): z.input<typeof FormView> {
  return {
    prestation: f.prestation,
    sections: f.sections.map((s) => ({
      id: s.id,
      title: s.title,
      pages: s.pages
        .map((written) => speakPage(written, undefined))
        .map((p) => ({
          id: p.id,
          title: p.title,
          ...(p.repeat ? { repeatedBy: p.repeat.count } : {}),
          questions: p.questions.map((q) => ({
            id: q.id,
            type: q.type,
            label: q.label,
            hint: q.hint,
            optional: !!q.optional,
            ...('options' in q ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
          })),
        })),
    })),
  };
}

export function demarchesApi(ctx: DemarchesApiDeps): FastifyPluginAsync {
  return async (app) => {
    const publicRoute = apiRoutes(app, { tags });
    const route = apiRoutes(app, { tags, session: true });
    publicRoute({
      method: 'GET',
      url: '/api/catalogue',
      summary: 'Les thèmes et les prestations, avec qui peut les demander',
      response: Catalogue,
      handler: async () => ({
        themes: themes.map((t) => ({ slug: t.slug, title: t.title, description: t.description })),
        prestations: prestations.map((p) => ({
          slug: p.slug,
          theme: p.theme,
          title: p.title,
          summary: p.summary,
          description: p.description,
          requester: p.requester,
          online: p.online,
          hasForm: !!formOf(p.slug),
          ...(p.elsewhere ? { elsewhere: p.elsewhere } : {}),
        })),
      }),
    });

    publicRoute({
      method: 'GET',
      url: '/api/catalogue/:slug/formulaire',
      summary: 'Le formulaire d’une prestation : sections, pages, questions',
      params: Slug,
      response: FormView,
      errors: [404],
      handler: async ({ params }) => {
        const f = findPrestation(params.slug)?.online ? formOf(params.slug) : undefined;
        if (!f) throw new AppError('NOT_FOUND');
        return formView(f);
      },
    });

    route({
      method: 'GET',
      url: '/api/demarches',
      summary: 'Mes démarches, et celles du foyer pour qui gère le dossier',
      response: DemarcheList,
      handler: async ({ req }) => {
        const { own, household } = await demarchesOf(deps(ctx), await requestActor(ctx, req));
        return { own: own.map(summary), household: household.map(summary) };
      },
    });

    route({
      method: 'POST',
      url: '/api/demarches',
      summary: 'Commencer une demande (le brouillon déjà commencé pour cette prestation, s’il existe)',
      body: StartDemarcheBody,
      response: DemarcheSummary,
      status: 201,
      errors: [403, 404],
      handler: async ({ body, req }) => {
        const r = await startRequest(deps(ctx), await requestActor(ctx, req), body.prestation);
        if (!r.ok) throw refusalError(r.refusal);
        return summary(r.demarche);
      },
    });

    route({
      method: 'GET',
      url: '/api/demarches/:id',
      summary: 'Une démarche : statut, réponses, pages, historique',
      params: DemarcheParams,
      response: DemarcheDetail,
      errors: [404],
      handler: async ({ params, req }) => {
        const a = await accessDemarche(deps(ctx), await requestActor(ctx, req), params.id);
        if (!a) throw new AppError('NOT_FOUND');
        const d = a.demarche;
        const history = await demarcheHistory(ctx.database.db, d.id);
        const next = a.form && d.status === 'brouillon' ? resumeAt(a.form, d, ctx.clock.now()) : undefined;
        const decision = decisionOf(d.status, history);
        const appeal = decision?.status === 'refusee' ? appealRouteOf(d.prestation) : undefined;
        if (decision && a.own) await markDecisionRead(ctx.database.db, { id: d.id, accountId: req.account!.id, now: ctx.clock.now() });
        return {
          ...summary(d),
          decision: decision
            ? {
                status: decision.status,
                label: decisionLabel(decision.status, isDeclaration(d)),
                at: iso(decision.at),
                motif: decision.motif,
                appeal: appeal ? { ...appeal } : null,
                pdf: decisionPdfPath(d.id),
              }
            : null,
          answers: d.answers,
          visiblePages: a.form ? visiblePages(a.form, d.answers).map((p) => p.key) : [],
          nextPage: next?.key ?? null,
          history: history.map((e) => ({
            at: iso(e.at),
            event: e.event,
            label: EVENT_LABELS[e.event as DemarcheEvent | 'create'] ?? e.event,
            from: e.from_status,
            to: e.to_status,
            by: e.actor_kind,
            reason: e.reason,
          })),
        };
      },
    });

    route({
      method: 'PUT',
      url: '/api/demarches/:id/pages/:page',
      summary: 'Enregistrer les réponses d’une page du brouillon (messages en français par champ)',
      description:
        '409 `DEMARCHE_CONFLICT` : la version envoyée n’est plus la dernière (réponses modifiées depuis un autre appareil ou onglet). ' +
        '409 `DEMARCHE_PAGE_NOT_APPLICABLE` : la page existe dans le formulaire mais ne concerne pas cette demande d’après ses réponses (la page du conjoint d’une personne seule…) ; rien n’est enregistré et `error.nextPage` donne la page où en est la demande (null : toutes les pages sont remplies). ' +
        '404 : démarche ou page inconnue. 410 : brouillon expiré ou déjà envoyé.',
      params: PageParams,
      body: PageAnswersBody,
      response: PageSaved,
      errors: [404, 409, 410],
      handler: async ({ params, body, req }) => {
        const r = await saveStep(deps(ctx), await requestActor(ctx, req), params.id, params.page, body.answers, body.version).catch(
          conflict,
        );
        if ('refusal' in r) throw refusalError(r.refusal);
        if ('notApplicable' in r)
          throw new AppError('DEMARCHE_PAGE_NOT_APPLICABLE', undefined, undefined, { nextPage: r.resume?.key ?? null });
        if (!r.ok) throw new ValidationError(r.problems.map((p) => fieldError(p.field, 'VALIDATION_FAILED', p.message)));
        return { version: r.demarche.version, nextPage: r.next?.key ?? null, answers: r.demarche.answers };
      },
    });

    route({
      method: 'POST',
      url: '/api/demarches/:id/envoi',
      summary: 'Envoyer la demande (déclaration sur l’honneur) : référence et accusé de réception',
      params: DemarcheParams,
      body: SubmissionBody,
      response: Submitted,
      status: 201,
      errors: [403, 404, 409, 410],
      handler: async ({ params, body, req }) => {
        const actor = await requestActor(ctx, req);
        const draft = await ownDraft(deps(ctx), actor, params.id);
        if (!draft) throw new AppError('DEMARCHE_GONE');
        if (draft.demarche.version !== body.version) throw new AppError('DEMARCHE_CONFLICT');
        const r = await submitRequest(deps(ctx), req.account!, actor, params.id, {
          declaration: body.declaration,
          version: body.version,
          agencyPhone: ctx.config.agencyPhone,
        }).catch(conflict);
        if ('refusal' in r) throw refusalError(r.refusal);
        if ('incomplete' in r) throw new AppError('DEMARCHE_INCOMPLETE', r.incomplete.key);
        if (!r.ok) throw new AppError('DEMARCHE_DECLARATION_REQUIRED', 'declaration');
        const d = r.demarche;
        return {
          id: d.id,
          status: 'envoyee' as const,
          reference: d.reference!,
          submittedAt: iso(d.submitted_at!),
          receiptPdf: `${demarchePath(d.id)}/accuse-de-reception.pdf`,
        };
      },
    });
  };
}
