import { html, type SafeHtml } from './html';

/** Where the FranceConnect button leads (GET: the state and nonce bind the journey to this browser's cookie, not the request). */
export const FRANCECONNECT_LOGIN_PATH = '/franceconnect/connexion';
export const FRANCECONNECT_ABOUT_PATH = '/franceconnect/qu-est-ce-que-franceconnect';

/**
 * The FranceConnect button, after FranceConnect's usual look: « S’identifier avec » then
 * « FranceConnect » in bold on the blue button, and the « Qu’est-ce que FranceConnect ? » link
 * under it (a local page: the service works without access to the Internet). A form button, so
 * that it is a real button for assistive technologies; the CSP `form-action` allows the redirect
 * to FranceConnect.
 *
 * Usage in a page: `${franceConnectButton()}` (optionally `{ heading: '…' }`).
 */
export function franceConnectButton(o: { heading?: string } = {}): SafeHtml {
  return html`<div class="mc-franceconnect">
  ${o.heading ? html`<h2 class="govuk-heading-m">${o.heading}</h2>` : ''}
  <p class="govuk-body">FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion aux services en ligne.</p>
  <form method="get" action="${FRANCECONNECT_LOGIN_PATH}" class="mc-franceconnect__form">
    <button type="submit" class="mc-franceconnect__button">
      <span class="mc-franceconnect__text"><span class="mc-franceconnect__login">S’identifier avec</span> <strong class="mc-franceconnect__brand">FranceConnect</strong></span>
    </button>
  </form>
  <p class="govuk-body-s mc-franceconnect__about"><a class="govuk-link" href="${FRANCECONNECT_ABOUT_PATH}">Qu’est-ce que FranceConnect ?</a></p>
</div>`;
}
