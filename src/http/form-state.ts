import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { FieldError } from '../errors/app-error';
import type { Clock } from '../shared/clock';
import { randomToken, sha256 } from '../shared/crypto';
import { FORM_STATE_TTL_MS } from '../retention/registry';

/**
 * A form refused for errors is never answered with a page: the POST leaves what its page must show
 * once — the errors and the answers typed — and redirects (303) to the form's own GET, which takes
 * them and shows the error summary, each message at its field and the values kept (Post/Redirect/Get,
 * as ./flash.ts does for confirmations). Back, a reload or a link followed then never meet a page that
 * was the answer to a POST (Chromium's « Confirm Form Resubmission »), and a reload of the page
 * shows the clean form, or what a multi-step journey has saved.
 *
 *   if (!read.ok) return redirectWithErrors(ctx, req, reply, '/connexion', { errors: read.errors, values: { identifier } });
 *   const shown = await takeFormState(ctx, req, reply); // in the GET: undefined, or { errors, values }
 *
 * It works the same for people signed in or not and for agents (a form before login has no session):
 * the browser holds a random token in the `mc_form` cookie; the table `form_states` holds its SHA-256,
 * the page it is for and the state sealed (AES-256-GCM) under a key derived from that token, which the
 * server never keeps — so a NIR typed in a form is never stored readable. A password or a code is
 * never given to keep (the pages never re-fill them). What no page takes within two minutes is dropped.
 *
 * A refusal that imposes a wait goes this way too (src/journeys/refusal.ts `refuseForm`): the end of
 * the wait is kept with the errors and the form's page answers 429 and its Retry-After while it
 * lasts (`takeRefused`), so a reload never posts a password or a code again.
 */
export { FORM_STATE_TTL_MS };
export const FORM_STATE_COOKIE = 'mc_form';

/** The answers of a form as its page re-fills them, by field name. */
export type FormValues = Record<string, string | string[] | undefined>;

export interface FormState {
  errors: FieldError[];
  /** the answers to re-fill (never a password nor a code) */
  values: FormValues;
  /** anything else the page shows with the errors (JSON), e.g. a wait to read */
  extra?: Record<string, unknown>;
}

/** What the form state takes from the composition root. */
export interface FormStateDeps {
  database: Pick<DatabaseHandle, 'db'>;
  clock: Clock;
  config: Pick<Config, 'isProduction'>;
}

const pathOf = (url: string): string => url.split('?')[0] ?? url;

function keyOf(token: string): Buffer {
  return createHash('sha256').update('mc-form-state\u0000').update(token).digest();
}

function seal(token: string, state: FormState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(token), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(token: string, sealed: string): FormState | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(token), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const s = JSON.parse(json) as FormState;
    return Array.isArray(s.errors) && s.values && typeof s.values === 'object' ? s : undefined;
  } catch {
    return undefined;
  }
}

function cookieOptions(d: FormStateDeps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: d.config.isProduction };
}

/**
 * Leaves `state` for the page at `to` (a path, its query ignored) to show once, then redirects there
 * with 303 See Other.
 */
export async function redirectWithErrors(
  d: FormStateDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  to: string,
  state: FormState,
): Promise<FastifyReply> {
  const previous = req.cookies[FORM_STATE_COOKIE];
  if (previous) await d.database.db.deleteFrom('form_states').where('id', '=', sha256(previous)).execute();
  const token = randomToken();
  const values = Object.fromEntries(Object.entries(state.values).filter(([, v]) => v !== undefined));
  await d.database.db
    .insertInto('form_states')
    .values({
      id: sha256(token),
      page: pathOf(to),
      sealed: seal(token, { ...state, values }),
      expires_at: d.clock.now() + FORM_STATE_TTL_MS,
    })
    .execute();
  reply.setCookie(FORM_STATE_COOKIE, token, { ...cookieOptions(d), maxAge: FORM_STATE_TTL_MS / 1000 });
  return reply.redirect(to, 303);
}

/**
 * The state left for this request's page, if any — taken: the next view of the page has none. A
 * browser without the cookie costs nothing (no query).
 */
export async function takeFormState(d: FormStateDeps, req: FastifyRequest, reply: FastifyReply): Promise<FormState | undefined> {
  const token = req.cookies[FORM_STATE_COOKIE];
  if (!token) return undefined;
  const id = sha256(token);
  const row = await d.database.db
    .selectFrom('form_states')
    .select(['page', 'sealed', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  const fresh = row && Number(row.expires_at) > d.clock.now();
  // Left for another page (not yet seen): it stays, unless it is stale.
  if (row && fresh && row.page !== pathOf(req.url)) return undefined;
  if (row) await d.database.db.deleteFrom('form_states').where('id', '=', id).execute();
  reply.clearCookie(FORM_STATE_COOKIE, cookieOptions(d));
  return row && fresh ? unseal(token, row.sealed) : undefined;
}

/** One answer of a kept state, as a text field re-fills it. */
export function keptValue(s: FormState | undefined, name: string): string | undefined {
  const v = s?.values[name];
  return Array.isArray(v) ? v[0] : v;
}
