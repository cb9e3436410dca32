import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldError, type FieldError } from '../../errors/app-error';
import { LIMITS, readBankAccountChange } from '../../household/inputs';
import { IBAN_INPUT_MAX } from '../../identity/iban';
import { sendHtml } from '../../http/errors';
import { requestOrigin } from '../../http/session';
import { button, form, insetText, textInput } from '../../http/views/components';
import { dataNotice } from '../../http/views/data-notice';
import { html } from '../../http/views/html';
import { reauthenticationField } from '../login/reauthentication';
import { requirePermission } from '../../http/require-permission';
import { bankChangeFrozenFor, confirmBankChange, frozenError, sendBankChangeCode } from './bank-change';
import { describeDestination } from '../../accounts/destination';
import { PATHS, changePage, dossierOf, formBody, keptBody, type Body } from './common';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { personFlash, redirectWithNotice } from '../../http/flash';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdBankChangePagesDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
>;

/**
 * « Déclarer un nouveau compte bancaire » (./bank-change.ts says the rules):
 *   GET/POST /mon-espace/foyer/changement/compte-bancaire               the IBAN and holder → a code is sent
 *   POST     /mon-espace/foyer/changement/compte-bancaire/confirmation  IBAN, holder, password (or FranceConnect) and code
 * A refusal a person corrects goes back (303) to the step's page with the errors and the IBAN and
 * holder typed, kept sealed (src/http/form-state.ts): the GET of step 2 exists only for that, and
 * without them leads to step 1. A password or a code is never kept. The freeze after a recovery
 * leads to step 1, which says until when; a limit of codes (429) goes back too, the page answering it.
 */
