import type { Kysely } from 'kysely';
import { createAccount, findAccountByNir } from '../../accounts/repository';
import { brokenPasswordRules, type PasswordHasher, type PasswordRuleId } from '../../auth/passwords';
import type { VerificationCodes } from '../../auth/verification-codes';
import type { Database } from '../../db/schema';
import { startDemarche } from '../../demarches/repository';
import { AppError, ValidationError, fieldError, type FieldError } from '../../errors/app-error';
import { errorEntry } from '../../errors/registry';
import {
  findCommune,
  findCountry,
  formatProvisionalId,
  maskNir,
  newProvisionalId,
  parseIdentityDocument,
  parseNir,
  searchCommunes,
  searchCountries,
  type DocumentKind,
  type DocumentVerifier,
  type IdentityError,
} from '../../identity';
import { enqueueMessage } from '../../messaging/outbox';
import type { RateLimiter } from '../../security/rate-limit';
import type { Clock } from '../../shared/clock';
import { FlowError, isFlowError } from '../engine/flow';
import { flowStore } from '../engine/store';
import { registrationFlow } from '../kinds';
import { codeNoLongerValid, ContactCodes } from '../contact-verification/codes';
import { readContact, refusalError, sameContact, type ContactInput } from '../contact-verification/contact';
import type { CivilStatusInput, CodeInput, DocumentInput, PasswordInput } from './input';
import type { BirthPlaceChoice, Civility, RegistrationData, RegistrationFlow } from './data';
import { identityStatus } from './data';
import { duplicateAttemptMessage, welcomeMessage } from './messages';
import { afterSubmit, guard, SAVED, type RegistrationEvent, type Step } from './machine';
import { matchesRepertoire, type Repertoire } from './repertoire';
import { checkName, nameErrorCode, nameRefusalMessage } from '../../identity/names';
import { joinHouseholdAtSignUp, underAgeRefusal } from '../../household/joining';

/** The registration flows (an hour after the last thing the person did: src/journeys/kinds.ts). */
export const flows = flowStore(registrationFlow);
export const FLOW_TTL_MS = registrationFlow.ttlMs;

export interface RegistrationDeps {
  db: Kysely<Database>;
  clock: Clock;
  codes: VerificationCodes;
  passwords: PasswordHasher;
  rateLimiter: RateLimiter;
  repertoire: Repertoire;
  documentVerifier: DocumentVerifier;
  agencyPhone: string;
}

/** The answer of a successful step: the flow as saved and the step to show next. */
export interface StepOutcome {
  flow: RegistrationFlow;
  next: Step | 'completed';
}

/** Thrown by the navigation guard: where the person should be instead. */
export class StepNotReachable extends AppError {
  constructor(readonly redirectTo: Step | 'completed') {
    super(redirectTo === 'completed' ? 'REGISTRATION_FLOW_COMPLETED' : 'REGISTRATION_STEP_NOT_REACHABLE');
  }
}

export interface RequestMeta {
  ip: string;
}

class RetryTransaction extends Error {}

/** A field of a step's input: absent reads as empty (the schemas have trimmed it already). */
const str = (v: string | undefined): string => v ?? '';

/**
 * The use cases of « Créer Mon Compte », one per step, shared by the pages and the JSON API. No HTTP
 * here: inputs are plain values, errors are catalogue errors (`ValidationError` for fields).
 */
export class RegistrationService {
  private readonly contacts: ContactCodes;

  constructor(private readonly d: RegistrationDeps) {
    this.contacts = new ContactCodes({ db: d.db, codes: d.codes, rateLimiter: d.rateLimiter, now: () => d.clock.now() });
  }

  private now(): number {
    return this.d.clock.now();
  }

  // ------------------------------------------------------------------------------------------
  // Flow life cycle (the flow engine: src/journeys/engine; `token` is what the cookie or the URL holds)

  async start(o: { prestation?: string | undefined; origin: RegistrationData['origin'] }): Promise<RegistrationFlow> {
    const data: RegistrationData = { origin: o.origin, ...(o.prestation ? { prestation: o.prestation } : {}) };
    const { token, flow } = await flows.create(this.d.db, { data }, this.now());
    return { ...flow, token };
  }

