import type { Config } from '../config/config';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, noteSignInDevice, type DeviceNoticeDeps } from '../recovery/devices';
import { randomToken } from '../shared/crypto';
import { requestOrigin, type SignInHook } from './session';

/**
 * The sign-in hook (src/http/session.ts SignInHook) of known devices, registered by the server: the
 * device's cookie (`mc_device`, a new random token when there is none) is set again, and the sign-in
 * noted (src/recovery/devices.ts: a notice to the contact from a new device).
 */
export function noticeNewDevice(ctx: DeviceNoticeDeps & { config: Pick<Config, 'isProduction'> }): SignInHook {
  return async (account, req, reply) => {
    let token = req.cookies[DEVICE_COOKIE];
    if (!token || token.length < 40 || token.length > 64) token = randomToken(32);
    reply.setCookie(DEVICE_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.isProduction,
      maxAge: DEVICE_COOKIE_MAX_AGE_S,
    });
    await noteSignInDevice(ctx, account, token, requestOrigin(req));
  };
}
