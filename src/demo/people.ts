import { TEST_CITIZENS } from '../franceconnect-standin/citizens';
import type { RepertoirePerson } from '../identity/repertoire';

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
  /** the Petit household (2345678): a couple whose conjoint has NO procuration, and a daughter over 15 without an account yet */
  thomasPetit: { nir: '183063523804274', sex: 'M', birthName: 'PETIT', givenNames: 'Thomas', birthDate: '1983-06-11' },
  nadiaPetit: { nir: '286115935011745', sex: 'F', birthName: 'BENALI', givenNames: 'Nadia', birthDate: '1986-11-23' },
  inesPetit: { nir: '208043523805169', sex: 'F', birthName: 'PETIT', givenNames: 'Inès', birthDate: '2008-04-02' },
  /** the Garnier household (3456789): a single parent and a child under 15 (who cannot create an account) */
  sophieGarnier: { nir: '290033155508879', sex: 'F', birthName: 'GARNIER', givenNames: 'Sophie', birthDate: '1990-03-15' },
  lucasGarnier: { nir: '115023155512268', sex: 'M', birthName: 'GARNIER', givenNames: 'Lucas', birthDate: '2015-02-08' },
  /** the Leroy household (4567890): a responsable and his mother, personne à charge */
  marcLeroy: { nir: '172094410907782', sex: 'M', birthName: 'LEROY', givenNames: 'Marc', birthDate: '1972-09-19' },
  jeanneLeroy: { nir: '241054410903376', sex: 'F', birthName: 'LEROY', givenNames: 'Jeanne', birthDate: '1941-05-27' },
  /** the Moreaus' younger child, under 15, no account */
  jadeMoreau: { nir: '216094410914589', sex: 'F', birthName: 'MOREAU', givenNames: 'Jade', birthDate: '2016-09-03' },
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
