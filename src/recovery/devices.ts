import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../accounts/repository';
import { describeUserAgent, recordAudit } from '../auth/audit';
import { requestOrigin as requestOriginOf } from '../http/session';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import { enqueueMessage } from '../messaging/outbox';
import { randomToken, sha256 } from '../shared/crypto';
import { newDeviceMessage } from './messages';

/** What this module takes from the composition root (src/context.ts builds them). */
export interface DeviceNoticeDeps {
  clock: Clock;
  config: Config;
  database: DatabaseHandle;
}

/**
 * Devices an account signs in from: a random token in a long-lived cookie (`mc_device`, HttpOnly),
 * its SHA-256 kept per account in `known_devices`. A login from a device this account has never
 * used sends a notice to the verified contact — except the account's very first login (the device
 * it was created on). A cleared cookie counts as a new device: a notice too many is the safe side.
 */
export const DEVICE_COOKIE = 'mc_device';
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** The sign-in hook (src/http/session.ts SignInHook), registered by the server. */
export function noticeNewDevice(ctx: DeviceNoticeDeps) {
  return async (account: Account, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    let token = req.cookies[DEVICE_COOKIE];
    if (!token || token.length < 40 || token.length > 64) token = randomToken(32);
    reply.setCookie(DEVICE_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.isProduction,
      maxAge: DEVICE_COOKIE_MAX_AGE_S,
    });
    const hash = sha256(`device:${token}`);
    const seen = await db
      .updateTable('known_devices')
      .set({ last_seen_at: now })
      .where('account_id', '=', account.id)
      .where('device_hash', '=', hash)
      .executeTakeFirst();
    if (Number(seen.numUpdatedRows) > 0) return;
    await db
      .insertInto('known_devices')
      .values({ account_id: account.id, device_hash: hash, first_seen_at: now, last_seen_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'device_hash']).doNothing())
      .execute();
    // The login being made is already in the audit trail: more than one means this is not the first.
    const logins = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', account.id)
      .where('type', '=', 'login_succeeded')
      .executeTakeFirstOrThrow();
    if (Number(logins.n) <= 1) return;
    const origin = requestOriginOf(req);
    const device = describeUserAgent(origin.userAgent);
    await db.transaction().execute(async (trx) => {
      await enqueueMessage(trx, newDeviceMessage(account, device, now, ctx.config.agencyPhone), now);
      await recordAudit(trx, { type: 'new_device_login', accountId: account.id, ...origin, details: { device } }, now);
    });
  };
}
