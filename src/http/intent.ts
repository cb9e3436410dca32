import type { FastifyReply, FastifyRequest } from 'fastify';
import { findPrestation, type Prestation } from '../prestations/catalogue';

/**
 * The prestation a person set out to ask for (« Faire la demande »), remembered through account
 * creation and login and shown in the personal space. Kept in a cookie (a slug checked against the
 * catalogue: nothing secret); the registration flow also keeps a copy in its data.
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
