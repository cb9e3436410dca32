/**
 * The interaction, where the simulated identity provider asks who is logging in:
 * `GET /interaction/:id` shows the test citizens (no JavaScript), `POST …/login` issues a code
 * and sends the browser back to the client, `POST …/cancel` sends it back with `access_denied`.
 * Both forms carry the interaction id and a CSRF token; an interaction is used once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StandinContext } from './context';
import { errorPage, formParams, htmlHeaders, safeEqual, single, withParams } from './http';
import { renderLoginPage } from './pages';
import type { Interaction } from './stores';

type InteractionRequest = FastifyRequest<{ Params: { id: string } }>;

export function registerLoginPage(app: FastifyInstance, ctx: StandinContext): void {
  const { prefix, stores, citizens } = ctx;

  const expired = (reply: FastifyReply) =>
    errorPage(reply, 400, 'session_expiree', 'Votre demande de connexion a expiré ou a déjà été utilisée.');

  const loginPage = (reply: FastifyReply, id: string, interaction: Interaction, errorMessage?: string) =>
    htmlHeaders(reply).send(
      renderLoginPage({
        routePrefix: prefix,
        interactionId: id,
        csrfToken: interaction.csrfToken,
        clientName: ctx.clients.get(interaction.clientId)?.name ?? interaction.clientId,
        citizens,
        errorMessage,
      }),
    );

  /** Checks the interaction and its form token; consumes nothing. */
  const checkForm = (request: InteractionRequest, reply: FastifyReply) => {
    const interaction = stores.findInteraction(request.params.id);
    if (!interaction) {
      expired(reply);
      return undefined;
    }
    const form = formParams(request.body);
    const formId = single(form, 'interactionId');
    const csrf = single(form, 'csrfToken');
    if (formId !== request.params.id || csrf === undefined || !safeEqual(csrf, interaction.csrfToken)) {
      errorPage(reply, 403, 'formulaire_invalide', "Le formulaire envoyé n'est pas valide. Recommencez la connexion depuis le service.");
      return undefined;
    }
    return { interaction, form };
  };

  app.get<{ Params: { id: string } }>(`${prefix}/interaction/:id`, async (request, reply) => {
    const interaction = stores.findInteraction(request.params.id);
    if (!interaction) return expired(reply);
    return loginPage(reply, request.params.id, interaction);
  });

  app.post<{ Params: { id: string } }>(`${prefix}/interaction/:id/login`, async (request, reply) => {
    const checked = checkForm(request, reply);
    if (!checked) return reply;
    const { interaction, form } = checked;
    const citizenId = single(form, 'citizenId');
    const citizen = citizenId === undefined ? undefined : citizens.find((c) => c.id === citizenId);
    if (!citizen) return loginPage(reply.code(400), request.params.id, interaction, 'Choisissez un citoyen de test dans la liste.');
    stores.endInteraction(request.params.id);
    const code = stores.issueCode(interaction, citizen.id, ctx.nowSeconds());
    return reply.redirect(withParams(interaction.redirectUri, { code, state: interaction.state }), 303);
  });

  app.post<{ Params: { id: string } }>(`${prefix}/interaction/:id/cancel`, async (request, reply) => {
    const checked = checkForm(request, reply);
    if (!checked) return reply;
    stores.endInteraction(request.params.id);
    return reply.redirect(
      withParams(checked.interaction.redirectUri, {
        error: 'access_denied',
        error_description: "L'usager a annulé la connexion.",
        state: checked.interaction.state,
      }),
      303,
    );
  });
}
