import nodemailer from 'nodemailer';
import { DeliveryError, type MailTransport } from './transports';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer connection URL) */
  url: string;
  /** From header, e.g. `Mon Compte <ne-pas-repondre@caf.fr>` */
  from: string;
  /** connection, greeting and socket timeouts (ms); well under the worker's 5-minute lease */
  timeoutMs?: number;
}

/**
 * E-mail over SMTP with nodemailer: plain-text UTF-8 messages, a small pool of reused connections.
 * Failures become a DeliveryError carrying only the SMTP status and nodemailer's error code.
 */
export function createSmtpTransport(o: SmtpOptions): MailTransport {
  const timeout = o.timeoutMs ?? 20_000;
  const transporter = nodemailer.createTransport({
    url: o.url,
    pool: true,
    maxConnections: 3,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    name: 'smtp',
    async send(m) {
      try {
        await transporter.sendMail({
          from: o.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          ...(m.id ? { messageId: `<${m.id}@${domainOf(o.from)}>` } : {}),
          textEncoding: 'quoted-printable',
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'fr' },
        });
      } catch (e) {
        throw new DeliveryError(smtpReason(e));
      }
    },
    async close() {
      transporter.close();
    },
  };
}

/** The domain of the From address (`ne-pas-repondre@caf.fr` → `caf.fr`), for Message-IDs. */
function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)/.exec(from);
  return m?.[1] ?? 'mon-compte.localhost';
}

function smtpReason(e: unknown): string {
  const err = e as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = ['SMTP'];
  if (typeof err.responseCode === 'number') parts.push(String(err.responseCode));
  if (typeof err.code === 'string') parts.push(err.code);
  if (typeof err.command === 'string') parts.push(`(${err.command.split(' ')[0]})`);
  return parts.length > 1 ? parts.join(' ') : 'SMTP erreur inconnue';
}
