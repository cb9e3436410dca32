import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context';
import { AppError } from '../../../errors/app-error';
import { publicView, type RegistrationService, type StepInput } from '../../../flows/registration/service';
import { findPrestation } from '../../../prestations/catalogue';
import { searchCommunes, searchCountries } from '../../../identity';
import { registrationService } from './routes';

/**
 * The same wizard as a JSON API (the flow id travels in the URL):
 *   POST /api/registration/flows                      → 201 { id, state, expiresAt, data }
 *   GET  /api/registration/flows/:id                  → the flow
 *   POST /api/registration/flows/:id/civil-status     { nir | noNir, civility, birthName, givenNames, birthDate: "YYYY-MM-DD",
 *                                                       birthPlaceKind: "france" | "etranger", communeCode | countryCode }
 *   POST /api/registration/flows/:id/identity-document { documentKind: "cni" | "passport" | "titre-sejour" | "none", documentNumber }
 *   POST /api/registration/flows/:id/contact          { contactKind: "email" | "sms", email | phone }
 *   POST /api/registration/flows/:id/code             { code }
 *   POST /api/registration/flows/:id/code/resend
 *   POST /api/registration/flows/:id/password         { password, passwordConfirmation }
 *   POST /api/registration/flows/:id/confirm
 * Each answers `{ id, state, expiresAt, data, next }`; errors are `{ error: { code, message, fields } }`
 * from the catalogue, with the same statuses as the pages (400 fields, 409 guard, 410 expired, 429).
 * Places: GET /api/communes?q=&date=YYYY-MM-DD and GET /api/pays?q=.
 */
export function registrationApi(ctx: AppContext, service: RegistrationService = registrationService(ctx)): FastifyPluginAsync {
  return async (app) => {
    const body = (req: FastifyRequest): StepInput => {
      const b = req.body;
      return b && typeof b === 'object' && !Array.isArray(b) ? (b as StepInput) : {};
    };
    const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
    const meta = (req: FastifyRequest) => ({ ip: req.ip });

    app.post('/api/registration/flows', async (req, reply) => {
      const b = body(req);
      const prestation = typeof b.prestation === 'string' ? findPrestation(b.prestation)?.slug : undefined;
      const flow = await service.start({ prestation, origin: 'api' });
      return reply.status(201).send(publicView(flow));
    });

    app.get('/api/registration/flows/:id', async (req) => publicView(await service.load(idOf(req))));

    const steps: Record<string, (id: string, req: FastifyRequest) => ReturnType<RegistrationService['confirm']>> = {
      'civil-status': (id, req) => service.submitCivilStatus(id, body(req)),
      'identity-document': (id, req) => service.submitDocument(id, body(req)),
      contact: (id, req) => service.submitContact(id, body(req), meta(req)),
      code: (id, req) => service.verifyCode(id, body(req)),
      'code/resend': (id, req) => service.resendCode(id, meta(req)),
      password: (id, req) => service.submitPassword(id, body(req)),
      confirm: (id) => service.confirm(id),
    };
    for (const [path, run] of Object.entries(steps)) {
      app.post(`/api/registration/flows/:id/${path}`, async (req) => {
        const out = await run(idOf(req), req);
        return { ...publicView(out.flow), next: out.next };
      });
    }

    app.get('/api/communes', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const text = (q.q ?? '').slice(0, 100);
      const date = q.date && /^\d{4}-\d{2}-\d{2}$/.test(q.date) ? q.date : undefined;
      if (text.trim().length < 2) return { results: [] };
      let found = searchCommunes(text, { limit: 10, ...(date ? { atDate: date } : {}) });
      if (found.length === 0 && date) found = searchCommunes(text, { limit: 10 });
      return {
        results: found.map((c) => ({
          code: c.code,
          name: c.name,
          departement: c.departement,
          current: c.current,
          label: `${c.name} — ${c.departement.name} (${c.departement.code}) — ${c.code}${c.current ? '' : c.validTo ? `, jusqu’en ${c.validTo.slice(0, 4)}` : ', ancienne commune'}`,
        })),
      };
    });

    app.get('/api/pays', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const text = (q.q ?? '').slice(0, 100);
      if (text.trim().length < 2) return { results: [] };
      return {
        results: searchCountries(text, { limit: 10 })
          .filter((c) => c.code !== '99100')
          .map((c) => ({ code: c.code, name: c.name, label: `${c.name} — ${c.code}` })),
      };
    });

    // Unknown step names answer like any unknown API route.
    app.post('/api/registration/flows/:id/*', async () => {
      throw new AppError('NOT_FOUND');
    });
  };
}
