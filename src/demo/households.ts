import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Role } from '../household/permissions';
import { addMember, createHousehold, recordAddress, recordBankAccount, type AddressInput } from '../household/repository';
import { DEMO_PEOPLE } from './people';

/**
 * The demo households (listed in the README, « Comptes de démonstration »): every member is a
 * person of the local répertoire (src/demo/people.ts); those with a demo account are linked to it,
 * the others can create theirs with « Créer Mon Compte » (and are then linked) — or not, under 15.
 */
type Person = (typeof DEMO_PEOPLE)[keyof typeof DEMO_PEOPLE];

export interface DemoHousehold {
  dossier: string;
  address: AddressInput;
  bank: { iban: string; holder: string };
  members: { person: Person; role: Role; procuration?: boolean }[];
}

export const DEMO_DOSSIER_NUMBER = '1234567';
const P = DEMO_PEOPLE;

export const demoHouseholds: DemoHousehold[] = [
  {
    dossier: DEMO_DOSSIER_NUMBER,
    address: { line1: '14 rue des Olivettes', line2: null, postalCode: '44000', city: 'NANTES', since: '2019-07-01' },
    bank: { iban: 'FR7630006000011234567890189', holder: 'M. ou Mme MOREAU Julien' },
    members: [
      { person: P.julienMoreau, role: 'responsable' },
      { person: P.leaMoreau, role: 'conjoint', procuration: true },
      { person: P.hugoMoreau, role: 'enfant' },
      { person: P.jadeMoreau, role: 'enfant' },
    ],
  },
  {
    dossier: '2345678',
    address: { line1: '3 allée des Tilleuls', line2: 'Bâtiment B, 2e étage', postalCode: '35000', city: 'RENNES', since: '2021-03-15' },
    bank: { iban: 'FR1420041010050500013M02606', holder: 'PETIT Thomas' },
    members: [
      { person: P.thomasPetit, role: 'responsable' },
      { person: P.nadiaPetit, role: 'conjoint' },
      { person: P.inesPetit, role: 'enfant' },
    ],
  },
  {
    dossier: '3456789',
    address: { line1: '27 boulevard de Strasbourg', line2: null, postalCode: '31000', city: 'TOULOUSE', since: '2018-09-01' },
    bank: { iban: 'FR7610107001011234567890129', holder: 'GARNIER Sophie' },
    members: [
      { person: P.sophieGarnier, role: 'responsable' },
      { person: P.lucasGarnier, role: 'enfant' },
    ],
  },
  {
    dossier: '4567890',
    address: { line1: '8 quai de la Fosse', line2: null, postalCode: '44000', city: 'NANTES', since: '2015-01-01' },
    bank: { iban: 'FR1817515900000800123456785', holder: 'LEROY Marc' },
    members: [
      { person: P.marcLeroy, role: 'responsable' },
      { person: P.jeanneLeroy, role: 'personne_a_charge' },
    ],
  },
];

/** Creates the demo households; `accountIds` maps a NIR to its demo account. */
export async function seedDemoHouseholds(db: Kysely<Database>, accountIds: ReadonlyMap<string, string>, now: number): Promise<void> {
  for (const h of demoHouseholds) {
    const householdId = await createHousehold(db, h.dossier, now, `demo-foyer-${h.dossier}`);
    for (const m of h.members) {
      const p = m.person;
      await addMember(db, {
        household_id: householdId,
        account_id: accountIds.get(p.nir) ?? null,
        nir: p.nir,
        civility: p.sex === 'M' ? 'M' : 'MME',
        birth_name: p.birthName,
        given_names: p.givenNames,
        birth_date: p.birthDate,
        role: m.role,
        has_procuration: m.procuration ?? false,
        joined_at: now,
      });
    }
    await recordAddress(db, householdId, h.address, null, now);
    await recordBankAccount(db, householdId, h.bank, null, now);
  }
}