  /** The flow, if it exists and has not expired (FLOW_NOT_FOUND, FLOW_EXPIRED); its expiry slides forward. */
  load(token: string): Promise<RegistrationFlow> {
    return this.loadFrom(this.d.db, token);
  }

  private async loadFrom(db: Kysely<Database>, token: string): Promise<RegistrationFlow> {
    return { ...(await flows.find(db, token, this.now())), token };
  }

  /** A live flow or undefined (no error): for « Commencer » to resume rather than restart. */
  async findLive(token: string | undefined): Promise<RegistrationFlow | undefined> {
    const flow = await flows.findLive(this.d.db, token, this.now());
    return flow && { ...flow, token: token! };
  }

  /** Opens a step through the navigation guard (throws `StepNotReachable` with where to go). */
  open(token: string, step: Step): Promise<RegistrationFlow> {
    return this.openFrom(this.d.db, token, step);
  }

  private async openFrom(db: Kysely<Database>, token: string, step: Step): Promise<RegistrationFlow> {
    const flow = await this.loadFrom(db, token);
    const redirect = guard(flow.state, step, facts(flow));
    if (redirect !== null) throw new StepNotReachable(redirect);
    return flow;
  }

  /**
   * Applies an event and a change of data to the latest version of the flow, with the guard
   * re-checked, and saves it; retried when another request (a second tab) saved in between.
   */
  private async mutate(
    token: string,
    step: Step,
    change: (
      flow: RegistrationFlow,
    ) => Promise<{ event: RegistrationEvent; data: RegistrationData }> | { event: RegistrationEvent; data: RegistrationData },
    db: Kysely<Database> = this.d.db,
  ): Promise<RegistrationFlow> {
    for (let attempt = 0; ; attempt++) {
      const flow = await this.openFrom(db, token, step);
      const next = await change(flow);
      try {
        return { ...(await flows.advance(db, flow, next.event, this.now(), next.data)), token };
      } catch (e) {
        if (!isFlowError(e, 'FLOW_CONFLICT') || attempt >= 2) throw e;
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // ④ État civil

  async submitCivilStatus(id: string, input: CivilStatusInput): Promise<StepOutcome> {
    await this.open(id, 'civil_status');
    const errors: FieldError[] = [];
    const noNir = input.noNir === true;
    const nirInput = noNir ? '' : str(input.nir);
    if (!noNir && !nirInput) errors.push(fieldError('nir', 'NIR_OR_NONE_REQUIRED'));

    const civilityRaw = str(input.civility);
    const civility: Civility | undefined = civilityRaw === 'M' || civilityRaw === 'MME' ? civilityRaw : undefined;
    if (!civility) errors.push(fieldError('civility', 'CIVILITY_REQUIRED'));

    const birthName = readName(input.birthName, 'birthName', 80, errors);
    const givenNames = readName(input.givenNames, 'givenNames', 120, errors);

    const date = readDate(input.birthDate, this.now());
    if (!date.ok) errors.push(fieldError('birthDate', date.code));
    const birthDate = date.ok ? date.value : undefined;

    const place = this.readBirthPlace(input, birthDate);
    if (!place.ok) errors.push(place.error);

    // The NIR alone first (structure, key), then against the civil status once that is readable.
    let nir: string | null = null;
    if (nirInput) {
      const alone = parseNir(nirInput);
      if (!alone.ok) errors.push(identityFieldError(alone.error, 'nir'));
      else if (errors.length === 0 && civility && birthDate && place.ok) {
        const crossed = parseNir(nirInput, {
          sex: civility === 'M' ? 'M' : 'F',
          birthDate,
          birthPlace: { kind: place.value.kind, code: place.value.code },
        });
        if (!crossed.ok) errors.push(identityFieldError(crossed.error, placeField(crossed.error.field, place.value.kind)));
        else nir = crossed.value.nir;
      }
    }
    if (errors.length > 0 || !civility || !birthDate || !place.ok) throw new ValidationError(errors);
    const underAge = underAgeRefusal(birthDate, this.now());
    if (underAge) throw new ValidationError([underAge]);

    let repertoire: 'known' | 'unknown' | 'no_nir' = 'no_nir';
    if (nir) {
      const person = await this.d.repertoire.findByNir(nir);
      if (person && !matchesRepertoire(person, { sex: civility === 'M' ? 'M' : 'F', birthName, givenNames, birthDate })) {
        throw new ValidationError([fieldError('nir', 'REPERTOIRE_MISMATCH')]);
      }
      repertoire = person ? 'known' : 'unknown';
    }

    const flow = await this.mutate(id, 'civil_status', (f) => ({
      event: SAVED.civil_status,
      data: {
        ...f.data,
        civilStatus: { nir, civility, birthName: birthName.toUpperCase(), givenNames, birthDate, birthPlace: place.value, repertoire },
      },
    }));
    return { flow, next: afterSubmit(flow.state, 'civil_status') };
  }

  private readBirthPlace(
    input: CivilStatusInput,
    birthDate: string | undefined,
  ): { ok: true; value: BirthPlaceChoice } | { ok: false; error: FieldError } {
    const kind = str(input.birthPlaceKind);
    if (kind === 'france') {
      const code = str(input.communeCode).toUpperCase();
      if (code) {
        const found = (birthDate ? findCommune(code, birthDate) : undefined) ?? findCommune(code);
        const c = found.ok ? found : findCommune(code);
        if (!c.ok) return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_NOT_FOUND') };
        return { ok: true, value: communeChoice(c.value) };
      }
      const query = str(input.communeQuery);
      if (!query) return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_REQUIRED') };
      const results = searchCommunes(query, { limit: 20, ...(birthDate ? { atDate: birthDate } : {}) });
      if (results.length === 0) return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_NOT_FOUND') };
      if (results.length === 1) return { ok: true, value: communeChoice(results[0]!) };
      return { ok: false, error: fieldError('communeQuery', 'BIRTH_COMMUNE_CHOOSE') };
    }
    if (kind === 'etranger') {
      const code = str(input.countryCode);
      if (code === '99100') return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_IS_FRANCE') };
      if (code) {
        const c = findCountry(code);
        if (!c.ok) return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_NOT_FOUND') };
        return { ok: true, value: { kind: 'country', code: c.value.code, name: c.value.name } };
      }
      const query = str(input.countryQuery);
      if (!query) return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_REQUIRED') };
      const results = searchCountries(query, { limit: 20 }).filter((c) => c.code !== '99100');
      if (results.length === 0) return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_NOT_FOUND') };
      if (results.length === 1) return { ok: true, value: { kind: 'country', code: results[0]!.code, name: results[0]!.name } };
      return { ok: false, error: fieldError('countryQuery', 'BIRTH_COUNTRY_CHOOSE') };
    }
    return { ok: false, error: fieldError('birthPlaceKind', 'BIRTH_PLACE_KIND_REQUIRED') };
  }

  // ------------------------------------------------------------------------------------------
  // ⑤ Titre d'identité

  async submitDocument(id: string, input: DocumentInput): Promise<StepOutcome> {
    await this.open(id, 'identity_document');
    const kind = str(input.documentKind);
    let choice: RegistrationData['document'];
    if (kind === 'none') {
      choice = { kind: 'none', number: null, status: 'none' };
    } else if (kind === 'cni' || kind === 'passport' || kind === 'titre-sejour') {
      const number = str(input.documentNumber);
      if (!number) throw new ValidationError([fieldError('documentNumber', 'DOCUMENT_NUMBER_REQUIRED')]);
      const parsed = parseIdentityDocument(kind as DocumentKind, number);
      if (!parsed.ok) throw new ValidationError([identityFieldError(parsed.error, 'documentNumber')]);
      const verified = await this.d.documentVerifier.verify(parsed.value);
      if (verified.status === 'invalid') {
        throw new ValidationError([
          {
            field: 'documentNumber',
            code: 'DOCUMENT_NUMBER_INVALID',
            message: verified.message ?? fieldError('x', 'DOCUMENT_NUMBER_INVALID').message,
          },
        ]);
      }
      choice = { kind: parsed.value.kind, number: parsed.value.number, status: verified.status };
    } else {
      throw new ValidationError([fieldError('documentKind', 'DOCUMENT_KIND_REQUIRED')]);
    }
    const flow = await this.mutate(id, 'identity_document', (f) => ({
      event: SAVED.identity_document,
      data: { ...f.data, document: choice },
    }));
    return { flow, next: afterSubmit(flow.state, 'identity_document') };
  }

  // ------------------------------------------------------------------------------------------
  // ⑥ Coordonnées de contact → a code is sent

  async submitContact(id: string, input: ContactInput, meta: RequestMeta): Promise<StepOutcome> {
    const before = await this.open(id, 'contact');
    const read = readContact(input);
    if (!read.ok) throw refusalError(read);
    const contact = read.contact;
    const handled = await this.contacts.alreadyHandled(before.id, before.data.contact, contact);
    if (handled === 'verified') return { flow: before, next: afterSubmit(before.state, 'code') };
    if (handled === 'code_sent') return { flow: before, next: 'code' };

    const refused = await this.contacts.allowSend(contact, meta.ip);
    if (refused) throw refusalError(refused);
    const flow = await this.d.db.transaction().execute(async (trx) => {
      const saved = await this.mutate(id, 'contact', (f) => ({ event: SAVED.contact, data: { ...f.data, contact } }), trx);
      await this.contacts.issue(trx, saved.id, contact);
      return saved;
    });
    return { flow, next: 'code' };
  }

  /** « Renvoyer un code »: refused before the cooldown ends (the page shows a countdown). */
  async resendCode(id: string, meta: RequestMeta): Promise<StepOutcome> {
    const flow = await this.open(id, 'code');
    const contact = flow.data.contact;
    if (!contact) throw new StepNotReachable('contact');
    const sent = await this.contacts.resend(flow.id, contact, meta.ip);
    if (!sent.ok) throw refusalError(sent);
    return { flow, next: 'code' };
  }

  /** When a new code may be requested for this flow (its `id`, not its token; 0: now). */
  resendAllowedAt(flowId: string): Promise<number> {
    return this.contacts.resendAllowedAt(flowId);
  }

  // ------------------------------------------------------------------------------------------
  // ⑦ Code

  async verifyCode(id: string, input: CodeInput): Promise<StepOutcome> {
    const flow = await this.open(id, 'code');
    const contact = flow.data.contact;
    if (!contact) throw new StepNotReachable('contact');
    const checked = await this.contacts.check(flow.id, input.code, contact);
    if (!checked.ok) throw refusalError(checked);
    const t = this.now();
    const saved = await this.mutate(id, 'code', (f) => {
      const current = f.data.contact;
      if (!current || !sameContact(current, contact)) throw refusalError(codeNoLongerValid());
      const data = { ...f.data, contact: { ...current, verifiedAt: t } };
      return { event: data.passwordHash ? 'code_verified_with_password' : 'code_verified', data };
    });
    return { flow: saved, next: afterSubmit(saved.state, 'code') };
  }

  // ------------------------------------------------------------------------------------------
  // ⑧ Mot de passe

  async submitPassword(id: string, input: PasswordInput): Promise<StepOutcome> {
    await this.open(id, 'password');
    const password = input.password;
    const confirmation = input.passwordConfirmation;
    const errors: FieldError[] = [];
    if (!password) errors.push(fieldError('password', 'PASSWORD_REQUIRED'));
    else {
      const broken = brokenPasswordRules(password);
      if (broken.length > 0) errors.push(fieldError('password', 'PASSWORD_RULES', passwordRulesMessage(broken)));
    }
    if (!confirmation) errors.push(fieldError('passwordConfirmation', 'PASSWORD_CONFIRMATION_REQUIRED'));
    else if (password && confirmation !== password) errors.push(fieldError('passwordConfirmation', 'PASSWORD_CONFIRMATION_MISMATCH'));
    if (errors.length > 0) throw new ValidationError(errors);
    const passwordHash = await this.d.passwords.hash(password);
    const flow = await this.mutate(id, 'password', (f) => ({ event: SAVED.password, data: { ...f.data, passwordHash } }));
    return { flow, next: afterSubmit(flow.state, 'password') };
  }

  // ------------------------------------------------------------------------------------------
  // Récapitulatif → the account

  /**
   * Creates the account. A NIR that already has an account is not revealed: no second account,
   * the owner is told through their verified contact, and the person sees the same confirmation.
   */
  async confirm(id: string): Promise<StepOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const flow = await this.open(id, 'review');
      const { civilStatus: cs, document, contact, passwordHash } = flow.data;
      if (!cs || !document || !contact || contact.verifiedAt === null || !passwordHash) throw new StepNotReachable('civil_status');
      const t = this.now();
      try {
        const saved = await this.d.db.transaction().execute(async (trx) => {
          let provisionalId: string | null = null;
          let accountId: string | null = null;
          let auditType = 'account.created';
          const owner = cs.nir ? await findAccountByNir(trx, cs.nir) : undefined;
          if (owner) {
            auditType = 'registration.duplicate_nir';
            accountId = owner.id;
            await enqueueMessage(
              trx,
              duplicateAttemptMessage({ kind: owner.contact_kind, value: owner.contact_value }, { at: t, agencyPhone: this.d.agencyPhone }),
              t,
            );
          } else {
            if (!cs.nir) provisionalId = newProvisionalId();
            const loginId = cs.nir ?? provisionalId!;
            const created = await createAccount(
              trx,
              {
                login_id: loginId,
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
              agencyPhone: this.d.agencyPhone,
            }),
            t,
          );
          await trx
            .insertInto('audit_events')
            .values({
              at: t,
              type: auditType,
              account_id: accountId,
              ip: null,
              user_agent: null,
              details: JSON.stringify({ nir: cs.nir ? maskNir(cs.nir) : null, identity: identityStatus(flow.data) }),
            })
            .execute();
          const { passwordHash: _dropped, ...rest } = flow.data;
          const data: RegistrationData = { ...rest, result: { withNir: cs.nir !== null, provisionalId } };
          return { ...(await flows.advance(trx, flow, 'confirmed', t, data)), token: id };
        });
        return { flow: saved, next: 'completed' };
      } catch (e) {
        if (!(e instanceof RetryTransaction) && !isFlowError(e, 'FLOW_CONFLICT')) throw e;
      }
    }
    throw new FlowError('FLOW_CONFLICT', registrationFlow);
  }
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

export function facts(flow: RegistrationFlow): { contactVerified: boolean } {
  return { contactVerified: !!flow.data.contact && flow.data.contact.verifiedAt !== null };
}

const NAME_CODES = {
  birthName: { required: 'BIRTH_NAME_REQUIRED', invalid: 'BIRTH_NAME_INVALID' },
  givenNames: { required: 'GIVEN_NAMES_REQUIRED', invalid: 'GIVEN_NAMES_INVALID' },
} as const;

/**
 * A name of the civil status in its stored form (src/identity/names.ts: NFKC, look-alikes refused), or
 * '' with its field error pushed — which names the offending character and what to type instead.
 */
function readName(typed: string | undefined, field: keyof typeof NAME_CODES, max: number, errors: FieldError[]): string {
  const codes = NAME_CODES[field];
  if (!str(typed).replace(/\s+/g, '')) {
    errors.push(fieldError(field, codes.required));
    return '';
  }
  const checked = checkName(str(typed), max);
  if (checked.ok) return checked.value;
  const code = nameErrorCode(checked.refusal.problem, codes.invalid);
  errors.push(fieldError(field, code, nameRefusalMessage(checked.refusal, errorEntry(code).message)));
  return '';
}

export function communeChoice(c: { code: string; name: string; departement: { code: string; name: string } }): BirthPlaceChoice {
  return { kind: 'commune', code: c.code, name: c.name, departement: `${c.departement.name} (${c.departement.code})` };
}

/** An identity-library error as a field error, at the form field it concerns. */
function identityFieldError(e: IdentityError, field: string): FieldError {
  return { field, code: e.code, message: e.message };
}

/** parseNir names civil-status fields: map them to the form's. */
function placeField(field: string | undefined, placeKind: 'commune' | 'country'): string {
  if (field === 'sex') return 'civility';
  if (field === 'birthDate') return 'birthDate';
  if (field === 'birthPlace') return placeKind === 'commune' ? 'communeQuery' : 'countryQuery';
  return 'nir';
}

type DateRead = { ok: true; value: string } | { ok: false; code: 'BIRTH_DATE_REQUIRED' | 'BIRTH_DATE_INVALID' | 'BIRTH_DATE_OUT_OF_RANGE' };

/** A birth date given as parts `{ day, month, year }` (form) or `YYYY-MM-DD` (JSON). */
export function readDate(v: CivilStatusInput['birthDate'], now: number): DateRead {
  let day = '';
  let month = '';
  let year = '';
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
    if (!v.trim()) return { ok: false, code: 'BIRTH_DATE_REQUIRED' };
    if (!m) return { ok: false, code: 'BIRTH_DATE_INVALID' };
    [, year, month, day] = m as unknown as [string, string, string, string];
  } else if (v) {
    day = str(v.day).trim();
    month = str(v.month).trim();
    year = str(v.year).trim();
  }
  if (!day && !month && !year) return { ok: false, code: 'BIRTH_DATE_REQUIRED' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { ok: false, code: 'BIRTH_DATE_INVALID' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { ok: false, code: 'BIRTH_DATE_INVALID' };
  if (iso < '1900-01-01' || d.getTime() > now) return { ok: false, code: 'BIRTH_DATE_OUT_OF_RANGE' };
  return { ok: true, value: iso };
}

const RULE_TEXT: Record<PasswordRuleId, string> = {
  length: 'entre 10 et 64 caractères',
  digit: 'au moins 1 chiffre',
  lower: 'au moins 1 lettre minuscule',
  upper: 'au moins 1 lettre majuscule',
  alnum: 'uniquement des chiffres et des lettres non accentuées (sans espace ni caractère spécial)',
};

export function passwordRulesMessage(broken: readonly PasswordRuleId[]): string {
  const parts = broken.map((r) => RULE_TEXT[r]);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}` : parts[0];
  return `Le mot de passe doit comporter ${list}.`;
}

/** What the JSON API shows of a flow: never the password hash, the NIR masked. */
export function publicView(flow: RegistrationFlow) {
  const d = flow.data;
  return {
    id: flow.token,
    state: flow.state,
    expiresAt: new Date(flow.expiresAt).toISOString(),
    data: {
      prestation: d.prestation ?? null,
      civilStatus: d.civilStatus
        ? {
            hasNir: d.civilStatus.nir !== null,
            nir: d.civilStatus.nir ? maskNir(d.civilStatus.nir) : null,
            civility: d.civilStatus.civility,
            birthName: d.civilStatus.birthName,
            givenNames: d.civilStatus.givenNames,
            birthDate: d.civilStatus.birthDate,
            birthPlace: d.civilStatus.birthPlace,
          }
        : null,
      document: d.document ? { kind: d.document.kind, checked: d.document.status === 'valid' } : null,
      contact: d.contact ? { kind: d.contact.kind, value: d.contact.display, verified: d.contact.verifiedAt !== null } : null,
      passwordChosen: !!d.passwordHash || flow.state === 'completed',
      identityStatus: d.civilStatus && d.document ? identityStatus(d) : null,
      result: d.result ? { provisionalId: d.result.provisionalId ? formatProvisionalId(d.result.provisionalId) : null } : null,
    },
  };
}
