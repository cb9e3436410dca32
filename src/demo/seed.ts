import type { NewAccount } from '../accounts/repository';
import { createAccount } from '../accounts/repository';
import { countAgents, createAgent, type NewAgent } from '../agents/repository';
import type { PasswordHasher } from '../auth/passwords';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import { seedDemoHouseholds } from './households';
import { DEMO_PEOPLE } from './people';

/**
 * Demo data for development (`config.demoData`, on by default outside production): when the
 * accounts table is empty at start-up, a few accounts with a known password, listed in the README
 * (« Comptes de démonstration »).
 */
export const DEMO_PASSWORD = 'Demo2026Caf';
export const DEMO_PROVISIONAL_ID = 'P25QFH83NQ';
export { DEMO_DOSSIER_NUMBER } from './households';

type Person = (typeof DEMO_PEOPLE)[keyof typeof DEMO_PEOPLE];

const commune = (code: string, name: string) => ({ birth_place_kind: 'commune' as const, birth_place_code: code, birth_place_name: name });
const cni = (n: string) => ({ identity_status: 'confirmed' as const, identity_document_kind: 'cni', identity_document_number: n });
const contact = (kind: 'email' | 'sms', value: string) => ({ contact_kind: kind, contact_value: value });

function fromPerson(
  p: Person,
  o: Omit<
    NewAccount,
    | 'login_id'
    | 'nir'
    | 'provisional_id'
    | 'civility'
    | 'birth_name'
    | 'given_names'
    | 'birth_date'
    | 'password_hash'
    | 'franceconnect_sub'
    | 'contact_verified_at'
  >,
): Omit<NewAccount, 'password_hash' | 'contact_verified_at'> {
  return {
    login_id: p.nir,
    nir: p.nir,
    provisional_id: null,
    civility: p.sex === 'M' ? 'M' : 'MME',
    birth_name: p.birthName,
    given_names: p.givenNames,
    birth_date: p.birthDate,
    franceconnect_sub: null,
    ...o,
  };
}

export const demoAccounts: Omit<NewAccount, 'password_hash' | 'contact_verified_at'>[] = [
  fromPerson(DEMO_PEOPLE.camilleDurand, {
    usage_name: null,
    birth_place_kind: 'commune',
    birth_place_code: '69383',
    birth_place_name: 'Lyon 3e Arrondissement',
    identity_status: 'confirmed',
    identity_document_kind: 'cni',
    identity_document_number: 'D3M0CNI26',
    contact_kind: 'email',
    contact_value: 'camille.durand@example.fr',
  }),
  fromPerson(DEMO_PEOPLE.karimHaddad, {
    usage_name: null,
    birth_place_kind: 'commune',
    birth_place_code: '33063',
    birth_place_name: 'Bordeaux',
    identity_status: 'confirmed',
    identity_document_kind: 'passport',
    identity_document_number: '21AB12345',
    contact_kind: 'sms',
    contact_value: '+33612345678',
  }),
  {
    login_id: DEMO_PROVISIONAL_ID,
    nir: null,
    provisional_id: DEMO_PROVISIONAL_ID,
    civility: 'MME',
    birth_name: 'SOUZA',
    given_names: 'Ana Paula',
    usage_name: null,
    birth_date: '1995-03-08',
    birth_place_kind: 'country',
    birth_place_code: '99416',
    birth_place_name: 'BRESIL',
    identity_status: 'to_confirm',
    identity_document_kind: null,
    identity_document_number: null,
    contact_kind: 'email',
    contact_value: 'ana.souza@example.fr',
    franceconnect_sub: null,
  },
  fromPerson(DEMO_PEOPLE.julienMoreau, {
    usage_name: null,
    birth_place_kind: 'commune',
    birth_place_code: '44109',
    birth_place_name: 'Nantes',
    identity_status: 'confirmed',
    identity_document_kind: 'cni',
    identity_document_number: '880692310285',
    contact_kind: 'email',
    contact_value: 'julien.moreau@example.fr',
  }),
  fromPerson(DEMO_PEOPLE.leaMoreau, {
    usage_name: 'MOREAU',
    birth_place_kind: 'commune',
    birth_place_code: '92044',
    birth_place_name: 'Levallois-Perret',
    identity_status: 'confirmed',
    identity_document_kind: 'cni',
    identity_document_number: 'L3AM0R3AU',
    contact_kind: 'sms',
    contact_value: '+33698765432',
  }),
  fromPerson(DEMO_PEOPLE.hugoMoreau, {
    usage_name: null,
    birth_place_kind: 'commune',
    birth_place_code: '44109',
    birth_place_name: 'Nantes',
    identity_status: 'to_confirm',
    identity_document_kind: null,
    identity_document_number: null,
    contact_kind: 'email',
    contact_value: 'hugo.moreau@example.fr',
  }),
  // The other demo households (src/demo/households.ts).
  fromPerson(DEMO_PEOPLE.thomasPetit, {
    usage_name: null,
    ...commune('35238', 'Rennes'),
    ...cni('TP8306R35'),
    ...contact('email', 'thomas.petit@example.fr'),
  }),
  fromPerson(DEMO_PEOPLE.nadiaPetit, {
    usage_name: 'PETIT',
    ...commune('59350', 'Lille'),
    ...cni('NB8611L59'),
    ...contact('sms', '+33611223344'),
  }),
  fromPerson(DEMO_PEOPLE.sophieGarnier, {
    usage_name: null,
    ...commune('31555', 'Toulouse'),
    ...cni('SG9003T31'),
    ...contact('email', 'sophie.garnier@example.fr'),
  }),
  fromPerson(DEMO_PEOPLE.marcLeroy, {
    usage_name: null,
    ...commune('44109', 'Nantes'),
    ...cni('ML7209N44'),
    ...contact('email', 'marc.leroy@example.fr'),
  }),
  fromPerson(DEMO_PEOPLE.jeanneLeroy, {
    usage_name: null,
    ...commune('44109', 'Nantes'),
    identity_status: 'to_confirm',
    identity_document_kind: null,
    identity_document_number: null,
    ...contact('sms', '+33655667788'),
  }),
];

