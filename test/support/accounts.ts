import type { LightMyRequestResponse } from 'fastify';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createAccount, type Account, type NewAccount } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import type { TestBrowser } from './app';
import { location } from './http';
import { lastCode } from './outbox';

/** Accounts for tests: a valid row, an account with a known password, logging in through the pages. */
export const PASSWORD = 'MotDePasse2026';

/** A valid account row for tests (override what the test is about). */
export const sampleAccount = (over: Partial<NewAccount> = {}): NewAccount => ({
  login_id: '184127505612345',
  nir: '184127505612345',
  provisional_id: null,
  civility: 'M',
  birth_name: 'MARTIN',
  given_names: 'Paul Louis',
  usage_name: null,
  birth_date: '1984-12-01',
  birth_place_kind: 'commune',
  birth_place_code: '75056',
  birth_place_name: 'Paris',
  identity_status: 'confirmed',
  identity_document_kind: 'cni',
  identity_document_number: 'X4RTBPFW4',
  contact_kind: 'email',
  contact_value: 'paul.martin@example.fr',
  contact_verified_at: 1,
  password_hash: null,
  franceconnect_sub: null,
  ...over,
});

let counter = 0;

/** A distinct, valid-looking 15-character NIR for each call (the login does not check the key). */
export function nextNir(): string {
  counter++;
  return `2850375${String(100000 + counter).slice(-6)}${String(10 + (counter % 80)).padStart(2, '0')}`;
}

export async function createTestAccount(ctx: AppContext, over: Partial<NewAccount> = {}, password = PASSWORD): Promise<Account> {
  const nir = over.nir ?? nextNir();
  const r = await createAccount(
    ctx.database.db,
    sampleAccount({
      login_id: nir,
      nir,
      civility: 'MME',
      birth_name: 'DUPONT',
      given_names: 'Marie Claire',
      contact_kind: 'email',
      contact_value: `marie.${nir}@exemple.fr`,
      password_hash: await ctx.passwords.hash(password),
      ...over,
    }),
    ctx.clock.now(),
  );
  if (!r.ok) throw new Error('account not created');
  return r.account;
}

export async function auditTypes(ctx: AppContext, accountId: string | null): Promise<string[]> {
  let q = ctx.database.db.selectFrom('audit_events').select(['type']).orderBy('id', 'asc');
  q = accountId === null ? q.where('account_id', 'is', null) : q.where('account_id', '=', accountId);
  return (await q.execute()).map((r) => r.type);
}

/** Password step then code step, as a person would; returns the final response (303 → /mon-espace). */
/** Where a login lands: « Mon espace », or the request chosen with « Faire la demande » (src/http/intent.ts). */
const LANDINGS = /^\/mon-espace(\/demarches\/[\w-]+\/reprendre)?$/;

export async function logIn(
  ctx: AppContext,
  b: TestBrowser,
  account: Account,
  password = PASSWORD,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  await b.get('/connexion', headers);
  const first = await b.post('/connexion', { identifier: account.login_id, password }, { headers });
  if (LANDINGS.test(location(first) ?? '')) return first;
  expect(location(first)).toBe('/connexion/code');
  await b.get('/connexion/code', headers);
  const code = await lastCode(ctx, account.contact_value);
  const second = await b.post('/connexion/code', { code }, { headers });
  expect(location(second)).toMatch(LANDINGS);
  return second;
}

/** Logs in through the pages in Chromium (identifier, password, the code read from the outbox) and lands on /mon-espace. */
export async function logInWithPage(page: Page, base: string, ctx: AppContext, account: Account, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/connexion`);
  await page.fill('#identifier', account.login_id);
  await page.fill('#password', password);
  await page.click('button:has-text("Se connecter")');
  await page.waitForURL(`${base}/connexion/code`);
  await page.fill('#code', await lastCode(ctx, account.contact_value));
  await page.click('button:has-text("Valider")');
  await page.waitForURL((u) => u.pathname === '/mon-espace' || /^\/mon-espace\/demarches\/[\w-]+\/(etapes\/|verifier)/.test(u.pathname));
}
