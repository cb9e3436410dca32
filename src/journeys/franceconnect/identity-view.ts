import type { FranceConnectIdentity } from '../../franceconnect';
import { findCommune, findCountry } from '../../identity';

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

/** INSEE writes country names in capitals: « ESPAGNE » → « Espagne ». */
function countryName(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'’(-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
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
    name: country.ok ? countryName(country.value.name) : `Pays ${identity.birthcountry}`,
  };
}

export function countryLabel(code: string): string {
  if (code === '99100') return 'France';
  const country = findCountry(code);
  return country.ok ? countryName(country.value.name) : code;
}
