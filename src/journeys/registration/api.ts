import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { confirmRegistration, loadRegistration, resendCode, startRegistration, type RegistrationDeps, type StepOutcome } from './use-cases';
import { SUBMISSIONS, type Submission } from './submissions';
import { registrationRefusal } from './replies';
import { apiError } from '../refusal';
import type { RegistrationFlow } from './data';
import { identityStatus } from './data';
import { formatProvisionalId, maskNir } from '../../identity';
import { findPrestation } from '../../prestations/catalogue';
import { searchCommunes, searchCountries } from '../../identity';
import { apiRoute } from '../../http/api/route';
import { EmptyBody } from '../../http/api/schemas';
import { FlowParams, FlowView, PlaceQuery, PlaceResults, StartBody, StepAnswer } from './schemas';

/**
 * The same wizard as a JSON API (the flow id travels in the URL), each step's body the zod schema
 * its page reads too (src/journeys/registration/schemas.ts):
 *   POST /api/registration/flows                      → 201 { id, state, expiresAt, data }
 *   GET  /api/registration/flows/:id                  → the flow
 *   POST /api/registration/flows/:id/civil-status     { nir | noNir, civility, birthName, givenNames, birthDate: "YYYY-MM-DD",
 *                                                       birthPlaceKind: "france" | "etranger", communeCode | countryCode }
 *   POST /api/registration/flows/:id/identity-document { documentKind: "cni" | "passport" | "titre-sejour" | "none", documentNumber }
 *   POST /api/registration/flows/:id/contact          { contactKind: "email" | "sms", email | phone }
 *   POST /api/registration/flows/:id/code             { code }
 *   POST /api/registration/flows/:id/code/resend      {}
 *   POST /api/registration/flows/:id/password         { password, passwordConfirmation }
 *   POST /api/registration/flows/:id/confirm          {}
 * Each answers `{ id, state, expiresAt, data, next }`; errors are `{ error: { code, message, fields } }`
 * from the catalogue, with the same statuses as the pages (400 fields, 409 guard, 410 expired, 429).
 * Places: GET /api/communes?q=&date=YYYY-MM-DD and GET /api/pays?q=.
 */