/** The demo agent of the Caf side (/gestion), listed in the README; the same password as the demo accounts. */
/** What seeding needs, handed down by the composition root. */
export interface SeedDeps {
  database: Pick<DatabaseHandle, 'db'>;
  passwords: Pick<PasswordHasher, 'hash'>;
  clock: Clock;
}

export const DEMO_AGENT = {
  login_id: 'nadia.martin@caf.example.fr',
  display_name: 'Nadia MARTIN',
  email: 'nadia.martin@caf.example.fr',
  roles: ['instruction'],
} as const satisfies Omit<NewAgent, 'password_hash'>;

/** The demo assistance agent (the assistance console, /gestion/comptes): accounts only, no démarche. */
export const DEMO_ASSISTANCE_AGENT = {
  login_id: 'karim.benali@caf.example.fr',
  display_name: 'Karim BENALI',
  email: 'karim.benali@caf.example.fr',
  roles: ['assistance'],
} as const satisfies Omit<NewAgent, 'password_hash'>;

/** Creates the demo agents when there is no agent yet. Returns how many were created. */
export async function seedDemoAgents(ctx: SeedDeps): Promise<number> {
  if ((await countAgents(ctx.database.db)) > 0) return 0;
  const password_hash = await ctx.passwords.hash(DEMO_PASSWORD);
  for (const a of [DEMO_AGENT, DEMO_ASSISTANCE_AGENT]) await createAgent(ctx.database.db, { ...a, password_hash }, ctx.clock.now());
  return 2;
}

/** Creates the demo accounts and households (src/demo/households.ts) when there is no account yet, and the demo agent when there is no agent yet. Returns how many accounts were created. */
export async function seedDemoData(ctx: SeedDeps): Promise<number> {
  const { db } = ctx.database;
  await seedDemoAgents(ctx);
  const existing = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const now = ctx.clock.now();
  const passwordHash = await ctx.passwords.hash(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const a of demoAccounts) {
      const created = await createAccount(trx, { ...a, password_hash: passwordHash, contact_verified_at: now }, now);
      if (!created.ok) throw new Error(`demo account ${a.login_id} could not be created`);
      ids.set(a.login_id, created.account.id);
    }
    await seedDemoHouseholds(trx, ids, now);
    return demoAccounts.length;
  });
}
