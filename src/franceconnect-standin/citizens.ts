/**
 * Test citizens of the FranceConnect stand-in.
 *
 * Every field named like an OpenID claim is returned as is by the stand-in, with the
 * FranceConnect v2 "identité pivot" conventions:
 * - `given_name`: all given names, separated by spaces, as on the birth certificate;
 * - `family_name`: birth name; `preferred_username`: usage name (absent when none);
 * - `birthdate`: `YYYY-MM-DD`; when the day or month is unknown (« date de naissance
 *   présumée ») FranceConnect writes `00` for the unknown part: `1992-11-00`, `1975-00-00`;
 * - `gender`: `male` | `female`;
 * - `birthplace`: INSEE (COG) commune code at the date of birth, `''` when born abroad;
 * - `birthcountry`: INSEE country code, `99100` for France.
 *
 * `nir` (numéro de sécurité sociale, 15 characters with its key) is not a FranceConnect
 * claim: it lets the application's local répertoire recognise the person in tests.
 * The ids are stable: tests and the application's seed data may rely on them.
 */

export type Gender = 'male' | 'female';

export interface TestCitizen {
  /** Stable identifier of the citizen inside the stand-in (never sent to clients). */
  readonly id: string;
  /** Short French description shown on the stand-in's login page. */
  readonly description: string;
  readonly given_name: string;
  readonly family_name: string;
  readonly preferred_username?: string;
  readonly birthdate: string;
  readonly gender: Gender;
  readonly birthplace: string;
  readonly birthcountry: string;
  readonly email?: string;
  readonly nir?: string;
}

export const FRANCE_COUNTRY_CODE = '99100';

export const TEST_CITIZENS: readonly TestCitizen[] = Object.freeze([
  {
    id: 'angela-dubois-paris',
    description: 'Née à Paris 12e',
    given_name: 'Angela Claire Louise',
    family_name: 'DUBOIS',
    birthdate: '1962-08-24',
    gender: 'female',
    birthplace: '75112',
    birthcountry: FRANCE_COUNTRY_CODE,
    email: 'angela.dubois@example.com',
    nir: '262087511208457',
  },
  {
    id: 'marie-ange-santoni-ajaccio-1981',
    description: 'Née à Ajaccio (Corse-du-Sud) après 1976',
    given_name: 'Marie-Ange Dominique',
    family_name: 'SANTONI',
    birthdate: '1981-02-03',
    gender: 'female',
    birthplace: '2A004',
    birthcountry: FRANCE_COUNTRY_CODE,
    email: 'marie-ange.santoni@example.com',
    nir: '281022A00403152',
  },
  {
    id: 'jean-baptiste-casanova-ajaccio-1970',
    description: 'Né à Ajaccio (Corse) avant 1976, code commune 20004',
    given_name: 'Jean-Baptiste Pierre',
    family_name: 'CASANOVA',
    birthdate: '1970-05-12',
    gender: 'male',
    birthplace: '20004',
    birthcountry: FRANCE_COUNTRY_CODE,
    email: 'jean-baptiste.casanova@example.com',
    nir: '170052000411296',
  },
  {
    id: 'carmen-garcia-espagne',
    description: 'Née en Espagne',
    given_name: 'Carmen Lucía',
    family_name: 'GARCIA',
    birthdate: '1982-02-24',
    gender: 'female',
    birthplace: '',
    birthcountry: '99134',
    email: 'carmen.garcia@example.com',
    nir: '282029913404540',
  },
  {
    id: 'youssef-benali-mois-inconnu',
    description: 'Né au Maroc, jour et mois de naissance inconnus (1975-00-00)',
    given_name: 'Youssef',
    family_name: 'BENALI',
    birthdate: '1975-00-00',
    gender: 'male',
    birthplace: '',
    birthcountry: '99350',
    email: 'youssef.benali@example.com',
    // Unknown month: the NIR carries a fictitious month (20).
    nir: '175209935007729',
  },
  {
    id: 'kenji-fleuret-jour-inconnu',
    description: 'Né au Japon, jour de naissance inconnu (1992-11-00)',
    given_name: 'Kenji',
    family_name: 'FLEURET',
    birthdate: '1992-11-00',
    gender: 'male',
    birthplace: '',
    birthcountry: '99217',
    email: 'kenji.fleuret@example.com',
    nir: '192119921708824',
  },
  {
    id: 'amandine-dufour-sans-email',
    description: 'Née à Paris 19e, sans adresse électronique',
    given_name: 'Amandine',
    family_name: 'DUFOUR',
    birthdate: '1989-03-02',
    gender: 'female',
    birthplace: '75119',
    birthcountry: FRANCE_COUNTRY_CODE,
    nir: '289037511922747',
  },
  {
    id: 'sophie-martin-nom-usage',
    description: "Née à Lyon 3e, avec un nom d'usage (LEROY)",
    given_name: 'Sophie Anne',
    family_name: 'MARTIN',
    preferred_username: 'LEROY',
    birthdate: '1985-06-15',
    gender: 'female',
    birthplace: '69383',
    birthcountry: FRANCE_COUNTRY_CODE,
    email: 'sophie.leroy@example.com',
    nir: '285066938305676',
  },
  {
    id: 'jean-marc-payet-reunion',
    description: 'Né à Saint-Denis (La Réunion)',
    given_name: 'Jean-Marc',
    family_name: 'PAYET',
    birthdate: '1978-11-30',
    gender: 'male',
    birthplace: '97411',
    birthcountry: FRANCE_COUNTRY_CODE,
    email: 'jean-marc.payet@example.com',
    nir: '178119741101957',
  },
  {
    id: 'helene-lefevre-durand-accents',
    description: 'Née à Bordeaux, nom composé et lettres accentuées',
    given_name: 'Hélène Éloïse',
    family_name: 'LEFÈVRE-DURAND',
    birthdate: '1992-07-19',
    gender: 'female',
    birthplace: '33063',
    birthcountry: FRANCE_COUNTRY_CODE,
    email: 'helene.lefevre@example.com',
    nir: '292073306315042',
  },
  {
    id: 'vincent-martin-sans-nir',
    description: 'Né en Algérie, inconnu du répertoire (sans NIR)',
    given_name: 'Vincent Guillaume',
    family_name: 'MARTIN',
    birthdate: '1963-12-05',
    gender: 'male',
    birthplace: '',
    birthcountry: '99352',
    email: 'vincent.martin@example.com',
  },
] satisfies TestCitizen[]);

export function findCitizen(id: string): TestCitizen | undefined {
  return TEST_CITIZENS.find((c) => c.id === id);
}

/**
 * NIR key: 97 − (first 13 characters as a number mod 97), on two digits.
 * Corsica: `2A` counts as `19` and `2B` as `18` for the computation.
 */
export function computeNirKey(first13: string): string {
  if (!/^[12]\d{4}(\d{2}|2A|2B)\d{6}$/.test(first13)) {
    throw new RangeError('NIR: 13 caractères attendus');
  }
  const numeric = first13.slice(0, 5) + first13.slice(5, 7).replace('2A', '19').replace('2B', '18') + first13.slice(7);
  return String(97 - Number(BigInt(numeric) % 97n)).padStart(2, '0');
}

export function isNirKeyValid(nir: string): boolean {
  if (nir.length !== 15) return false;
  try {
    return computeNirKey(nir.slice(0, 13)) === nir.slice(13);
  } catch {
    return false;
  }
}