export function registrationApi(d: RegistrationDeps): FastifyPluginAsync {
  const tags = ['Créer Mon Compte'];
  const meta = (req: FastifyRequest) => ({ ip: req.ip });
  /** The outcome as JSON: the flow and the next step, or the error of ./replies.ts. */
  const answer = (out: StepOutcome, reply: FastifyReply) => {
    if (out.kind !== 'saved') throw apiError(reply, registrationRefusal(out));
    return { ...publicView(out.flow), next: out.next };
  };
  const errors = [404, 409, 410, 429];

  /** One step of the wizard: its body schema and its use case (./submissions.ts). */
  function step<B extends z.ZodType>(path: string, summary: string, s: Submission<B>) {
    return (app: Parameters<FastifyPluginAsync>[0]) =>
      apiRoute(app, {
        method: 'POST',
        url: `/api/registration/flows/:id/${path}`,
        summary,
        tags,
        params: FlowParams,
        body: s.body,
        response: StepAnswer,
        errors,
        handler: async ({ params, body, req, reply }) => answer(await s.run(d, params.id, body as z.output<B>, meta(req)), reply),
      });
  }
  const steps = [
    step('civil-status', '④ État civil', SUBMISSIONS.civil_status),
    step('identity-document', '⑤ Titre d’identité', SUBMISSIONS.identity_document),
    step('contact', '⑥ Coordonnées de contact : un code y est envoyé', SUBMISSIONS.contact),
    step('code', '⑦ Le code reçu', SUBMISSIONS.code),
    step('code/resend', '⑦ Un nouveau code (après le délai d’attente)', {
      body: EmptyBody,
      run: (deps, id, _b, m) => resendCode(deps, id, m),
    }),
    step('password', '⑧ Mot de passe', SUBMISSIONS.password),
    step('confirm', 'Récapitulatif validé : le compte est créé', { body: EmptyBody, run: (deps, id) => confirmRegistration(deps, id) }),
  ];

  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/registration/flows',
      summary: 'Commencer une création de compte',
      tags,
      body: StartBody,
      response: FlowView,
      status: 201,
      handler: async ({ body }) => {
        const prestation = body.prestation ? findPrestation(body.prestation)?.slug : undefined;
        return publicView(await startRegistration(d, { prestation, origin: 'api' }));
      },
    });

    apiRoute(app, {
      method: 'GET',
      url: '/api/registration/flows/:id',
      summary: 'Où en est la création de compte',
      tags,
      params: FlowParams,
      response: FlowView,
      errors: [404, 410],
      handler: async ({ params, reply }) => {
        const loaded = await loadRegistration(d, params.id);
        if (loaded.kind !== 'open') throw apiError(reply, registrationRefusal(loaded));
        return publicView(loaded.flow);
      },
    });

    for (const register of steps) register(app);

    apiRoute(app, {
      method: 'GET',
      url: '/api/communes',
      summary: 'Communes de naissance par nom (au moins 2 caractères), telles qu’à une date',
      tags: ['Lieux'],
      query: PlaceQuery,
      response: PlaceResults,
      handler: async ({ query }) => {
        if (query.q.length < 2) return { results: [] };
        let found = searchCommunes(query.q, { limit: 10, ...(query.date ? { atDate: query.date } : {}) });
        if (found.length === 0 && query.date) found = searchCommunes(query.q, { limit: 10 });
        return {
          results: found.map((c) => ({
            code: c.code,
            name: c.name,
            departement: c.departement,
            current: c.current,
            label: `${c.name} — ${c.departement.name} (${c.departement.code}) — ${c.code}${c.current ? '' : c.validTo ? `, jusqu’en ${c.validTo.slice(0, 4)}` : ', ancienne commune'}`,
          })),
        };
      },
    });

    apiRoute(app, {
      method: 'GET',
      url: '/api/pays',
      summary: 'Pays de naissance par nom (au moins 2 caractères)',
      tags: ['Lieux'],
      query: PlaceQuery.pick({ q: true }),
      response: PlaceResults,
      handler: async ({ query }) => {
        if (query.q.length < 2) return { results: [] };
        return {
          results: searchCountries(query.q, { limit: 10 })
            .filter((c) => c.code !== '99100')
            .map((c) => ({ code: c.code, name: c.label, label: `${c.label} — ${c.code}` })),
        };
      },
    });
  };
}

/** What the JSON API shows of a flow: never the password hash, the NIR masked. */
export function publicView(flow: RegistrationFlow) {
  const d = flow.data;
  return {
    id: flow.token,
    state: flow.state,
    expiresAt: new Date(flow.expiresAt).toISOString(),
    data: {
      prestation: d.prestation ?? null,
      civilStatus: d.civilStatus
        ? {
            hasNir: d.civilStatus.nir !== null,
            nir: d.civilStatus.nir ? maskNir(d.civilStatus.nir) : null,
            civility: d.civilStatus.civility,
            birthName: d.civilStatus.birthName,
            givenNames: d.civilStatus.givenNames,
            birthDate: d.civilStatus.birthDate,
            birthPlace: d.civilStatus.birthPlace,
          }
        : null,
      document: d.document ? { kind: d.document.kind, checked: d.document.status === 'valid' } : null,
      contact: d.contact ? { kind: d.contact.kind, value: d.contact.display, verified: d.contact.verifiedAt !== null } : null,
      passwordChosen: !!d.passwordHash || flow.state === 'completed',
      identityStatus: d.civilStatus && d.document ? identityStatus(d) : null,
      result: d.result ? { provisionalId: d.result.provisionalId ? formatProvisionalId(d.result.provisionalId) : null } : null,
    },
  };
}
