import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../shared/clock';
import { reauthenticationMode } from '../../accounts/reauthentication';
import { insetText, textInput, type Errors } from '../../http/views/components';
import { franceConnectButton } from '../../http/views/franceconnect';
import { html, type SafeHtml } from '../../http/views/html';

/**
 * How the person proves again it is them, in a form that changes a credential or closes the account
 * (« Sécurité du compte », « Fermer mon compte »): the current password; for an account without one
 * (created with FranceConnect), nothing more when their FranceConnect login is recent, otherwise a
 * new FranceConnect login instead of the form (`blocked`).
 */
export function reauthenticationField(
  ctx: { clock: Clock },
  req: FastifyRequest,
  errors: Errors,
  hint?: string,
): { field: SafeHtml; blocked?: SafeHtml } {
  const mode = reauthenticationMode(req.account!, req.session!, ctx.clock.now());
  if (mode === 'password') {
    return {
      field: textInput({
        name: 'currentPassword',
        label: 'Mot de passe actuel',
        hint,
        type: 'password',
        autocomplete: 'current-password',
        spellcheck: false,
        errors,
        widthClass: 'govuk-input--width-20',
      }),
    };
  }
  if (mode === 'franceconnect_recent') {
    return {
      field: insetText(
        html`Votre compte n’a pas de mot de passe : vous vous êtes connecté avec FranceConnect il y a moins de 15 minutes, aucune autre vérification n’est demandée.`,
      ),
    };
  }
  return {
    field: html``,
    blocked: html`<p class="govuk-body">Votre compte n’a pas de mot de passe et votre connexion avec FranceConnect date de plus de 15 minutes. Pour confirmer qu’il s’agit bien de vous, connectez-vous de nouveau avec FranceConnect, puis revenez sur cette page.</p>
${franceConnectButton()}`,
  };
}