export function registerBankChangePages(app: FastifyInstance, ctx: HouseholdBankChangePagesDeps): void {
  const guard = { preHandler: requirePermission(ctx, 'manage_dossier') };

  const bankFields = (v: Body, errors: readonly FieldError[] | undefined) =>
    html`${textInput({ name: 'iban', label: 'IBAN', hint: 'Il figure sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189', value: v.iban, spellcheck: false, autocomplete: 'off', errors, maxlength: IBAN_INPUT_MAX })}
${textInput({ name: 'holder', label: 'Nom du titulaire du compte', hint: 'Tel qu’il figure sur le RIB', value: v.holder, autocomplete: 'name', errors, maxlength: LIMITS.holder })}`;

  /** Step 1; `frozen`: the sentence instead of the form. */
  const startPage = (req: FastifyRequest, v: Body = {}, errors?: FieldError[], frozen?: FieldError) => {
    const reauth = reauthenticationField(ctx, req, errors);
    return changePage(
      req,
      'Déclarer un nouveau compte bancaire',
      frozen ? [frozen] : errors,
      html`<p class="govuk-body">Le compte sur lequel la Caf versera les prestations de votre foyer. Il doit être ouvert dans un pays de la zone SEPA.</p>
<p class="govuk-body">Par sécurité, nous vous demanderons ensuite votre mot de passe et un code envoyé à vos coordonnées de contact. Le nouveau compte ne recevra les paiements qu’après un délai de vérification de ${ctx.config.accountSafety.bankChangeDelayDays} jours, ou dès que la Caf l’aura confirmé.</p>
${
  frozen
    ? html`<p class="govuk-body">${frozen.message}</p>`
    : (reauth.blocked ??
      form(
        { action: PATHS.bank, csrfToken: req.csrfToken },
        html`${bankFields(v, errors)}
${dataNotice('compte-bancaire')}
${button('Recevoir un code')}`,
      ))
}`,
    );
  };

  /** Step 2, the protected step: the account again (editable), the password or FranceConnect, the code. */
  const confirmPage = (req: FastifyRequest, v: Body, o: { destination: string; recently?: boolean; errors?: FieldError[] }) => {
    const reauth = reauthenticationField(ctx, req, o.errors, 'Pour confirmer qu’il s’agit bien de vous.');
    return changePage(
      req,
      'Confirmer le nouveau compte bancaire',
      o.errors,
      html`${insetText(
        o.recently
          ? html`Un code vous a été envoyé ${o.destination} il y a moins d’une minute. Il est valable 10 minutes.`
          : html`Nous vous avons envoyé un code ${o.destination}. Il est valable 10 minutes.`,
      )}
${
  reauth.blocked ??
  html`${form(
    { action: PATHS.bankConfirm, csrfToken: req.csrfToken },
    html`${bankFields(v, o.errors)}
${reauth.field}
${textInput({ name: 'code', label: 'Code reçu', hint: 'Les 6 chiffres du message que vous venez de recevoir', value: v.code, inputmode: 'numeric', autocomplete: 'one-time-code', spellcheck: false, errors: o.errors, widthClass: 'govuk-input--width-5', maxlength: 10 })}
${button('Enregistrer le nouveau compte')}`,
  )}
<h2 class="govuk-heading-s">Vous n’avez rien reçu ?</h2>
${form(
  { action: PATHS.bank, csrfToken: req.csrfToken },
  html`<input type="hidden" name="iban" value="${v.iban ?? ''}"><input type="hidden" name="holder" value="${v.holder ?? ''}">
<p class="govuk-body">Vérifiez vos courriers indésirables, puis demandez un nouveau code (une minute après le précédent).</p>
${button('Recevoir un nouveau code', { secondary: true })}`,
)}`
}`,
    );
  };

  /** The freeze (audited by the use case): step 1's page says until when. */
  const frozenPage = (reply: FastifyReply) => reply.redirect(PATHS.bank, 303);

  const typed = (b: Body): Body => ({ iban: b.iban ?? '', holder: b.holder ?? '' });

  app.get(PATHS.bank, guard, async (req, reply) => {
    const { shown, status } = await takeRefused(ctx, req, reply);
    const until = await bankChangeFrozenFor(ctx, { account: req.account!, dossier: dossierOf(req) });
    if (until === undefined) return sendHtml(reply, startPage(req, typed(keptBody(shown)), shown?.errors), status);
    return sendHtml(reply, startPage(req, {}, undefined, frozenError(until, ctx.config.agencyPhone)));
  });

  app.post(PATHS.bank, guard, async (req, reply) => {
    const v = typed(formBody(req));
    const r = readBankAccountChange(v);
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, { to: PATHS.bank, values: v, render: (errors) => startPage(req, v, errors) });
    if (!r.ok) return refused(formRefusal(r.errors));
    const sent = await sendBankChangeCode(ctx, { account: req.account!, dossier: dossierOf(req), origin: requestOrigin(req) });
    if (sent.kind === 'frozen') return frozenPage(reply);
    if (sent.kind === 'rate_limited') return refused(fieldsRefusal([{ ...sent.error, field: 'form' }], sent.retryAfterMs));
    return sendHtml(reply, confirmPage(req, v, { destination: sent.destination, recently: sent.kind === 'code_recently_sent' }));
  });

  // Step 2's page after a refusal: the IBAN and holder kept (sealed), the password and the code typed again.
  app.get(PATHS.bankConfirm, guard, async (req, reply) => {
    const { shown, status } = await takeRefused(ctx, req, reply);
    if (!shown) return reply.redirect(PATHS.bank, 303);
    const a = req.account!;
    const destination = describeDestination(a.contact_kind, a.contact_value);
    return sendHtml(reply, confirmPage(req, typed(keptBody(shown)), { destination, errors: shown.errors }), status);
  });

  app.post(PATHS.bankConfirm, guard, async (req, reply) => {
    const b = formBody(req);
    const v = { ...typed(b), code: (b.code ?? '').slice(0, 10) };
    const a = req.account!;
    const destination = describeDestination(a.contact_kind, a.contact_value);
    // Only the account goes back with the errors: never the password nor the code.
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, {
        to: PATHS.bankConfirm,
        values: typed(b),
        render: (errors) => confirmPage(req, typed(b), { destination, errors }),
      });
    const r = readBankAccountChange(typed(b));
    if (!r.ok) return refused(formRefusal(r.errors));
    const out = await confirmBankChange(ctx, {
      account: a,
      session: req.session!,
      dossier: dossierOf(req),
      origin: requestOrigin(req),
      currentPassword: (b.currentPassword ?? '').slice(0, 1024),
      code: v.code,
      bank: r.value,
    });
    if (out.kind === 'changed') return redirectWithNotice(personFlash(ctx, req), reply, PATHS.changes, 'compte-bancaire');
    if (out.kind === 'frozen') return frozenPage(reply);
    if (out.kind === 'franceconnect_again') return refused(fieldsRefusal([fieldError('form', 'HOUSEHOLD_REAUTH_FRANCECONNECT')]));
    // A wait (too many passwords: 429, Retry-After) goes back too: the page answers it while it lasts.
    return refused(out.retryAfterMs === undefined ? formRefusal(out.errors) : fieldsRefusal(out.errors, out.retryAfterMs));
  });
}
