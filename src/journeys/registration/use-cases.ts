import type { Kysely } from 'kysely';
import { createAccount, findAccountByNir } from '../../accounts/repository';
import {
  maskNir,
  formatProvisionalId,
  newProvisionalId,
  parseIdentityDocument,
  type DocumentKind,
  type DocumentVerifier,
} from '../../identity';
import { newPasswordRefusals } from '../../auth/password-rules';
import type { PasswordHasher } from '../../auth/passwords';
import { recordAudit } from '../../auth/audit';
import type { Database } from '../../db/schema';
import { startDemarche } from '../../demarches/repository';
import { fieldError } from '../../errors/app-error';
import { enqueueMessage } from '../../messaging/outbox';
import type { Clock } from '../../shared/clock';
import { FlowError, isFlowError } from '../../flows/flow';
import { flowStore } from '../../flows/store';
import { registrationFlow } from '../kinds';
import { codeNoLongerValid, contactRefusal, type ContactCodes } from '../contact-verification/codes';
import { readContact, sameContact, type Contact, type ContactInput, type Refusal as ContactRefusal } from '../../accounts/contact';
import { fieldsRefusal, formRefusal, type Refusal } from '../refusal';
import type { CodeInput, DocumentInput, PasswordInput } from './input';
import { facts, identityStatus, type RegistrationData, type RegistrationFlow } from './data';
import { duplicateAttemptMessage, welcomeMessage } from './messages';
import { afterSubmit, guard, SAVED, type RegistrationEvent, type Step } from './machine';
import type { Repertoire } from '../../identity/repertoire';
import { joinHouseholdAtSignUp } from '../../household/joining';

/**
 * The use cases of « Créer Mon Compte », one function per step, shared by the pages and the JSON API
 * (the contract of every journey: src/journeys/README.md). Each takes the narrow dependencies it
 * needs (`RegistrationDeps`, handed down by the composition root) and plain values, and answers a
 * `StepOutcome`: saved (the step to show next), refused (field errors to correct, or a limit),
 * elsewhere (the navigation guard: where the person should be), or gone (the flow is not found,
 * has expired, or was moved by another request). No HTTP here, and no throw for any of these.
 * The civil-status step is in ./civil-status.ts.
 */

/** The registration flows (an hour after the last thing the person did: src/journeys/kinds.ts). */
export const flows = flowStore(registrationFlow);

export interface RegistrationDeps {
  database: { db: Kysely<Database> };
  clock: Clock;
  passwords: Pick<PasswordHasher, 'hash'>;
  /** codes to a new contact, with their limits per address and per IP (built once in src/context.ts) */
  contactCodes: ContactCodes;
  repertoire: Repertoire;
  documentVerifier: DocumentVerifier;
  config: { agencyPhone: string };
}

/** The navigation guard's answer: the step (or the confirmation) where the person should be instead. */
export type Elsewhere = { kind: 'elsewhere'; to: Step | 'completed' };
/** The flow cannot be used: FLOW_NOT_FOUND, FLOW_EXPIRED, or FLOW_CONFLICT / FLOW_WRONG_STATE when another request moved it. */
export type Gone = { kind: 'gone'; error: FlowError };

export type Opened = { kind: 'open'; flow: RegistrationFlow } | Elsewhere | Gone;

export type StepOutcome =
  | { kind: 'saved'; flow: RegistrationFlow; next: Step | 'completed' }
  | { kind: 'refused'; refusal: Refusal }
  | Elsewhere
  | Gone;

export interface RequestMeta {
  ip: string;
}

const refused = (refusal: Refusal): StepOutcome => ({ kind: 'refused', refusal });
const saved = (flow: RegistrationFlow, next: Step | 'completed'): StepOutcome => ({ kind: 'saved', flow, next });
/** A refusal of the contact or code form (a mistake: 400, a limit: 429). */
export const contactRefused = (r: ContactRefusal): StepOutcome => refused(contactRefusal(r));

// ---------------------------------------------------------------------------------------------
// Flow life cycle (the flow engine: src/flows; `token` is what the cookie or the URL holds)

