import { TEST_CITIZENS } from '../franceconnect-standin/citizens';
import type { RepertoirePerson } from '../flows/registration/repertoire';

/**
 * The people known to the local « répertoire » (stand-in for the national identity registry):
 * the demo account holders (src/demo/seed.ts), people who can still register, and the
 * FranceConnect stand-in's test citizens that have a NIR — so that the same person is recognised
 * whichever way they come.
 */
export const DEMO_PEOPLE = {
  camilleDurand: { nir: '288046938312324', sex: 'F', birthName: 'DURAND', givenNames: 'Camille Marie', birthDate: '1988-04-12' },
  karimHaddad: { nir: '190073306304504', sex: 'M', birthName: 'HADDAD', givenNames: 'Karim', birthDate: '1990-07-21' },
  julienMoreau: { nir: '182094410901740', sex: 'M', birthName: 'MOREAU', givenNames: 'Julien Pierre', birthDate: '1982-09-05' },
  leaMoreau: { nir: '284019204403314', sex: 'F', birthName: 'BERNARD', givenNames: 'Léa', birthDate: '1984-01-17' },
  hugoMoreau: { nir: '109064410915239', sex: 'M', birthName: 'MOREAU', givenNames: 'Hugo', birthDate: '2009-06-30' },
  /** no account: born in Levallois-Perret (Seine, 75044) in 1960, before the code became 92044 */
  bernardLevallois: { nir: '160077504408792', sex: 'M', birthName: 'LEFORT', givenNames: 'Bernard André', birthDate: '1960-07-14' },
} as const satisfies Record<string, RepertoirePerson>;

const sexOf = (g: 'male' | 'female'): 'M' | 'F' => (g === 'male' ? 'M' : 'F');

export const repertoirePeople: readonly RepertoirePerson[] = [
  ...Object.values(DEMO_PEOPLE),
  ...TEST_CITIZENS.flatMap((c) =>
    c.nir ? [{ nir: c.nir, sex: sexOf(c.gender), birthName: c.family_name, givenNames: c.given_name, birthDate: c.birthdate }] : [],
  ),
];

/** Identity document numbers the local verifier treats as revoked (declared lost or stolen). */
export const revokedDemoDocuments: readonly string[] = ['99ZZ99999'];
