import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestOrigin } from '../../http/session';
import type { FieldError } from '../../errors/app-error';
import { declareAddressChange } from '../../household/changes';
import { bankPayableSentence } from '../../household/messages';
import { LIMITS, readAddressChange } from '../../household/inputs';
import { currentAddress } from '../../household/repository';
import { payableBankAccount, pendingBankAccount } from '../../household/bank';
import { maskIban } from '../../identity/iban';
import { requirePermission } from '../../http/require-permission';
import { sendHtml } from '../../http/errors';
import { button, dateInput, form, maskedIban, summaryList, textInput } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { accountPage, successBanner } from '../../http/views/account-page';
import { frenchDate } from '../demarches/pages';
import { PATHS, changePage, dateFromForm, dossierOf, formBody, keptBody, toSpace, type Body } from './common';
import { takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
import { personFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { dataNotice } from '../../http/views/data-notice';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdChangesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'>;

/**
 * « Déclarer un changement » (/mon-espace/foyer/changement), for those who manage the dossier:
 * the dossier's address and bank account, and a form for each. A refused form goes back to its page
 * with the errors and what was typed (303, src/http/form-state.ts).
 */
const DONE: Record<string, string> = {
  adresse: 'Votre changement d’adresse a été enregistré.',
  'compte-bancaire': 'Votre nouveau compte bancaire a été enregistré.',
};

/** The address fields (also used by the separation's new address, with a prefix: `newLine1`…). */
export function addressFields(v: Body, errors: readonly FieldError[] | undefined, prefix = ''): SafeHtml {
  const n = (f: string) => (prefix ? prefix + f[0]!.toUpperCase() + f.slice(1) : f);
  return html`${textInput({ name: n('line1'), label: 'Numéro et voie', hint: 'Par exemple 12 rue des Lilas', value: v[n('line1')], autocomplete: 'address-line1', errors, maxlength: LIMITS.line })}
${textInput({ name: n('line2'), label: 'Complément d’adresse', hint: 'Bâtiment, étage, appartement…', value: v[n('line2')], autocomplete: 'address-line2', errors, maxlength: LIMITS.line, optional: true })}
${textInput({ name: n('postalCode'), label: 'Code postal', value: v[n('postalCode')], autocomplete: 'postal-code', inputmode: 'numeric', errors, widthClass: 'govuk-input--width-5', maxlength: LIMITS.postalCode + 2 })}
${textInput({ name: n('city'), label: 'Commune', value: v[n('city')], autocomplete: 'address-level2', errors, widthClass: 'govuk-!-width-two-thirds', maxlength: LIMITS.city })}`;
}

export function registerChangePages(app: FastifyInstance, ctx: HouseholdChangesDeps): void {
  const guard = { preHandler: requirePermission(ctx, 'manage_dossier') };

  const addressPage = (req: FastifyRequest, v: Body = {}, errors?: FieldError[]) =>
    changePage(
      req,
      'Déclarer un changement d’adresse',
      errors,
      form(
        { action: PATHS.address, csrfToken: req.csrfToken },
        html`<p class="govuk-body">La nouvelle adresse de votre foyer, en France.</p>
${addressFields(v, errors)}
${dateInput({ name: 'since', legend: 'Depuis quelle date habitez-vous à cette adresse ?', hint: 'Par exemple 15 11 2026', value: dateFromForm(v, 'since'), errors })}
${dataNotice('demande', { declaration: true })}
${button('Enregistrer la nouvelle adresse')}`,
      ),
    );

  app.get(PATHS.changes, guard, async (req, reply) => {
    const dossier = dossierOf(req);
    const now = ctx.clock.now();
    const [address, payable, pending] = await Promise.all([
      currentAddress(ctx.database.db, dossier.householdId),
      payableBankAccount(ctx.database.db, dossier.householdId, now),
      pendingBankAccount(ctx.database.db, dossier.householdId, now),
    ]);
    const notice = (await takeNotice(personFlash(ctx, req), req)) ?? '';
    const banner = Object.hasOwn(DONE, notice) ? DONE[notice] : undefined;
    // Said truthfully: a new account waits for its delay or an agent (src/household/bank.ts).
    const waiting = pending ? bankPayableSentence(pending.effective_at === null ? null : Number(pending.effective_at)) : '';
    return sendHtml(
      reply,
      accountPage(
        req,
        { title: 'Déclarer un changement', backLink: toSpace() },
        html`${banner ? successBanner(banner, notice === 'compte-bancaire' ? waiting : '') : ''}
<h1 class="govuk-heading-l">Déclarer un changement</h1>
<p class="govuk-body">Dossier allocataire n° ${dossier.dossierNumber}. Signalez un changement dès qu’il a lieu : vos prestations en dépendent.</p>
${summaryList([
  {
    key: 'Adresse du foyer',
    value: address
      ? html`${address.line1}<br>${address.line2 ? html`${address.line2}<br>` : ''}${address.postal_code} ${address.city}<br><span class="govuk-body-s">depuis le ${frenchDate(Date.parse(`${address.since}T12:00:00Z`))}</span>`
      : 'Non renseignée',
    change: { href: PATHS.address, hiddenText: 'de l’adresse du foyer', label: 'Déclarer un changement' },
  },
  {
    key: 'Compte bancaire',
    value: html`${payable ? html`${maskedIban(maskIban(payable.iban))}<br>${payable.holder}` : 'Non renseigné'}${
      pending
        ? html`<br><span class="govuk-body-s">Nouveau compte déclaré le ${frenchDate(Number(pending.recorded_at))} : ${maskedIban(maskIban(pending.iban))}, ${pending.holder}. ${waiting}</span>`
        : ''
    }`,
    change: { href: PATHS.bank, hiddenText: 'de compte bancaire', label: 'Déclarer un changement' },
  },
])}`,
      ),
    );
  });

  app.get(PATHS.address, guard, async (req, reply) => {
    const shown = await takeFormState(ctx, req, reply);
    return sendHtml(reply, addressPage(req, keptBody(shown), shown?.errors));
  });
  app.post(PATHS.address, guard, async (req, reply) => {
    const b = formBody(req);
    const r = readAddressChange(
      { line1: b.line1 ?? '', line2: b.line2 ?? '', postalCode: b.postalCode ?? '', city: b.city ?? '', since: dateFromForm(b, 'since') },
      ctx.clock.now(),
    );
    if (!r.ok)
      return refuseForm(ctx, req, reply, formRefusal(r.errors), {
        to: PATHS.address,
        values: b,
        render: (errors) => addressPage(req, b, errors),
      });
    await declareAddressChange(ctx, { accountId: req.account!.id, dossier: dossierOf(req), origin: requestOrigin(req) }, r.value);
    return redirectWithNotice(personFlash(ctx, req), reply, PATHS.changes, 'adresse');
  });
}
