import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { nirKey } from '../../src/identity';
import type { TestBrowser } from '../support/app';

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

export const PASSWORD = 'Secret2026Caf';

export function location(res: LightMyRequestResponse): string {
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return String(res.headers.location);
}

/** GET then follow redirects (as a browser would), returning the last response. */
export async function visit(b: TestBrowser, url: string): Promise<LightMyRequestResponse> {
  let res = await b.get(url);
  for (let i = 0; i < 5 && (res.statusCode === 302 || res.statusCode === 303); i++) res = await b.get(String(res.headers.location));
  return res;
}

/** POST a form and follow the redirect (PRG); expects a redirect. */
export async function submit(b: TestBrowser, url: string, fields: Record<string, string>): Promise<{ to: string; page: LightMyRequestResponse }> {
  const res = await b.post(url, fields);
  const to = location(res);
  const page = await visit(b, to);
  return { to, page };
}

/** The 6-digit code of the latest message to `to`, read from the outbox as the person would read it. */
export async function lastCode(db: Kysely<Database>, to: string): Promise<string> {
  const m = await db.selectFrom('outbox_messages').selectAll().where('recipient', '=', to).orderBy('created_at', 'desc').execute();
  const withCode = m.find((x) => /\b\d{6}\b/.test(x.text));
  const code = withCode ? /\b(\d{6})\b/.exec(withCode.text)?.[1] : undefined;
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
}

export function messagesTo(db: Kysely<Database>, to: string) {
  return db.selectFrom('outbox_messages').selectAll().where('recipient', '=', to).orderBy('created_at', 'asc').execute();
}

/** Visible text of a page, tags removed, for assertions on what a person reads. */
export function text(body: string): string {
  return body
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<\/?(strong|a|span|sup|em|b)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

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
  await submit(b, '/creer-mon-compte/mot-de-passe', { password: PASSWORD, passwordConfirmation: PASSWORD });
  if (!reach('completed')) return { to };
  await submit(b, '/creer-mon-compte/recapitulatif', {});
  return { to };
}

let order = 200;
/** Marie with a NIR of her own (another order number): a person nobody registered yet. */
export function freshMarie(): Record<string, string> {
  order++;
  const body = `2900575114${String(order).padStart(3, '0')}`;
  return { ...MARIE, nir: body + nirKey(body) };
}
