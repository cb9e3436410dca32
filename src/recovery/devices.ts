import type { Account } from '../accounts/repository';
import { describeUserAgent, recordAudit, type AuditOrigin } from '../auth/audit';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import { enqueueMessage } from '../messaging/outbox';
import { sha256 } from '../shared/crypto';
import { newDeviceMessage } from './messages';

/** What this module takes from the composition root (src/context.ts builds them). */
export interface DeviceNoticeDeps {
  clock: Clock;
  config: Pick<Config, 'agencyPhone'>;
  database: Pick<DatabaseHandle, 'db'>;
}

/**
 * Devices an account signs in from: a random token in a long-lived cookie (`mc_device`, HttpOnly,
 * set by the sign-in hook src/http/new-device.ts), its SHA-256 kept per account in `known_devices`.
 * A login from a device this account has never used sends a notice to the verified contact — except
 * the account's very first login (the device it was created on). A cleared cookie counts as a new
 * device: a notice too many is the safe side.
 */
export const DEVICE_COOKIE = 'mc_device';
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** A sign-in from the device the token names: remembered, and told to the contact when it is new (not the first login). */
export async function noteSignInDevice(ctx: DeviceNoticeDeps, account: Account, token: string, origin: AuditOrigin): Promise<void> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
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
  const device = describeUserAgent(origin.userAgent);
  await db.transaction().execute(async (trx) => {
    await enqueueMessage(trx, newDeviceMessage(account, device, now, ctx.config.agencyPhone), now);
    await recordAudit(trx, { type: 'new_device_login', accountId: account.id, ...origin, details: { device } }, now);
  });
}
