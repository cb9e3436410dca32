import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestOrigin, rotateSession } from '../../http/session';
import { listDemarches } from '../../demarches/repository';
import { AppError, ValidationError, fieldError, type FieldError } from '../../errors/app-error';
import { recentActivity } from '../../household/activity';
import { declareAddressChange } from '../../household/changes';
import { bankPayableSentence } from '../../household/messages';
import {
  addressChangeSchema,
  bankAccountChangeSchema,
  bankAccountConfirmSchema,
  procurationGrantSchema,
  readAddressChange,
  readBankAccountChange,
  readSeparation,
  separationSchema,
  type Read,
} from '../../household/inputs';
import { inCouple, type Action } from '../../household/permissions';
import { grantProcuration, procurationRefusal, revokeProcuration, type ProcurationOutcome } from '../../household/procuration';
import { currentAddress, currentBankAccount, findMemberWithRole, listMembers } from '../../household/repository';
import { declareSeparation } from '../../demarches/separation';
import { maskIban } from '../../identity/iban';
import { apiRoute } from '../../http/api/route';
import { requirePermission } from '../../http/require-permission';
import { confirmBankChange, frozenError, sendBankChangeCode } from './bank-change';
import { actorOf, dossierOf, memberName, visibleTo } from './common';
import { rightsOf } from './info';
import type { DepsOf, JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdApiDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
> &
  DepsOf<typeof grantProcuration> &
  DepsOf<typeof revokeProcuration>;

/**
 * The household as a JSON API (/api/household/…), from the same services and readers as the pages.
 * Each route is ONE declaration — method, path, the action `can()` is asked, the zod schema of its
 * body, a summary — so that it can be registered in the OpenAPI document as is (householdApiRoutes).
 * Authentication: the session cookie; CSRF: /api/ requires `Content-Type: application/json` on
 * every POST (src/http/security/csrf.ts). « Modifier mes coordonnées » in JSON is the account's contact change
 * (POST /api/account/contact, src/http/api/), to be guarded by requirePermission(ctx, 'modify_contact'). Errors: `{ error: { code, message, fields? } }`; a
 * refusal by can() is 403 FORBIDDEN with the words saying who can do it.
 */
const empty = z.object({});

export interface HouseholdApiRoute {
  method: 'GET' | 'POST';
  url: string;
  action: Action;
  summary: string;
  body?: z.ZodType;
  handler(ctx: HouseholdApiDeps, req: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

function valid<T>(r: Read<T>): T {
  if (!r.ok) throw new ValidationError(r.errors);
  return r.value;
}

/** A change refused during the freeze after a recovery: the sentence says until when; `frozenUntil` in ISO 8601. */
function frozenReply(ctx: HouseholdApiDeps, reply: FastifyReply, until: number) {
  const e = frozenError(until, ctx.config.agencyPhone);
  return reply.status(409).send({ error: { code: e.code, message: e.message }, frozenUntil: new Date(until).toISOString() });
}

function refused(reply: FastifyReply, status: number, errors: FieldError[]) {
  const [first] = errors;
  return reply
    .status(status)
    .send({ error: { code: first!.code, message: first!.message, fields: errors.filter((e) => e.field !== 'form') } });
}

/** Given or taken back: the actor's session gets a new id (its privilege changed; the page does the same). */
async function procurationReply(
  ctx: HouseholdApiDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  r: ProcurationOutcome,
  hasProcuration: boolean,
) {
  if (r.kind === 'done') {
    await rotateSession(ctx, req, reply);
    return reply.send({ hasProcuration });
  }
  const x = procurationRefusal(r);
  return refused(reply, x.status, x.errors);
}

export const householdApiRoutes: HouseholdApiRoute[] = [
  {
    method: 'GET',
    url: '/api/household/me',
    action: 'consult_personal_data',
    summary: 'Mes informations : état civil, statut de l’identité, coordonnées, rôle dans le dossier, numéro allocataire, droits',
    handler: async (ctx, req) => {
      const a = req.account!;
      const actor = actorOf(req);
      return {
        person: {
          civility: a.civility,
          birthName: a.birth_name,
          usageName: a.usage_name,
          givenNames: a.given_names,
          birthDate: a.birth_date,
          birthPlace: a.birth_place_name,
          nir: a.nir,
          provisionalId: a.provisional_id,
          identityStatus: a.identity_status,
        },
        contact: { kind: a.contact_kind, value: a.contact_value },
        household: actor.membership
          ? { dossierNumber: actor.dossier!.dossierNumber, role: actor.membership.role, hasProcuration: actor.membership.hasProcuration }
          : null,
        rights: rightsOf(actor, ctx.clock.now()),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/household/activity',
    action: 'consult_personal_data',
    summary: 'Mon activité récente (autorisations, changements, séparations, coordonnées)',
    handler: async (ctx, req) => ({ items: await recentActivity(ctx.database.db, req.account!.id, 20) }),
  },
  {
    method: 'GET',
    url: '/api/household/dossier',
    action: 'manage_dossier',
    summary: 'Le dossier : adresse, compte bancaire (masqué), membres',
    handler: async (ctx, req) => {
      const d = dossierOf(req);
      const [address, bank, members] = await Promise.all([
        currentAddress(ctx.database.db, d.householdId),
        currentBankAccount(ctx.database.db, d.householdId),
        listMembers(ctx.database.db, d.householdId),
      ]);
      return {
        dossierNumber: d.dossierNumber,
        address: address
          ? { line1: address.line1, line2: address.line2, postalCode: address.postal_code, city: address.city, since: address.since }
          : null,
        bankAccount: bank ? { iban: maskIban(bank.iban), holder: bank.holder } : null,
        members: members.map((m) => ({
          name: memberName(m),
          role: m.role,
          hasProcuration: m.has_procuration === 1,
          hasAccount: m.account_id !== null,
        })),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/household/demarches',
    action: 'view_household_demarches',
    summary: 'Les démarches de tout le foyer',
    handler: async (ctx, req) => {
      const members = (await listMembers(ctx.database.db, dossierOf(req).householdId)).filter((m) => m.account_id);
      return {
        members: await Promise.all(
          members.map(async (m) => ({
            name: memberName(m),
            role: m.role,
            demarches: visibleTo(req.account!.id, m.account_id!, await listDemarches(ctx.database.db, m.account_id!)).map((x) => ({
              id: x.id,
              prestation: x.prestation,
              status: x.status,
              createdAt: x.created_at,
            })),
          })),
        ),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/household/procuration',
    action: 'manage_procuration',
    summary: 'L’autorisation de gestion : le conjoint du dossier, s’il a un compte, s’il l’a et depuis quand',
    handler: async (ctx, req) => {
      const c = await findMemberWithRole(ctx.database.db, dossierOf(req).householdId, 'conjoint');
      return {
        conjoint: c
          ? {
              name: memberName(c),
              hasAccount: c.account_id !== null,
              hasProcuration: c.has_procuration === 1,
              since: c.procuration_granted_at,
            }
          : null,
      };
    },
  },
  {
    method: 'POST',
    url: '/api/household/procuration/grant',
    action: 'manage_procuration',
    summary: 'Donner l’autorisation de gestion au conjoint (mot de passe, ou connexion FranceConnect de moins de 15 minutes)',
    body: procurationGrantSchema,
    handler: async (ctx, req, reply) => {
      const b = procurationGrantSchema.safeParse(bodyOf(req));
      const r = await grantProcuration(ctx, {
        account: req.account!,
        session: req.session!,
        dossier: dossierOf(req),
        currentPassword: b.success ? (b.data.currentPassword ?? '') : '',
        origin: requestOrigin(req),
      });
      return procurationReply(ctx, req, reply, r, true);
    },
  },
  {
    method: 'POST',
    url: '/api/household/procuration/revoke',
    action: 'manage_procuration',
    summary: 'Retirer l’autorisation de gestion au conjoint',
    body: empty,
    handler: async (ctx, req, reply) =>
      procurationReply(
        ctx,
        req,
        reply,
        await revokeProcuration(ctx, { account: req.account!, dossier: dossierOf(req), origin: requestOrigin(req) }),
        false,
      ),
  },
  {
    method: 'POST',
    url: '/api/household/changes/address',
    action: 'manage_dossier',
    summary: 'Déclarer un changement d’adresse (date « YYYY-MM-DD »)',
    body: addressChangeSchema,
    handler: async (ctx, req, reply) => {
      const address = valid(readAddressChange(bodyOf(req), ctx.clock.now()));
      await declareAddressChange(ctx, { accountId: req.account!.id, dossier: dossierOf(req), origin: requestOrigin(req) }, address);
      return reply.status(201).send({ address });
    },
  },
  {
    method: 'POST',
    url: '/api/household/changes/bank-account/code',
    action: 'manage_dossier',
    summary:
      'Nouveau compte bancaire, étape 1 : IBAN (vérifié avec sa clé) et titulaire ; un code est envoyé aux coordonnées de contact vérifiées (refusé, 409 BANK_CHANGE_FROZEN avec la date, après une récupération d’accès récente)',
    body: bankAccountChangeSchema,
    handler: async (ctx, req, reply) => {
      valid(readBankAccountChange(bodyOf(req)));
      const sent = await sendBankChangeCode(ctx, { account: req.account!, dossier: dossierOf(req), origin: requestOrigin(req) });
      if (sent.kind === 'frozen') return frozenReply(ctx, reply, sent.until);
      if (sent.kind === 'rate_limited') return refused(reply, 429, [sent.error]);
      return reply.status(202).send({ codeSent: sent.kind === 'code_sent', destination: sent.destination });
    },
  },
  {
    method: 'POST',
    url: '/api/household/changes/bank-account',
    action: 'manage_dossier',
    summary:
      'Nouveau compte bancaire, étape 2 : IBAN, titulaire, mot de passe (currentPassword ; pour un compte sans mot de passe, une connexion FranceConnect de moins de 15 minutes) et code reçu. Le compte est payé à partir de payableFrom, ou dès qu’un agent de la Caf l’a confirmé ; tous les contacts vérifiés du dossier en sont informés',
    body: bankAccountConfirmSchema,
    handler: async (ctx, req, reply) => {
      const bank = valid(readBankAccountChange(bodyOf(req)));
      const b = bankAccountConfirmSchema.safeParse(bodyOf(req));
      const out = await confirmBankChange(ctx, {
        account: req.account!,
        session: req.session!,
        dossier: dossierOf(req),
        origin: requestOrigin(req),
        currentPassword: b.success ? (b.data.currentPassword ?? '') : '',
        code: b.success ? b.data.code : '',
        bank,
      });
      if (out.kind === 'frozen') return frozenReply(ctx, reply, out.until);
      if (out.kind === 'franceconnect_again') return refused(reply, 403, [fieldError('currentPassword', 'HOUSEHOLD_REAUTH_FRANCECONNECT')]);
      if (out.kind === 'refused') return refused(reply, out.status, out.errors);
      return reply.status(201).send({
        bankAccount: { iban: maskIban(bank.iban), holder: bank.holder },
        payableFrom: new Date(out.payableFrom).toISOString(),
        message: bankPayableSentence(out.payableFrom),
      });
    },
  },
  {
    method: 'POST',
    url: '/api/household/separation',
    action: 'declare_separation',
    summary:
      'Déclarer une séparation (date, qui quitte le logement, nouvelle adresse du déclarant s’il part, résidence des enfants) ; déclarée par un enfant ou une personne à charge (leaver et children : responsable ou conjoint), la Caf la vérifie avant qu’elle ne change le dossier (checkedByCaf)',
    body: separationSchema,
    handler: async (ctx, req, reply) => {
      const actor = actorOf(req);
      const input = valid(readSeparation(bodyOf(req), ctx.clock.now(), inCouple(actor.membership!) ? 'couple' : 'member'));
      const out = await declareSeparation(ctx, {
        accountId: req.account!.id,
        sessionId: req.session!.id,
        role: actor.membership!.role,
        dossier: dossierOf(req),
        input,
        origin: requestOrigin(req),
      });
      if (out.kind === 'no_partner') throw new AppError(inCouple(actor.membership!) ? 'HOUSEHOLD_NO_CONJOINT' : 'HOUSEHOLD_NO_COUPLE');
      if (out.kind === 'already_pending') throw new AppError('HOUSEHOLD_SEPARATION_PENDING');
      await rotateSession(ctx, req, reply);
      return reply.status(201).send({ demarcheId: out.demarcheId, title: 'Séparation déclarée', checkedByCaf: out.kind === 'submitted' });
    },
  },
];

/** Each route through apiRoute (src/http/api/route.ts: OpenAPI document, body read with its schema), guarded by can() first. */
export function registerHouseholdApi(app: FastifyInstance, ctx: HouseholdApiDeps): void {
  for (const r of householdApiRoutes) {
    apiRoute(app, {
      method: r.method,
      url: r.url as `/api/${string}`,
      summary: r.summary,
      tags: ['Foyer'],
      session: true,
      errors: [401, 403, 409, 429],
      ...(r.body ? { body: r.body } : {}),
      guard: requirePermission(ctx, r.action),
      handler: async ({ req, reply }) => r.handler(ctx, req, reply),
    });
  }
}
