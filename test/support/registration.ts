import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { nirKey } from '../../src/identity';
import type { TestBrowser } from './app';
import { submit, visit } from './http';
import { lastCode } from './outbox';

/** « Créer Mon Compte » in tests: people to register, and the walk through its pages. */
export const REGISTRATION_PASSWORD = 'Secret2026Caf';

/** A person the répertoire does not know: accepted with identity « à confirmer » unless a document is checked. */
export const MARIE = {
  nir: `290057511412${'3'}${nirKey('2900575114123')}`,
  civility: 'MME',
  birthName: 'Dupont',
  givenNames: 'Marie Claire',
  'birthDate-day': '15',
  'birthDate-month': '5',
  'birthDate-year': '1990',
  birthPlaceKind: 'france',
  communeQuery: 'Paris 14e',
  communeCode: '75114',
};

/** Known to the répertoire (a FranceConnect stand-in citizen): Angela Dubois, born in Paris 12e. */
export const ANGELA = {
  nir: '262087511208457',
  civility: 'MME',
  birthName: 'DUBOIS',
  givenNames: 'Angela Claire Louise',
  'birthDate-day': '24',
  'birthDate-month': '8',
  'birthDate-year': '1962',
  birthPlaceKind: 'france',
  communeQuery: 'Paris 12e',
  communeCode: '75112',
};

/** No NIR, born abroad (Brazil). */
export const ANA = {
  noNir: 'oui',
  civility: 'MME',
  birthName: 'Souza',
  givenNames: 'Ana Paula',
  'birthDate-day': '8',
  'birthDate-month': '3',
  'birthDate-year': '1995',
  birthPlaceKind: 'etranger',
  countryQuery: 'Brésil',
  countryCode: '99416',
};

export interface JourneyOptions {
  person?: Record<string, string>;
  document?: Record<string, string>;
  contact?: Record<string, string>;
}

/** Walks the pages up to (not including) `until`, with sensible defaults; returns the address the code went to. */
export async function walkTo(
  b: TestBrowser,
  db: Kysely<Database>,
  until: 'identity_document' | 'contact' | 'code' | 'password' | 'review' | 'completed',
  o: JourneyOptions = {},
): Promise<{ to: string }> {
  const order = ['identity_document', 'contact', 'code', 'password', 'review', 'completed'];
  const reach = (s: string) => order.indexOf(until) >= order.indexOf(s);
  const contact = o.contact ?? { contactKind: 'email', email: `p${Math.random().toString(36).slice(2, 10)}@example.fr` };
  const to = contact.contactKind === 'email' ? contact.email!.toLowerCase() : `+33${contact.phone!.replace(/\s/g, '').slice(1)}`;
  await visit(b, '/creer-mon-compte/nouveau');
  await submit(b, '/creer-mon-compte/etat-civil', o.person ?? MARIE);
  if (!reach('contact')) return { to };
  await submit(b, '/creer-mon-compte/titre-identite', o.document ?? { documentKind: 'cni', 'documentNumber-cni': 'X4RTBPFW4' });
  if (!reach('code')) return { to };
  await submit(b, '/creer-mon-compte/coordonnees', contact);
  if (!reach('password')) return { to };
  await submit(b, '/creer-mon-compte/code', { code: await lastCode(db, to) });
  if (!reach('review')) return { to };
  await submit(b, '/creer-mon-compte/mot-de-passe', { password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD });
  if (!reach('completed')) return { to };
  await submit(b, '/creer-mon-compte/recapitulatif', {});
  return { to };
}

let order = 200;
/** A NIR of Marie's with an order number of its own: a person nobody registered yet. */
export function freshNir(): string {
  order++;
  const body = `2900575114${String(order).padStart(3, '0')}`;
  return body + nirKey(body);
}

/** Marie with a NIR of her own. */
export function freshMarie(): Record<string, string> {
  return { ...MARIE, nir: freshNir() };
}

/** A step of « Créer Mon Compte » run through its use case, that must be saved (a refusal fails the test with its fields). */
export async function saved<T extends { kind: string }>(out: Promise<T>): Promise<Extract<T, { kind: 'saved' }>> {
  const r = await out;
  expect(r).toMatchObject({ kind: 'saved' });
  return r as Extract<T, { kind: 'saved' }>;
}
