import type { FranceConnectIdentity } from '../../franceconnect';
import { findCommune, findCountry, formatNir } from '../../identity';
import { summaryList } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';

/**
 * The certified identity in the words of our pages and accounts: names of the birth place from
 * the INSEE codes FranceConnect sends (the commune as coded at the birth date), a French birth date.
 */
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 24 août 1962 », « novembre 1992 (jour inconnu) », « 1975 (jour et mois inconnus) ». */
export function frenchBirthDate(birthdate: string): string {
  const [y, m, d] = birthdate.split('-');
  const month = MONTHS[Number(m) - 1];
  if (m === '00' || !month) return `${y} (jour et mois inconnus)`;
  if (d === '00') return `${month} ${y} (jour inconnu)`;
  return `${Number(d) === 1 ? '1er' : Number(d)} ${month} ${y}`;
}

export interface BirthPlaceView {
  kind: 'commune' | 'country';
  /** the INSEE code stored with the account: the commune's (born in France) or the country's */
  code: string;
  name: string;
}

export function birthPlaceOf(identity: FranceConnectIdentity): BirthPlaceView {
  if (identity.birthcountry === '99100') {
    const complete = !/-00/.test(identity.birthdate);
    const atBirth = complete ? findCommune(identity.birthplace, identity.birthdate) : undefined;
    const commune = atBirth?.ok ? atBirth : findCommune(identity.birthplace);
    return { kind: 'commune', code: identity.birthplace, name: commune.ok ? commune.value.name : `Commune ${identity.birthplace}` };
  }
  const country = findCountry(identity.birthcountry);
  return {
    kind: 'country',
    code: identity.birthcountry,
    name: country.ok ? country.value.label : `Pays ${identity.birthcountry}`,
  };
}

export function countryLabel(code: string): string {
  if (code === '99100') return 'France';
  const country = findCountry(code);
  return country.ok ? country.value.label : code;
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
