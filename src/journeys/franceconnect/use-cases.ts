import type { Kysely } from 'kysely';
import {
  createAccount,
  findAccountByFranceConnectSub,
  findAccountById,
  findAccountByNir,
  linkFranceConnect,
  type Account,
} from '../../accounts/repository';
import type { VerificationCodes } from '../../auth/verification-codes';
import type { Database } from '../../db/schema';
import { fcError, type FranceConnectClient, type FranceConnectErrorInfo } from '../../franceconnect';
import { fieldError, type FieldError } from '../../errors/app-error';
import { enqueueMessage } from '../../messaging/outbox';
import type { RateLimiter } from '../../security/rate-limit';
import type { LoginThrottle } from '../../security/login-throttle';
import type { PasswordCheck } from '../../auth/password-check';
import { codeNoLongerValid, ContactCodes } from '../contact-verification/codes';
import { readContact, type ContactInput } from '../../accounts/contact';
import type { FranceConnectFlowErrorCode } from './errors';
import { birthPlaceOf } from './identity-view';
import { checkTypedNir, lookUpNir, type RepertoireSearch } from './matching';
import { franceConnectWelcomeMessage } from './messages';
import { joinHouseholdAtSignUp, refuseUnderAge } from '../../household/joining';
import { FlowError, flowMoved, type FlowErrorCode } from '../../flows/flow';
import type { SignupEvent } from './machine';
import { openTransaction, takeTransaction } from '../../flows/franceconnect-transactions';
import { signups, type Signup, type SignupData, type SignupStep } from './store';

/**
 * The FranceConnect use cases, free of HTTP: the pages (src/journeys/franceconnect/) call
 * them and turn their results into pages, cookies and sessions.
 *
 * Linking rule: an account is found by FranceConnect's `sub` only — never by e-mail. A new `sub`
 * leads to account creation (NIR from the répertoire or typed and checked); when that NIR already
 * has an account, the person proves they own it (its password) before `sub` is linked to it.
 */
export interface FranceConnectDeps {
  db: Kysely<Database>;
  now: () => number;
  client: FranceConnectClient;
  repertoire: RepertoireSearch;
  codes: VerificationCodes;
  /** the one password check (src/auth/password-check.ts) */
  passwordCheck: PasswordCheck;
  loginThrottle: LoginThrottle;
  rateLimiter: RateLimiter;
}

/** A step refused at its fields: re-shown with the errors, with `status` (400 unless said: 429 for a limit). */
export type FieldsRefused = { ok: false; errors: FieldError[]; status?: number };

/** A page that ends the signup: one of its own errors, or a flow error (expired, another tab…). */
export type SignupErrorCode = FranceConnectFlowErrorCode | FlowErrorCode;

export type StepResult = { ok: true; step: SignupStep } | FieldsRefused | { ok: false; page: SignupErrorCode };

// ------------------------------------------------------------------------------------ login

/** Builds the authorize URL and keeps state + nonce server-side; the token goes in a cookie. Throws FranceConnectError when FC is down. */
export async function beginLogin(d: FranceConnectDeps): Promise<{ url: string; token: string }> {
  const start = await d.client.startLogin();
  const token = await openTransaction(d.db, { kind: 'login', state: start.state, nonce: start.nonce }, d.now());
  return { url: start.url, token };
}

export type CompletedLogin =
  | { kind: 'error'; error: FranceConnectErrorInfo }
  | { kind: 'linked'; account: Account; idToken: string }
  | { kind: 'signup'; token: string; signup: Signup };

/**
 * The callback: the transaction is taken (single use) whatever happens, the client verifies
 * everything, then the `sub` decides: a linked account signs in, a new one starts a signup.
 */
export async function completeLogin(
  d: FranceConnectDeps,
  query: Record<string, unknown>,
  transactionToken: string | undefined,
): Promise<CompletedLogin> {
  const tx = await takeTransaction(d.db, transactionToken, 'login', d.now());
  // Without a transaction the expected state is empty: the client then refuses any state.
  const r = await d.client.finishLogin(query, { state: tx?.state ?? '', nonce: tx?.nonce ?? '' });
  if (!r.ok) return { kind: 'error', error: r.error };
  const account = await findAccountByFranceConnectSub(d.db, r.sub);
  if (account) return { kind: 'linked', account, idToken: r.idToken };

  const lookup = await lookUpNir(d.repertoire, r.identity);
  const data: SignupData = {
    sub: r.sub,
    identity: r.identity,
    idToken: r.idToken,
    repertoireMatches: lookup.matches,
    nir: lookup.kind === 'found' ? { value: lookup.nir, source: 'repertoire' } : null,
  };
  const { token, flow } = await signups.create(d.db, { data }, d.now());
  return { kind: 'signup', token, signup: flow };
}

// ------------------------------------------------------------------------------------ signup

export { canOpen } from './machine';

