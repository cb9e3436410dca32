/**
 * The ports through which the delivery worker sends messages, and the development "capture"
 * adapters. The real adapters are in ./smtp.ts (e-mail) and ./sms-http.ts (SMS).
 */
export interface MailToSend {
  /**
   * Idempotency key: the outbox row's id, the same at every attempt. SMTP sends it as the
   * Message-ID (`<id@domain of MAIL_FROM>`), so a message sent again after a crash between the
   * server's acceptance and our marking is recognised as the same message (and shown once).
   */
  id?: string;
  to: string;
  subject: string;
  text: string;
}

export interface SmsToSend {
  /** idempotency key (the outbox row's id): sent to the provider as `reference`, which drops a second SMS with the same reference */
  id?: string;
  /** phone number in E.164 (+33612345678) */
  to: string;
  text: string;
}

/** A channel's adapter: `send` resolves when the other side accepted the message, rejects otherwise. */
export interface Sender<M> {
  readonly name: string;
  send(m: M): Promise<void>;
  close?(): Promise<void>;
}

/** Sends one e-mail; resolves when the server accepted it, rejects (ideally with a DeliveryError) otherwise. */
export type MailTransport = Sender<MailToSend>;

/** A letter: to the lines of a postal address, printed and posted by the Caf's mail room (« éditique »). */
export interface LetterToSend {
  /** idempotency key (the outbox row's id): a letter handed over twice is printed once */
  id?: string;
  /** the address, one line per line: name, street, postcode and town */
  to: string;
  subject: string;
  text: string;
}

/** Hands one letter over for printing; resolves when the mail room accepted it. */
export type PostalService = Sender<LetterToSend>;

/** Sends one SMS through a provider; resolves when the provider accepted it. */
export type SmsProvider = Sender<SmsToSend>;

/**
 * A delivery failure with a short, safe reason (status code, error code): it is stored in
 * `outbox_messages.last_error` and logged, so it never contains the message text or a code.
 */
export class DeliveryError extends Error {
  constructor(reason: string) {
    super(reason.slice(0, 200));
    this.name = 'DeliveryError';
  }
}

/**
 * Development and tests, when SMTP_URL / SMS_PROVIDER_URL are not set: the message goes nowhere,
 * it is marked sent and can be read on the development outbox page (/dev/messages).
 */
export const captureMailTransport = (): MailTransport => ({ name: 'capture', send: async () => {} });
export const captureSmsProvider = (): SmsProvider => ({ name: 'capture', send: async () => {} });
/**
 * Letters: no mail room is connected yet (its adapter is a port to plug, as SMTP is for e-mail):
 * letters are captured — visible on /dev/messages outside production, kept in the outbox until then.
 */
export const capturePostalService = (): PostalService => ({ name: 'capture', send: async () => {} });

/** A recipient for logs: `p***@example.fr`, `+336******78`. */
export function maskRecipient(to: string): string {
  // A postal address: the first letter of its first line and the postcode of its last.
  if (to.includes('\n')) return `${to.slice(0, 1)}*** (${to.trim().split('\n').at(-1)!.trim().slice(0, 5)})`;
  const at = to.lastIndexOf('@');
  if (at > 0) return `${to.slice(0, 1)}***${to.slice(at)}`;
  if (to.length <= 6) return '*'.repeat(to.length);
  return `${to.slice(0, 4)}${'*'.repeat(to.length - 6)}${to.slice(-2)}`;
}
