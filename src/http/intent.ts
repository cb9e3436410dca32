import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignInHook } from './session';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import { startRequest } from '../demarches/service';
import { findActor } from '../household/repository';
import { findPrestation, type Prestation } from '../prestations/catalogue';

/**
 * The prestation a person set out to ask for (« Faire la demande »), remembered until it is kept on
 * their account as a démarche (src/demarches): at the end of « Créer Mon Compte » (the registration
 * flow keeps a copy in its data) or at the next login (`recordChosenPrestation`, run by every
 * login). Kept in a cookie meanwhile: a slug checked against the catalogue, nothing secret.
 */
const COOKIE = 'mc_intent';

export function rememberPrestation(reply: FastifyReply, slug: string, secure: boolean): void {
  reply.setCookie(COOKIE, slug, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 * 60 * 24 });
}

export function chosenPrestation(req: FastifyRequest): Prestation | undefined {
  return findPrestation(req.cookies[COOKIE]);
}

export function forgetPrestation(reply: FastifyReply): void {
  reply.clearCookie(COOKIE, { path: '/' });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the brouillon this sign-in kept from « Faire la demande » (`recordChosenPrestation`) */
    chosenDemarcheId?: string;
  }
}

/**
 * Where a login lands: the request the person set out to make (« Faire la demande » → « Créer un
 * compte » → « Se connecter »), at the page where it resumes — otherwise « Mon espace ».
 */
export function landingAfterSignIn(req: FastifyRequest): string {
  return req.chosenDemarcheId ? `/mon-espace/demarches/${encodeURIComponent(req.chosenDemarcheId)}/reprendre` : '/mon-espace';
}

/**
 * Sign-in hook: the prestation of the cookie becomes a brouillon of the account (once: starting it
 * again is a no-op), and the cookie is cleared. A slug that is not a prestation asked for online,
 * or one the person's place in the household does not let them ask for (a household request by a
 * conjoint without procuration), is dropped. The brouillon is where the login lands (`landingAfterSignIn`). Should the database fail here, the login still
 * succeeds and the cookie is kept, for the next login.
 */
export function recordChosenPrestation(ctx: { database: DatabaseHandle; clock: Clock }): SignInHook {
  return async (account, req, reply) => {
    const slug = req.cookies[COOKIE];
    if (slug === undefined) return;
    try {
      const r = await startRequest({ db: ctx.database.db, now: () => ctx.clock.now() }, await findActor(ctx.database.db, account.id), slug);
      if (r.ok && r.demarche.status === 'brouillon') req.chosenDemarcheId = r.demarche.id;
    } catch (err) {
      req.log.error({ err }, 'démarche not recorded at sign-in');
      return;
    }
    forgetPrestation(reply);
  };
}