export async function startRegistration(
  d: RegistrationDeps,
  o: { prestation?: string | undefined; origin: RegistrationData['origin'] },
): Promise<RegistrationFlow> {
  const data: RegistrationData = { origin: o.origin, ...(o.prestation ? { prestation: o.prestation } : {}) };
  const { token, flow } = await flows.create(d.database.db, { data }, d.clock.now());
  return { ...flow, token };
}

/** The flow, if it exists and has not expired; its expiry slides forward. */
export async function loadRegistration(
  d: Pick<RegistrationDeps, 'database' | 'clock'>,
  token: string,
  db: Kysely<Database> = d.database.db,
): Promise<{ kind: 'open'; flow: RegistrationFlow } | Gone> {
  try {
    return { kind: 'open', flow: { ...(await flows.find(db, token, d.clock.now())), token } };
  } catch (e) {
    if (isFlowError(e)) return { kind: 'gone', error: e };
    throw e;
  }
}

/** A live flow or undefined: for « Commencer » to resume rather than restart. */
export async function liveRegistration(d: Pick<RegistrationDeps, 'database' | 'clock'>, token: string | undefined) {
  const flow = await flows.findLive(d.database.db, token, d.clock.now());
  return flow && { ...flow, token: token! };
}

/** Opens a step through the navigation guard. */
export async function openStep(
  d: Pick<RegistrationDeps, 'database' | 'clock'>,
  token: string,
  step: Step,
  db: Kysely<Database> = d.database.db,
): Promise<Opened> {
  const loaded = await loadRegistration(d, token, db);
  if (loaded.kind !== 'open') return loaded;
  const to = guard(loaded.flow.state, step, facts(loaded.flow));
  return to === null ? loaded : { kind: 'elsewhere', to };
}

/** When a new code may be requested for this flow (its `id`, not its token; 0: now). */
export function resendAllowedAt(d: Pick<RegistrationDeps, 'contactCodes'>, flowId: string): Promise<number> {
  return d.contactCodes.resendAllowedAt(flowId);
}

export type Change = { event: RegistrationEvent; data: RegistrationData } | { refusal: Refusal };

/**
 * Applies an event and a change of data to the latest version of the flow, with the guard
 * re-checked, and saves it; retried when another request (a second tab) saved in between.
 */
