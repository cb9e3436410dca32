import { ACCESSIBILITY_STATUS, LEGAL_PAGES } from '../../legal/pages';
import { html } from './html';

/**
 * The footer's legal links, on every page (src/http/views/layout.ts): the accessibility statement
 * with the compliance status (required in the footer by the RGAA), personal data, legal notice,
 * terms of use, cookies.
 */
export const legalFooterLinks = html`${LEGAL_PAGES.map(
  (p) =>
    html`<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="${p.path}">${p.path === '/accessibilite' ? `Accessibilité : ${ACCESSIBILITY_STATUS}` : p.title}</a></li>`,
)}`;
