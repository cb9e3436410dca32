import type { FastifyRequest } from 'fastify';
import { html, type HtmlValue, type SafeHtml } from './html';
import { accountPage } from './account-page';

/**
 * THE refusal page of the personal space, whoever refuses (requirePermission, a démarche that may
 * not be started): what the person cannot do, who can (by name when the dossier knows them: see
 * src/household/who.ts), what they can do instead, and the way back to « Mon espace ». Links offered
 * elsewhere never lead here: the catalogue and the pages say beforehand who can act.
 */
export const REFUSAL_TITLE = 'Vous ne pouvez pas faire cette démarche';

export function refusalPage(req: FastifyRequest, who: HtmlValue, agencyPhone: string, instead?: SafeHtml): SafeHtml {
  return accountPage(
    req,
    { title: REFUSAL_TITLE },
    html`<h1 class="govuk-heading-l">${REFUSAL_TITLE}</h1>
<p class="govuk-body">${who}</p>
${instead ?? ''}
<p class="govuk-body">Vos droits dans Mon Compte dépendent de votre place dans le dossier de votre foyer. Si votre situation a changé, déclarez-la ou appelez votre Caf au ${agencyPhone}.</p>
<p class="govuk-body"><a class="govuk-link govuk-!-font-weight-bold" href="/mon-espace">Retour à mon espace</a></p>`,
  );
}
