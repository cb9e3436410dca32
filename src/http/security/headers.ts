import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers of every response (helmet's, with our Content-Security-Policy), worked out
 * once at start-up: they depend on the configuration only, so each request just copies them
 * instead of having helmet rebuild the CSP string per request.
 */
export function securityHeaders(options: Readonly<HelmetOptions>, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => {},
  } as unknown as ServerResponse;
  let failed: unknown;
  helmet(options)({} as IncomingMessage, res, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return { ...headers, ...extra };
}