/** The signup moved by `event` (the machine's transition) with its new data; the conflict page when another tab moved it first. */
async function save(d: FranceConnectDeps, s: Signup, event: SignupEvent, data: SignupData): Promise<StepResult> {
  let step: SignupStep = s.state;
  const moved = await flowMoved(async () => {
    step = (await signups.advance(d.db, s, event, d.now(), data)).state;
  });
  return moved ? { ok: true, step } : { ok: false, page: 'FLOW_CONFLICT' };
}

/**
 * « Continuer » on the identity page: the NIR (found, or typed and checked against the identity),
 * then where it leads — the password proof when the NIR already has an account, the contact otherwise.
 */
export async function submitIdentity(d: FranceConnectDeps, s: Signup, typedNir: string | undefined): Promise<StepResult> {
  refuseUnderAge(s.data.identity.birthdate, d.now());
  let nir = s.data.nir;
  if (s.data.repertoireMatches !== 1 || !nir) {
    const input = (typedNir ?? '').trim();
    if (input === '') return { ok: false, errors: [fieldError('nir', 'FC_NIR_REQUIRED')] };
    const checked = await checkTypedNir(d.repertoire, input, s.data.identity);
    if (!checked.ok) return { ok: false, errors: [{ field: 'nir', code: checked.code, message: checked.message }] };
    nir = { value: checked.nir, source: 'typed' };
  }
  const existing = await findAccountByNir(d.db, nir.value);
  const { existingAccountId: _previous, ...rest } = s.data;
  const data: SignupData = { ...rest, nir };
  if (existing) {
    if (existing.franceconnect_sub !== null && existing.franceconnect_sub !== s.data.sub)
      return { ok: false, page: 'FC_ACCOUNT_LINKED_ELSEWHERE' };
    if (!existing.password_hash) return { ok: false, page: 'FC_ACCOUNT_WITHOUT_PASSWORD' };
    return save(d, s, 'nir_has_account', { ...data, existingAccountId: existing.id });
  }
  return save(d, s, 'nir_confirmed', data);
}

export type ProofResult = { ok: true; account: Account } | FieldsRefused | { ok: false; page: SignupErrorCode };

/** The password of the account that already has this NIR: proven, `sub` is linked to it. */
export async function proveExistingAccount(
  d: FranceConnectDeps,
  s: Signup,
  password: string | undefined,
  ip: string,
): Promise<ProofResult> {
  const accountId = s.data.existingAccountId;
  const account = accountId ? await findAccountById(d.db, accountId) : undefined;
  if (!account || !account.password_hash) return { ok: false, page: 'FLOW_NOT_FOUND' };
  if (!password) return { ok: false, errors: [fieldError('password', 'FC_PASSWORD_REQUIRED')] };
  // The one password check (src/auth/password-check.ts), on the login's counters: the attempt is reserved first.
  const checked = await d.passwordCheck.check({ identifier: account.login_id, ip }, password, () => account);
  if (!checked.ok)
    return { ok: false, errors: [fieldError('password', checked.kind === 'throttled' ? 'FC_PASSWORD_THROTTLED' : 'FC_PASSWORD_WRONG')] };
  await d.loginThrottle.success(account.login_id);
  const sub = s.data.sub;
  if (account.franceconnect_sub !== null && account.franceconnect_sub !== sub) return { ok: false, page: 'FC_ACCOUNT_LINKED_ELSEWHERE' };
  // Linked and the signup consumed together: of two tabs, one links.
  const linked = await flowMoved(() =>
    d.db.transaction().execute(async (trx) => {
      if (await findAccountByFranceConnectSub(trx, sub)) throw new FlowError('FLOW_CONFLICT', signups.kind);
      await linkFranceConnect(trx, account.id, sub, d.now());
      await signups.finish(trx, s, 'account_linked');
    }),
  );
  if (!linked) return { ok: false, page: 'FLOW_CONFLICT' };
  return { ok: true, account: { ...account, franceconnect_sub: sub } };
}

const contactCodes = (d: FranceConnectDeps) => new ContactCodes({ db: d.db, codes: d.codes, rateLimiter: d.rateLimiter, now: d.now });

/**
 * The contact chosen: checked, then a code is sent, with the signup saved, in one transaction —
 * the rules of the registration's contact step (src/journeys/contact-verification).
 */
export async function chooseContact(d: FranceConnectDeps, s: Signup, input: ContactInput, ip: string): Promise<StepResult> {
  const read = readContact(input);
  if (!read.ok) return { ok: false, errors: [read.error], status: read.status };
  const contact = read.contact;
  const codes = contactCodes(d);
  if (await codes.alreadyHandled(s.id, s.data.contact, contact)) return save(d, s, 'contact_chosen', s.data);
  const refused = await codes.allowSend(contact, ip);
  if (refused) return { ok: false, errors: [refused.error], status: refused.status };
  const saved = await flowMoved(() =>
    d.db.transaction().execute(async (trx) => {
      await signups.advance(trx, s, 'contact_chosen', d.now(), { ...s.data, contact });
      await codes.issue(trx, s.id, contact);
    }),
  );
  return saved ? { ok: true, step: 'code' } : { ok: false, page: 'FLOW_CONFLICT' };
}

