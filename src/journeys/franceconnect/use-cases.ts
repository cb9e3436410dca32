import {
  createAccount,
  findAccountByFranceConnectSub,
  findAccountById,
  findAccountByNir,
  linkFranceConnect,
  type Account,
} from '../../accounts/repository';
import { fcError, FranceConnectError, type FranceConnectErrorInfo } from '../../franceconnect';
import { enqueueMessage } from '../../messaging/outbox';
import { codeNoLongerValid } from '../contact-verification/codes';
import { readContact, type ContactInput, type Refusal as ContactRefusal } from '../../accounts/contact';
import type { JourneyDeps } from '../deps';
import type { FranceConnectFlowErrorCode } from './errors';
import { birthPlaceOf } from './identity-view';
import { checkTypedNir, lookUpNir } from './matching';
import { franceConnectWelcomeMessage } from './messages';
import { joinHouseholdAtSignUp, underAgeRefusal } from '../../household/joining';
import { FlowError, flowMoved, isFlowError, type FlowErrorCode } from '../../flows/flow';
import { canOpen, type SignupEvent } from './machine';
import { openTransaction, takeTransaction } from '../../flows/franceconnect-transactions';
import { signups, type Signup, type SignupData, type SignupStep } from './store';

/**
 * The FranceConnect use cases, free of HTTP: the pages (src/journeys/franceconnect/) call them and
 * turn their outcomes into pages, cookies and sessions (./replies.ts: the refusals).
 *
 * Linking rule: an account is found by FranceConnect's `sub` only — never by e-mail. A new `sub`
 * leads to account creation (NIR from the répertoire or typed and checked); when that NIR already
 * has an account, the person proves they own it (its password) before `sub` is linked to it.
 */
export type FranceConnectDeps = Pick<
  JourneyDeps,
  'clock' | 'contactCodes' | 'database' | 'franceConnect' | 'loginThrottle' | 'passwordCheck'
>;

/** A page that ends the signup: one of its own errors, or a flow error (expired, another tab…). */
export type SignupErrorCode = FranceConnectFlowErrorCode | FlowErrorCode;

/** The signup cannot go on: the page of `code` (./pages-common.ts `flowErrorPage`). */
export type Ended = { kind: 'ended'; code: SignupErrorCode };
/** FranceConnect could not be reached (its discovery, or its end-session): the page says so. */
export type Unreachable = { kind: 'unreachable'; error: FranceConnectError };

/** The refusals a person can correct, or a limit, shown at the step's fields (./replies.ts). */
export type StepRefusal =
  | { kind: 'nir_required' }
  | { kind: 'nir_refused'; code: string; message: string }
  | { kind: 'under_15' }
  | { kind: 'password_required' }
  | { kind: 'wrong_password' }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'contact_refused'; refusal: ContactRefusal }
  | { kind: 'code_refused'; refusal: ContactRefusal };

export type StepOutcome = { kind: 'moved'; step: SignupStep } | StepRefusal | Ended;

// ------------------------------------------------------------------------------------ login

/** Builds the authorize URL and keeps state + nonce server-side; the token goes in a cookie. */
export async function beginLogin(d: FranceConnectDeps): Promise<{ kind: 'started'; url: string; token: string } | Unreachable> {
  const start = await reach(() => d.franceConnect.client.startLogin());
  if (start.kind === 'unreachable') return start;
  const token = await openTransaction(d.database.db, { kind: 'login', state: start.state, nonce: start.nonce }, d.clock.now());
  return { kind: 'started', url: start.url, token };
}

/** FranceConnect's discovery or end-session failed: an outcome, not an exception (anything else still throws). */
async function reach<T extends object>(call: () => Promise<T>): Promise<({ kind: 'reached' } & T) | Unreachable> {
  try {
    return { kind: 'reached', ...(await call()) };
  } catch (error) {
    if (error instanceof FranceConnectError) return { kind: 'unreachable', error };
    throw error;
  }
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
  const tx = await takeTransaction(d.database.db, transactionToken, 'login', d.clock.now());
  // Without a transaction the expected state is empty: the client then refuses any state.
  const r = await d.franceConnect.client.finishLogin(query, { state: tx?.state ?? '', nonce: tx?.nonce ?? '' });
  if (!r.ok) return { kind: 'error', error: r.error };
  const account = await findAccountByFranceConnectSub(d.database.db, r.sub);
  if (account) return { kind: 'linked', account, idToken: r.idToken };

  const lookup = await lookUpNir(d.franceConnect.repertoire, r.identity);
  const data: SignupData = {
    sub: r.sub,
    identity: r.identity,
    idToken: r.idToken,
    repertoireMatches: lookup.matches,
    nir: lookup.kind === 'found' ? { value: lookup.nir, source: 'repertoire' } : null,
  };
  const { token, flow } = await signups.create(d.database.db, { data }, d.clock.now());
  return { kind: 'signup', token, signup: flow };
}

// ------------------------------------------------------------------------------------ signup

