import { DeliveryError, type SmsProvider } from './transports';

export interface HttpSmsOptions {
  /** SMS_PROVIDER_URL: the provider's "send one SMS" endpoint */
  url: string;
  /** SMS_PROVIDER_TOKEN: sent as `Authorization: Bearer …` */
  token: string | undefined;
  /** SMS_SENDER: the alphanumeric sender shown on the phone (11 characters at most) */
  sender: string;
  timeoutMs?: number;
}

/**
 * SMS through an HTTP provider. The contract we expect from the provider (any aggregator can be
 * fronted by a small gateway that speaks it):
 *
 *   POST {SMS_PROVIDER_URL}
 *   Authorization: Bearer {SMS_PROVIDER_TOKEN}
 *   Content-Type: application/json; charset=utf-8
 *   { "to": "+33612345678", "from": "MaCaf", "sender": "MaCaf", "text": "Votre code : 123456", "reference": "<outbox id>" }
 *
 *   `reference` is an idempotency key, the same at every attempt of one message: a provider (or the
 *   gateway in front of it) must send a reference only once, so that an attempt repeated after a
 *   crash between its acceptance and our marking never sends a second SMS.
 *
 *   2xx            → accepted: the message is marked sent (the body is ignored);
 *   anything else  → failure, retried later by the worker with backoff (the status is kept in
 *                    last_error; the response body is never read, it could echo the text);
 *   no answer within the timeout (10 s by default) → failure, retried.
 *
 * `from` and `sender` carry the same value, for providers that name it either way. The text is
 * UTF-8; the provider chooses GSM-7 or UCS-2 encoding.
 */
export function createHttpSmsProvider(o: HttpSmsOptions): SmsProvider {
  const timeout = o.timeoutMs ?? 10_000;
  return {
    name: 'http',
    async send(m) {
      const post = () =>
        fetch(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            accept: 'application/json',
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          },
          body: JSON.stringify({ to: m.to, from: o.sender, sender: o.sender, text: m.text, ...(m.id ? { reference: m.id } : {}) }),
          signal: AbortSignal.timeout(timeout),
          redirect: 'error',
        });
      let res: Response;
      try {
        try {
          res = await post();
        } catch (e) {
          // A kept-alive connection closed by the provider just as we reused it: tried once more at
          // once — safe, the reference makes the provider drop a repeat.
          if (!m.id || !isConnectionReset(e)) throw e;
          res = await post();
        }
      } catch (e) {
        const name = (e as { name?: unknown }).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new DeliveryError(`HTTP délai dépassé (${timeout} ms)`);
        const code = (e as { cause?: { code?: unknown } }).cause?.code;
        throw new DeliveryError(`HTTP connexion impossible${typeof code === 'string' ? ` (${code})` : ''}`);
      }
      // Free the connection without reading what the provider said.
      await res.body?.cancel().catch(() => {});
      if (res.status < 200 || res.status > 299) throw new DeliveryError(`HTTP ${res.status}`);
    },
  };
}

function isConnectionReset(e: unknown): boolean {
  const code = (e as { cause?: { code?: unknown } }).cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}