export async function saveStep(
  d: Pick<RegistrationDeps, 'database' | 'clock'>,
  token: string,
  step: Step,
  change: (flow: RegistrationFlow) => Change,
  db: Kysely<Database> = d.database.db,
): Promise<StepOutcome> {
  for (let attempt = 0; ; attempt++) {
    const opened = await openStep(d, token, step, db);
    if (opened.kind !== 'open') return opened;
    const next = change(opened.flow);
    if ('refusal' in next) return refused(next.refusal);
    try {
      const flow = { ...(await flows.advance(db, opened.flow, next.event, d.clock.now(), next.data)), token };
      return saved(flow, afterSubmit(flow.state, step));
    } catch (e) {
      if (!isFlowError(e)) throw e;
      if (e.code !== 'FLOW_CONFLICT' || attempt >= 2) return { kind: 'gone', error: e };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ⑤ Titre d'identité

export async function submitDocument(d: RegistrationDeps, token: string, input: DocumentInput): Promise<StepOutcome> {
  const opened = await openStep(d, token, 'identity_document');
  if (opened.kind !== 'open') return opened;
  const kind = input.documentKind ?? '';
  let choice: RegistrationData['document'];
  if (kind === 'none') {
    choice = { kind: 'none', number: null, status: 'none' };
  } else if (kind === 'cni' || kind === 'passport' || kind === 'titre-sejour') {
    const number = input.documentNumber ?? '';
    if (!number) return refused(formRefusal([fieldError('documentNumber', 'DOCUMENT_NUMBER_REQUIRED')]));
    const parsed = parseIdentityDocument(kind as DocumentKind, number);
    if (!parsed.ok) return refused(formRefusal([{ field: 'documentNumber', code: parsed.error.code, message: parsed.error.message }]));
    const verified = await d.documentVerifier.verify(parsed.value);
    if (verified.status === 'invalid')
      return refused(formRefusal([fieldError('documentNumber', 'DOCUMENT_NUMBER_INVALID', verified.message)]));
    choice = { kind: parsed.value.kind, number: parsed.value.number, status: verified.status };
  } else {
    return refused(formRefusal([fieldError('documentKind', 'DOCUMENT_KIND_REQUIRED')]));
  }
  return saveStep(d, token, 'identity_document', (f) => ({ event: SAVED.identity_document, data: { ...f.data, document: choice } }));
}

// ---------------------------------------------------------------------------------------------
// ⑥ Coordonnées de contact → a code is sent

export async function submitContact(d: RegistrationDeps, token: string, input: ContactInput, meta: RequestMeta): Promise<StepOutcome> {
  const before = await openStep(d, token, 'contact');
  if (before.kind !== 'open') return before;
  const read = readContact(input);
  if (!read.ok) return contactRefused(read);
  const contact = read.contact;
  const handled = await d.contactCodes.alreadyHandled(before.flow.id, before.flow.data.contact, contact);
  if (handled === 'verified') return saved(before.flow, afterSubmit(before.flow.state, 'code'));
  if (handled === 'code_sent') return saved(before.flow, 'code');

  const limit = await d.contactCodes.allowSend(contact, meta.ip);
  if (limit) return contactRefused(limit);
  return d.database.db.transaction().execute(async (trx) => {
    const out = await saveStep(d, token, 'contact', (f) => ({ event: SAVED.contact, data: { ...f.data, contact } }), trx);
    if (out.kind !== 'saved') return out;
    await d.contactCodes.issue(trx, out.flow.id, contact);
    return saved(out.flow, 'code');
  });
}

/** The code step, opened with the contact its code goes to (none yet: back to the contact step). */
async function openCodeStep(
  d: RegistrationDeps,
  token: string,
): Promise<{ kind: 'open'; flow: RegistrationFlow; contact: Contact } | Elsewhere | Gone> {
  const opened = await openStep(d, token, 'code');
  if (opened.kind !== 'open') return opened;
  const contact = opened.flow.data.contact;
  return contact ? { ...opened, contact } : { kind: 'elsewhere', to: 'contact' };
}

/** « Renvoyer un code »: refused before the cooldown ends (the page shows a countdown). */
export async function resendCode(d: RegistrationDeps, token: string, meta: RequestMeta): Promise<StepOutcome> {
  const opened = await openCodeStep(d, token);
  if (opened.kind !== 'open') return opened;
  const { contact } = opened;
  const sent = await d.contactCodes.resend(opened.flow.id, contact, meta.ip);
  if (!sent.ok) return contactRefused(sent);
  return saved(opened.flow, 'code');
}

// ---------------------------------------------------------------------------------------------
// ⑦ Code

export async function verifyCode(d: RegistrationDeps, token: string, input: CodeInput): Promise<StepOutcome> {
  const opened = await openCodeStep(d, token);
  if (opened.kind !== 'open') return opened;
  const { contact } = opened;
  const checked = await d.contactCodes.check(opened.flow.id, input.code, contact);
  if (!checked.ok) return contactRefused(checked);
  const t = d.clock.now();
  return saveStep(d, token, 'code', (f) => {
    const current = f.data.contact;
    if (!current || !sameContact(current, contact)) return { refusal: fieldsRefusal([codeNoLongerValid().error]) };
    const data = { ...f.data, contact: { ...current, verifiedAt: t } };
    return { event: data.passwordHash ? 'code_verified_with_password' : 'code_verified', data };
  });
}

// ---------------------------------------------------------------------------------------------
// ⑧ Mot de passe (the rules and their French: src/auth/password-rules.ts)

export async function submitPassword(d: RegistrationDeps, token: string, input: PasswordInput): Promise<StepOutcome> {
  const opened = await openStep(d, token, 'password');
  if (opened.kind !== 'open') return opened;
  const errors = newPasswordRefusals(input.password, input.passwordConfirmation);
  if (errors.length > 0) return refused(formRefusal(errors));
  const passwordHash = await d.passwords.hash(input.password);
  return saveStep(d, token, 'password', (f) => ({ event: SAVED.password, data: { ...f.data, passwordHash } }));
}

// ---------------------------------------------------------------------------------------------
// Récapitulatif → the account

class RetryTransaction extends Error {}

/**
 * Creates the account. A NIR that already has an account is not revealed: no second account,
 * the owner is told through their verified contact, and the person sees the same confirmation.
 */
export async function confirmRegistration(d: RegistrationDeps, token: string): Promise<StepOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const opened = await openStep(d, token, 'review');
    if (opened.kind !== 'open') return opened;
    const flow = opened.flow;
    const { civilStatus: cs, document, contact, passwordHash } = flow.data;
    if (!cs || !document || !contact || contact.verifiedAt === null || !passwordHash) return { kind: 'elsewhere', to: 'civil_status' };
    const t = d.clock.now();
    try {
      const done = await d.database.db.transaction().execute(async (trx) => {
        let provisionalId: string | null = null;
        let accountId: string;
        const owner = cs.nir ? await findAccountByNir(trx, cs.nir) : undefined;
        if (owner) {
          accountId = owner.id;
          await enqueueMessage(
            trx,
            duplicateAttemptMessage({ kind: owner.contact_kind, value: owner.contact_value }, { at: t, agencyPhone: d.config.agencyPhone }),
            t,
          );
        } else {
          if (!cs.nir) provisionalId = newProvisionalId();
          const created = await createAccount(
            trx,
            {
              login_id: cs.nir ?? provisionalId!,
              nir: cs.nir,
              provisional_id: provisionalId,
              civility: cs.civility,
              birth_name: cs.birthName,
              given_names: cs.givenNames,
              usage_name: null,
              birth_date: cs.birthDate,
              birth_place_kind: cs.birthPlace.kind,
              birth_place_code: cs.birthPlace.code,
              birth_place_name: cs.birthPlace.name,
              identity_status: identityStatus(flow.data),
              identity_document_kind: document.kind === 'none' ? null : document.kind,
              identity_document_number: document.number,
              contact_kind: contact.kind,
              contact_value: contact.value,
              contact_verified_at: contact.verifiedAt!,
              password_hash: passwordHash,
              franceconnect_sub: null,
            },
            t,
          );
          if (!created.ok) throw new RetryTransaction();
          accountId = created.account.id;
          await joinHouseholdAtSignUp(trx, created.account, t);
          // The prestation the person came for is kept on the new account (only one asked for online).
          if (flow.data.prestation) await startDemarche(trx, accountId, flow.data.prestation, t);
        }
        await enqueueMessage(
          trx,
          welcomeMessage(contact, {
            provisionalId: provisionalId && formatProvisionalId(provisionalId),
            agencyPhone: d.config.agencyPhone,
          }),
          t,
        );
        await recordAudit(
          trx,
          {
            type: owner ? 'registration.duplicate_nir' : 'account.created',
            accountId,
            ip: null,
            userAgent: null,
            details: { nir: cs.nir ? maskNir(cs.nir) : null, identity: identityStatus(flow.data) },
          },
          t,
        );
        const { passwordHash: _dropped, ...rest } = flow.data;
        const data: RegistrationData = { ...rest, result: { withNir: cs.nir !== null, provisionalId } };
        return { ...(await flows.advance(trx, flow, 'confirmed', t, data)), token };
      });
      return saved(done, 'completed');
    } catch (e) {
      if (e instanceof RetryTransaction || isFlowError(e, 'FLOW_CONFLICT')) continue;
      if (isFlowError(e)) return { kind: 'gone', error: e };
      throw e;
    }
  }
  return { kind: 'gone', error: new FlowError('FLOW_CONFLICT', registrationFlow) };
}