/** The signup of this browser, if its page `step` may be shown: otherwise the page it ends on, or the step it is at. */
export async function openSignup(
  d: FranceConnectDeps,
  token: string | undefined,
  step: SignupStep,
): Promise<{ kind: 'open'; signup: Signup } | { kind: 'elsewhere'; step: SignupStep } | Ended> {
  let signup: Signup;
  try {
    signup = await signups.find(d.database.db, token, d.clock.now());
  } catch (e) {
    if (!isFlowError(e)) throw e;
    return { kind: 'ended', code: e.code as FlowErrorCode };
  }
  return canOpen(signup, step) ? { kind: 'open', signup } : { kind: 'elsewhere', step: signup.state };
}

/** The signup moved by `event` (the machine's transition) with its new data; the conflict page when another tab moved it first. */
async function save(d: FranceConnectDeps, s: Signup, event: SignupEvent, data: SignupData): Promise<StepOutcome> {
  let step: SignupStep = s.state;
  const moved = await flowMoved(async () => {
    step = (await signups.advance(d.database.db, s, event, d.clock.now(), data)).state;
  });
  return moved ? { kind: 'moved', step } : { kind: 'ended', code: 'FLOW_CONFLICT' };
}

/**
 * « Continuer » on the identity page: the NIR (found, or typed and checked against the identity),
 * then where it leads — the password proof when the NIR already has an account, the contact otherwise.
 * A certified identity under 15 is refused (it cannot be corrected).
 */
export async function submitIdentity(d: FranceConnectDeps, s: Signup, typedNir: string | undefined): Promise<StepOutcome> {
  if (underAgeRefusal(s.data.identity.birthdate, d.clock.now())) return { kind: 'under_15' };
  let nir = s.data.nir;
  if (s.data.repertoireMatches !== 1 || !nir) {
    const input = (typedNir ?? '').trim();
    if (input === '') return { kind: 'nir_required' };
    const checked = await checkTypedNir(d.franceConnect.repertoire, input, s.data.identity);
    if (!checked.ok) return { kind: 'nir_refused', code: checked.code, message: checked.message };
    nir = { value: checked.nir, source: 'typed' };
  }
  const existing = await findAccountByNir(d.database.db, nir.value);
  const { existingAccountId: _previous, ...rest } = s.data;
  const data: SignupData = { ...rest, nir };
  if (existing) {
    if (existing.franceconnect_sub !== null && existing.franceconnect_sub !== s.data.sub)
      return { kind: 'ended', code: 'FC_ACCOUNT_LINKED_ELSEWHERE' };
    if (!existing.password_hash) return { kind: 'ended', code: 'FC_ACCOUNT_WITHOUT_PASSWORD' };
    return save(d, s, 'nir_has_account', { ...data, existingAccountId: existing.id });
  }
  return save(d, s, 'nir_confirmed', data);
}

export type ProofOutcome =
  | { kind: 'linked'; account: Account }
  | Extract<StepRefusal, { kind: 'password_required' | 'wrong_password' | 'throttled' }>
  | Ended;

/** The password of the account that already has this NIR: proven, `sub` is linked to it. */
export async function proveExistingAccount(
  d: FranceConnectDeps,
  s: Signup,
  password: string | undefined,
  ip: string,
): Promise<ProofOutcome> {
  const accountId = s.data.existingAccountId;
  const account = accountId ? await findAccountById(d.database.db, accountId) : undefined;
  if (!account || !account.password_hash) return { kind: 'ended', code: 'FLOW_NOT_FOUND' };
  if (!password) return { kind: 'password_required' };
  // The one password check (src/auth/password-check.ts), on the login's counters: the attempt is reserved first.
  const checked = await d.passwordCheck.check({ identifier: account.login_id, ip }, password, () => account);
  if (!checked.ok)
    return checked.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: checked.retryAfterMs } : { kind: 'wrong_password' };
  await d.loginThrottle.success(account.login_id);
  const sub = s.data.sub;
  if (account.franceconnect_sub !== null && account.franceconnect_sub !== sub)
    return { kind: 'ended', code: 'FC_ACCOUNT_LINKED_ELSEWHERE' };
  // Linked and the signup consumed together: of two tabs, one links.
  const linked = await flowMoved(() =>
    d.database.db.transaction().execute(async (trx) => {
      if (await findAccountByFranceConnectSub(trx, sub)) throw new FlowError('FLOW_CONFLICT', signups.kind);
      await linkFranceConnect(trx, account.id, sub, d.clock.now());
      await signups.finish(trx, s, 'account_linked');
    }),
  );
  if (!linked) return { kind: 'ended', code: 'FLOW_CONFLICT' };
  return { kind: 'linked', account: { ...account, franceconnect_sub: sub } };
}

/**
 * The contact chosen: checked, then a code is sent, with the signup saved, in one transaction —
 * the rules of the registration's contact step (src/journeys/contact-verification).
 */
