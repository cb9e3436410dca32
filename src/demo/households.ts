import { grantDroit } from '../payments/droits';
import { recordTaxableResources, resourcesYearFor } from '../resources/taxable';
import { addMonths, lastPayableMonth, paymentDayOf } from '../payments/months';
import { agencyDay } from '../shared/french-time';
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
  /** the dossier's droits (src/payments), each paid for the last six months; `person`: whom it concerns */
  droits: { prestation: string; monthlyAmountCents: number; person?: Person }[];
  /**
   * the household's revenus imposables of a year, in cents, as the tax administration transmitted
   * them (src/resources/taxable.ts): recorded for the years N − 2 and N − 1 (+2 %), so that the QF of
   * this year — and of next year on a demo kept that long — is computed; null: unknown to the Caf
   */
  taxableResourcesCents: number | null;
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
    droits: [
      { prestation: 'aide-au-logement', monthlyAmountCents: 312_45 },
      { prestation: 'allocations-familiales', monthlyAmountCents: 148_52 },
    ],
    // Julien 23 220 € and Léa 15 480 € (unknown to the monthly feed, but she files a tax return)
    taxableResourcesCents: 38_700_00,
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
    droits: [
      { prestation: 'prime-activite', monthlyAmountCents: 187_30 },
      { prestation: 'ajpa', monthlyAmountCents: 256_10, person: P.nadiaPetit },
    ],
    // the one demo dossier whose revenus imposables the Caf has not received: its QF page says « ressources inconnues »
    taxableResourcesCents: null,
  },
  {
    dossier: '3456789',
    address: { line1: '27 boulevard de Strasbourg', line2: null, postalCode: '31000', city: 'TOULOUSE', since: '2018-09-01' },
    bank: { iban: 'FR7610107001011234567890129', holder: 'GARNIER Sophie' },
    members: [
      { person: P.sophieGarnier, role: 'responsable' },
      { person: P.lucasGarnier, role: 'enfant' },
    ],
    droits: [{ prestation: 'allocation-soutien-familial', monthlyAmountCents: 199_19 }],
    taxableResourcesCents: 15_984_00,
  },
  {
    dossier: '4567890',
    address: { line1: '8 quai de la Fosse', line2: null, postalCode: '44000', city: 'NANTES', since: '2015-01-01' },
    bank: { iban: 'FR1817515900000800123456785', holder: 'LEROY Marc' },
    members: [
      { person: P.marcLeroy, role: 'responsable' },
      { person: P.jeanneLeroy, role: 'personne_a_charge' },
    ],
    droits: [
      { prestation: 'aide-au-logement', monthlyAmountCents: 224_80 },
      { prestation: 'aah', monthlyAmountCents: 1_016_05, person: P.jeanneLeroy },
    ],
    taxableResourcesCents: 21_600_00,
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
    const bank = await recordBankAccount(db, householdId, h.bank, null, now);
    await seedDemoDroits(db, householdId, h, bank.id, now);
    if (h.taxableResourcesCents !== null) {
      const year = resourcesYearFor(agencyDay(now).slice(0, 7));
      const byYear = [h.taxableResourcesCents, Math.round(h.taxableResourcesCents * 1.02)];
      for (const [i, annualCents] of byYear.entries())
        await recordTaxableResources(db, { householdId, year: year + i, annualCents, source: 'impots', now });
    }
  }
}

/** The droits of a demo dossier, opened seven months ago, and their payments of the last six months (paid on the 5th). */
async function seedDemoDroits(
  db: Kysely<Database>,
  householdId: string,
  h: DemoHousehold,
  bankAccountId: string,
  now: number,
): Promise<void> {
  const last = lastPayableMonth(agencyDay(now));
  for (const d of h.droits) {
    const memberId = d.person
      ? (
          await db
            .selectFrom('household_members')
            .select('id')
            .where('household_id', '=', householdId)
            .where('nir', '=', d.person.nir)
            .executeTakeFirstOrThrow()
        ).id
      : null;
    const droit = await grantDroit(db, {
      householdId,
      memberId,
      prestation: d.prestation,
      monthlyAmountCents: d.monthlyAmountCents,
      firstMonth: addMonths(last, -5),
      lastMonth: null,
      demarcheId: null,
      agentId: null,
      motif: 'Droit ouvert par la Caf',
      now,
    });
    for (let i = 5; i >= 0; i--) {
      const month = addMonths(last, -i);
      await db
        .insertInto('payments')
        .values({
          id: `demo-${droit.id}-${month}`,
          droit_id: droit.id,
          household_id: householdId,
          month,
          amount_cents: d.monthlyAmountCents,
          payment_day: paymentDayOf(month),
          status: 'verse',
          paid_on: paymentDayOf(month),
          bank_account_id: bankAccountId,
          created_at: now,
          released_at: null,
          released_by: null,
        })
        .execute();
    }
  }
}
