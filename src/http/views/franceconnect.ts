import type { FranceConnectIdentity } from '../../franceconnect';
import { birthPlaceOf, countryLabel, frenchBirthDate } from '../../journeys/franceconnect/identity-view';
import { formatNir } from '../../identity';
import { summaryList } from './components';
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

/** « Identité certifiée par FranceConnect » */
export function certifiedTag(): SafeHtml {
  return html`<strong class="govuk-tag govuk-tag--green">Identité certifiée par FranceConnect</strong>`;
}

/**
 * The identity pivot, LOCKED: a read-only summary (no input, no « Modifier »). What FranceConnect
 * certified cannot be changed here; a mistake is corrected at the civil registry, not by us.
 */
export function certifiedIdentity(identity: FranceConnectIdentity, nir?: string): SafeHtml {
  const place = birthPlaceOf(identity);
  const rows = [
    { key: 'Prénoms', value: identity.givenName },
    { key: 'Nom de naissance', value: identity.familyName },
    ...(identity.preferredUsername ? [{ key: 'Nom d’usage', value: identity.preferredUsername }] : []),
    { key: 'Sexe', value: identity.gender === 'female' ? 'Féminin' : 'Masculin' },
    { key: 'Date de naissance', value: frenchBirthDate(identity.birthdate) },
    ...(place.kind === 'commune'
      ? [
          {
            key: 'Commune de naissance',
            value: html`${place.name} <span class="govuk-hint mc-inline-hint">(code INSEE ${place.code})</span>`,
          },
        ]
      : []),
    {
      key: 'Pays de naissance',
      value: html`${countryLabel(identity.birthcountry)} <span class="govuk-hint mc-inline-hint">(code INSEE ${identity.birthcountry})</span>`,
    },
    ...(nir ? [{ key: 'Numéro de sécurité sociale', value: formatNir(nir) }] : []),
  ];
  return html`<div class="mc-certified-identity">
  <p class="govuk-body">${certifiedTag()}</p>
  ${summaryList(rows)}
</div>`;
}