export async function chooseContact(d: FranceConnectDeps, s: Signup, input: ContactInput, ip: string): Promise<StepOutcome> {
  const read = readContact(input);
  if (!read.ok) return { kind: 'contact_refused', refusal: read };
  const contact = read.contact;
  const codes = d.contactCodes;
  if (await codes.alreadyHandled(s.id, s.data.contact, contact)) return save(d, s, 'contact_chosen', s.data);
  const refused = await codes.allowSend(contact, ip);
  if (refused) return { kind: 'contact_refused', refusal: refused };
  const saved = await flowMoved(() =>
    d.database.db.transaction().execute(async (trx) => {
      await signups.advance(trx, s, 'contact_chosen', d.clock.now(), { ...s.data, contact });
      await codes.issue(trx, s.id, contact);
    }),
  );
  return saved ? { kind: 'moved', step: 'code' } : { kind: 'ended', code: 'FLOW_CONFLICT' };
}

/** « Renvoyer un code »: after the cooldown only, within the limits. */
export async function resendCode(
  d: FranceConnectDeps,
  s: Signup,
  ip: string,
): Promise<{ kind: 'resent' } | Extract<StepRefusal, { kind: 'code_refused' }>> {
  if (!s.data.contact) return { kind: 'code_refused', refusal: codeNoLongerValid() };
  const sent = await d.contactCodes.resend(s.id, s.data.contact, ip);
  return sent.ok ? { kind: 'resent' } : { kind: 'code_refused', refusal: sent };
}

export function resendAllowedAt(d: FranceConnectDeps, s: Signup): Promise<number> {
  return d.contactCodes.resendAllowedAt(s.id);
}

export type CreationOutcome =
  | { kind: 'signed_in'; account: Account; created: boolean }
  | Extract<StepRefusal, { kind: 'code_refused' }>
  | { kind: 'elsewhere'; step: SignupStep }
  | Ended;

/** The code typed: once verified, the account is created — certified identity, linked by `sub`, no password. */
export async function verifyCodeAndCreate(d: FranceConnectDeps, s: Signup, typed: unknown): Promise<CreationOutcome> {
  const contact = s.data.contact;
  const nir = s.data.nir;
  if (!contact || !nir) return { kind: 'elsewhere', step: 'identity' };
  const checked = await d.contactCodes.check(s.id, typed, contact);
  if (!checked.ok) return { kind: 'code_refused', refusal: checked };

  const now = d.clock.now();
  const id = s.data.identity;
  const place = birthPlaceOf(id);
  const created = await createAccount(
    d.database.db,
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
    const bySub = await findAccountByFranceConnectSub(d.database.db, s.data.sub);
    if (bySub) return { kind: 'signed_in', account: bySub, created: false };
    const r = await submitIdentity(d, s, nir.value);
    if (r.kind === 'moved') return { kind: 'elsewhere', step: r.step };
    if (r.kind === 'ended') return r;
    return { kind: 'elsewhere', step: 'identity' };
  }
  await joinHouseholdAtSignUp(d.database.db, created.account, now);
  await enqueueMessage(d.database.db, franceConnectWelcomeMessage(contact), now);
  // The account exists: the signup is used up (a second tab finds it gone).
  await flowMoved(() => signups.finish(d.database.db, s, 'account_created'));
  return { kind: 'signed_in', account: created.account, created: true };
}

// ------------------------------------------------------------------------------------ logout

/** Logout at FranceConnect: a fresh state kept server-side (token for the cookie) and the end-session URL. */
export async function beginLogout(
  d: FranceConnectDeps,
  idToken: string,
): Promise<{ kind: 'started'; url: string; token: string } | Unreachable> {
  const start = await reach(() => d.franceConnect.client.startLogout(idToken));
  if (start.kind === 'unreachable') return start;
  const token = await openTransaction(d.database.db, { kind: 'logout', state: start.state, nonce: null }, d.clock.now());
  return { kind: 'started', url: start.url, token };
}

/**
 * For a logout page that can only answer with a URL (the login area's /deconnexion): keeps the
 * ID token of the session just ended under a single-use token, for `/franceconnect/deconnexion/suite`.
 */
export async function handOffLogout(d: FranceConnectDeps, idToken: string): Promise<string> {
  return openTransaction(d.database.db, { kind: 'logout_handoff', state: '-', nonce: null, idToken }, d.clock.now());
}

/** The hand-off's ID token (single use). */
export async function takeLogoutHandOff(d: FranceConnectDeps, token: string | undefined): Promise<string | undefined> {
  const tx = await takeTransaction(d.database.db, token, 'logout_handoff', d.clock.now());
  return tx?.idToken ?? undefined;
}

/** Back from FranceConnect's end-session: the `state` must be the one we sent. */
export async function completeLogout(
  d: FranceConnectDeps,
  query: Record<string, unknown>,
  transactionToken: string | undefined,
): Promise<{ kind: 'logged_out' } | { kind: 'error'; error: FranceConnectErrorInfo }> {
  const tx = await takeTransaction(d.database.db, transactionToken, 'logout', d.clock.now());
  if (!tx) return { kind: 'error', error: fcError('FC_LOGOUT_STATE_MISMATCH', 'no logout transaction for this browser').error };
  const r = d.franceConnect.client.verifyLogoutState(query, tx.state);
  return r.ok ? { kind: 'logged_out' } : { kind: 'error', error: r.error };
}
