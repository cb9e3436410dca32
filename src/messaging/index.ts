import type { Kysely } from 'kysely';
import type { Config } from '../config/config';
import type { Database } from '../db/schema';
import type { Clock } from '../shared/clock';
import { createHttpSmsProvider } from './sms-http';
import { createSmtpTransport } from './smtp';
import { captureMailTransport, captureSmsProvider, type MailTransport, type SmsProvider } from './transports';
import { DeliveryWorker, type DeliveryWorkerOptions, type MessagingLogger } from './worker';

export { enqueueMessage, listOutbox, type OutboxEntry, type OutgoingMessage } from './outbox';
export { DeliveryWorker, type DeliveryWorkerOptions, type MessagingLogger, type SweepResult } from './worker';
export { DeliveryError, maskRecipient, type MailTransport, type SmsProvider } from './transports';

/** What the rest of the application sees of messaging (AppContext.messaging). */
export interface MessagingService {
  worker: DeliveryWorker;
  /** Delivers every message due now; resolves when done (tests, development outbox page). */
  flush(): Promise<void>;
}

/** The transports named by the configuration: SMTP / HTTP provider when set, the capture outbox otherwise. */
export function transportsFromConfig(config: Config): { mail: MailTransport; sms: SmsProvider } {
  return {
    mail: config.mail.smtpUrl ? createSmtpTransport({ url: config.mail.smtpUrl, from: config.mail.from }) : captureMailTransport(),
    sms: config.sms.providerUrl
      ? createHttpSmsProvider({ url: config.sms.providerUrl, token: config.sms.token, sender: config.sms.sender })
      : captureSmsProvider(),
  };
}

export function createMessaging(
  config: Config,
  db: Kysely<Database>,
  clock: Clock,
  o: { logger?: MessagingLogger; worker?: Partial<DeliveryWorkerOptions> } = {},
): MessagingService {
  const worker = new DeliveryWorker({
    db,
    clock,
    ...transportsFromConfig(config),
    ...(o.logger ? { logger: o.logger } : {}),
    keepSentText: config.outbox.keepSentText,
    retentionMs: config.outbox.retentionDays * 24 * 3_600_000,
    sendingLeaseMs: config.outbox.sendingLeaseMs,
    ...o.worker,
  });
  return { worker, flush: () => worker.flush() };
}
