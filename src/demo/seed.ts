import type { NewAccount } from '../accounts/repository';
import { createAccount } from '../accounts/repository';
import { countAgents, createAgent, type NewAgent } from '../agents/repository';
import type { AgentRole } from '../agents/roles';
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

const P = DEMO_PEOPLE;
type Person = (typeof DEMO_PEOPLE)[keyof typeof DEMO_PEOPLE];
type DemoAccount = Omit<NewAccount, 'password_hash' | 'contact_verified_at'>;

const commune = (code: string, name: string) => ({ birth_place_kind: 'commune' as const, birth_place_code: code, birth_place_name: name });
const confirmed = (kind: 'cni' | 'passport', n: string) => ({
  identity_status: 'confirmed' as const,
  identity_document_kind: kind,
  identity_document_number: n,
});
const cni = (n: string) => confirmed('cni', n);
const toConfirm = { identity_status: 'to_confirm' as const, identity_document_kind: null, identity_document_number: null };
const email = (value: string) => ({ contact_kind: 'email' as const, contact_value: value });
const sms = (value: string) => ({ contact_kind: 'sms' as const, contact_value: value });

/** The account of a person of the répertoire: where they were born, their identity (document or to confirm), their contact, their usage name. */
function fromPerson(
  p: Person,
  born: ReturnType<typeof commune>,
  identity: ReturnType<typeof confirmed> | typeof toConfirm,
  reach: ReturnType<typeof email | typeof sms>,
  usageName: string | null = null,
): DemoAccount {
  return {
    login_id: p.nir,
    nir: p.nir,
    provisional_id: null,
    civility: p.sex === 'M' ? 'M' : 'MME',
    birth_name: p.birthName,
    given_names: p.givenNames,
    usage_name: usageName,
    birth_date: p.birthDate,
    franceconnect_sub: null,
    ...born,
    ...identity,
    ...reach,
  };
}

export const demoAccounts: DemoAccount[] = [
  fromPerson(P.camilleDurand, commune('69383', 'Lyon 3e Arrondissement'), cni('D3M0CNI26'), email('camille.durand@example.fr')),
  fromPerson(P.karimHaddad, commune('33063', 'Bordeaux'), confirmed('passport', '21AB12345'), sms('+33612345678')),
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
    birth_place_name: 'Brésil',
    ...toConfirm,
    ...email('ana.souza@example.fr'),
    franceconnect_sub: null,
  },
  fromPerson(P.julienMoreau, commune('44109', 'Nantes'), cni('880692310285'), email('julien.moreau@example.fr')),
  fromPerson(P.leaMoreau, commune('92044', 'Levallois-Perret'), cni('L3AM0R3AU'), sms('+33698765432'), 'MOREAU'),
  fromPerson(P.hugoMoreau, commune('44109', 'Nantes'), toConfirm, email('hugo.moreau@example.fr')),
  // The other demo households (src/demo/households.ts).
  fromPerson(P.thomasPetit, commune('35238', 'Rennes'), cni('TP8306R35'), email('thomas.petit@example.fr')),
  fromPerson(P.nadiaPetit, commune('59350', 'Lille'), cni('NB8611L59'), sms('+33611223344'), 'PETIT'),
  fromPerson(P.sophieGarnier, commune('31555', 'Toulouse'), cni('SG9003T31'), email('sophie.garnier@example.fr')),
  fromPerson(P.marcLeroy, commune('44109', 'Nantes'), cni('ML7209N44'), email('marc.leroy@example.fr')),
  fromPerson(P.jeanneLeroy, commune('44109', 'Nantes'), toConfirm, sms('+33655667788')),
];

/** What seeding needs, handed down by the composition root. */
export interface SeedDeps {
  database: Pick<DatabaseHandle, 'db'>;
  passwords: Pick<PasswordHasher, 'hash'>;
  clock: Clock;
}

/** A demo agent of the Caf side, listed in the README: logs in with their email, with the same password as the demo accounts. */
function demoAgent(email: string, displayName: string, roles: readonly AgentRole[]): Omit<NewAgent, 'password_hash'> {
  return { login_id: email, display_name: displayName, email, roles };
}

/** The demo agent of the Caf side (/gestion). */
export const DEMO_AGENT = demoAgent('nadia.martin@caf.example.fr', 'Nadia MARTIN', ['instruction']);

/** The demo assistance agent (the assistance console, /gestion/comptes): accounts only, no démarche. */
export const DEMO_ASSISTANCE_AGENT = demoAgent('karim.benali@caf.example.fr', 'Karim BENALI', ['assistance']);

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
