import type { LightMyRequestResponse } from 'fastify';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createAccount, type Account, type NewAccount } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import { sampleAccount } from '../support/fixtures';
import type { TestBrowser } from '../support/app';

/** Helpers of the login tests: accounts with a known password, codes read from the outbox. */
export const PASSWORD = 'MotDePasse2026';

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

export async function outboxTo(ctx: AppContext, recipient: string) {
  return ctx.database.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', recipient).orderBy('created_at', 'asc').execute();
}

/** The code of the latest message sent to `recipient` (codes exist in clear only in the message). */
export async function lastCodeSentTo(ctx: AppContext, recipient: string): Promise<string> {
  const messages = await outboxTo(ctx, recipient);
  const text = messages.at(-1)?.text ?? '';
  const m = /\b(\d{6})\b/.exec(text);
  if (!m) throw new Error(`no code sent to ${recipient}`);
  return m[1]!;
}

export async function auditTypes(ctx: AppContext, accountId: string | null): Promise<string[]> {
  let q = ctx.database.db.selectFrom('audit_events').select(['type']).orderBy('id', 'asc');
  q = accountId === null ? q.where('account_id', 'is', null) : q.where('account_id', '=', accountId);
  return (await q.execute()).map((r) => r.type);
}

export function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}

/** Password step then code step, as a person would; returns the final response (303 → /mon-espace). */
export async function logIn(ctx: AppContext, b: TestBrowser, account: Account, password = PASSWORD, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  await b.get('/connexion', headers);
  const first = await b.post('/connexion', { identifier: account.login_id, password }, { headers });
  expect(first.statusCode, first.body.slice(0, 500)).toBe(303);
  if (location(first) === '/mon-espace') return first;
  expect(location(first)).toBe('/connexion/code');
  await b.get('/connexion/code', headers);
  const code = await lastCodeSentTo(ctx, account.contact_value);
  const second = await b.post('/connexion/code', { code }, { headers });
  expect(second.statusCode, second.body.slice(0, 500)).toBe(303);
  expect(location(second)).toBe('/mon-espace');
  return second;
}

/** Logs in through the pages in Chromium (identifier, password, the code read from the outbox) and lands on /mon-espace. */
export async function logInWithPage(page: Page, base: string, ctx: AppContext, account: Account, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/connexion`);
  await page.fill('#identifier', account.login_id);
  await page.fill('#password', password);
  await page.click('button:has-text("Se connecter")');
  await page.waitForURL(`${base}/connexion/code`);
  await page.fill('#code', await lastCodeSentTo(ctx, account.contact_value));
  await page.click('button:has-text("Valider")');
  await page.waitForURL(`${base}/mon-espace`);
}