/** « Renvoyer un code »: after the cooldown only, within the limits. */
export async function resendCode(
  d: FranceConnectDeps,
  s: Signup,
  ip: string,
): Promise<{ ok: true } | { ok: false; errors: FieldError[]; status: number }> {
  if (!s.data.contact) return { ok: false, errors: [codeNoLongerValid().error], status: 400 };
  const sent = await contactCodes(d).resend(s.id, s.data.contact, ip);
  return sent.ok ? sent : { ok: false, errors: [sent.error], status: sent.status };
}

export function resendAllowedAt(d: FranceConnectDeps, s: Signup): Promise<number> {
  return contactCodes(d).resendAllowedAt(s.id);
}

export type CreationResult =
  | { ok: true; account: Account; created: boolean }
  | FieldsRefused
  | { ok: false; page: SignupErrorCode }
  | { ok: false; step: SignupStep };

/** The code typed: once verified, the account is created — certified identity, linked by `sub`, no password. */
export async function verifyCodeAndCreate(d: FranceConnectDeps, s: Signup, typed: unknown): Promise<CreationResult> {
  const contact = s.data.contact;
  const nir = s.data.nir;
  if (!contact || !nir) return { ok: false, step: 'identity' };
  const checked = await contactCodes(d).check(s.id, typed, contact);
  if (!checked.ok) return { ok: false, errors: [checked.error], status: checked.status };

  const now = d.now();
  const id = s.data.identity;
  const place = birthPlaceOf(id);
  const created = await createAccount(
    d.db,
    {
      login_id: nir.value,
      nir: nir.value,
      provisional_id: null,
      civility: id.gender === 'male' ? 'M' : 'MME',
      birth_name: id.familyName,
      given_names: id.givenName,
      usage_name: id.preferredUsername ?? null,
      birth_date: id.birthdate,
      birth_place_kind: place.kind,
      birth_place_code: place.code,
      birth_place_name: place.name,
      identity_status: 'certified',
      identity_document_kind: null,
      identity_document_number: null,
      contact_kind: contact.kind,
      contact_value: contact.value,
      contact_verified_at: now,
      password_hash: null,
      franceconnect_sub: s.data.sub,
    },
    now,
  );
  if (!created.ok) {
    // Someone got there first (another tab, or the NIR registered meanwhile): sign in the account of
    // this `sub` if there is one, else go through the existing-account proof.
    const bySub = await findAccountByFranceConnectSub(d.db, s.data.sub);
    if (bySub) return { ok: true, account: bySub, created: false };
    const r = await submitIdentity(d, s, nir.value);
    if (r.ok) return { ok: false, step: r.step };
    if ('page' in r) return r;
    return { ok: false, step: 'identity' };
  }
  await joinHouseholdAtSignUp(d.db, created.account, now);
  await enqueueMessage(d.db, franceConnectWelcomeMessage(contact), now);
  // The account exists: the signup is used up (a second tab finds it gone).
  await flowMoved(() => signups.finish(d.db, s, 'account_created'));
  return { ok: true, account: created.account, created: true };
}

// ------------------------------------------------------------------------------------ logout

/** Logout at FranceConnect: a fresh state kept server-side (token for the cookie) and the end-session URL. */
export async function beginLogout(d: FranceConnectDeps, idToken: string): Promise<{ url: string; token: string }> {
  const { url, state } = await d.client.startLogout(idToken);
  const token = await openTransaction(d.db, { kind: 'logout', state, nonce: null }, d.now());
  return { url, token };
}

/**
 * For a logout page that can only answer with a URL (the login area's /deconnexion): keeps the
 * ID token of the session just ended under a single-use token, for `/franceconnect/deconnexion/suite`.
 */
export async function handOffLogout(d: FranceConnectDeps, idToken: string): Promise<string> {
  return openTransaction(d.db, { kind: 'logout_handoff', state: '-', nonce: null, idToken }, d.now());
}

/** The hand-off's ID token (single use). */
export async function takeLogoutHandOff(d: FranceConnectDeps, token: string | undefined): Promise<string | undefined> {
  const tx = await takeTransaction(d.db, token, 'logout_handoff', d.now());
  return tx?.idToken ?? undefined;
}

/** Back from FranceConnect's end-session: the `state` must be the one we sent. */
export async function completeLogout(
  d: FranceConnectDeps,
  query: Record<string, unknown>,
  transactionToken: string | undefined,
): Promise<{ ok: true } | { ok: false; error: FranceConnectErrorInfo }> {
  const tx = await takeTransaction(d.db, transactionToken, 'logout', d.now());
  if (!tx) return fcError('FC_LOGOUT_STATE_MISMATCH', 'no logout transaction for this browser');
  const r = d.client.verifyLogoutState(query, tx.state);
  return r.ok ? { ok: true } : { ok: false, error: r.error };
}
