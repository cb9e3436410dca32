import { NOTICE_PATH, purpose, type PurposeId } from '../../legal/purposes';
import { html, type SafeHtml } from './html';

/**
 * The short notice at a point of collection (RGPD article 13): why it is asked, on what legal basis,
 * and the link to its section of the full notice. One component for every form that collects
 * personal data; the words come from src/legal/purposes.ts, as in the full notice. A declaration
 * (`{ declaration: true }`: a change, a separation) says what a declaration is for.
 */
export function dataNotice(id: PurposeId, o: { declaration?: boolean } = {}): SafeHtml {
  const p = purpose(id);
  return html`<div class="mc-data-notice govuk-body-s" data-notice="${id}">
  <p class="govuk-body-s">${(o.declaration && p.whyDeclared) || p.why} Base légale : ${p.legalBasis}.
  <a class="govuk-link" href="${NOTICE_PATH}#${id}">Vos données personnelles<span class="govuk-visually-hidden"> : ${p.title.toLowerCase()}</span></a></p>
</div>`;
}
