/** The outbox of e-mails and SMS, see src/messaging/outbox.ts and src/messaging/worker.ts. (Conventions: src/db/schema.ts.) */
export interface OutboxMessagesTable {
  id: string;
  /** 'post': a letter to the dossier's address (src/messaging/transports.ts, PostalService) */
  channel: 'email' | 'sms' | 'post';
  /** e-mail address or E.164 number; masked (`p***@example.fr`, `+336******78`) once erased */
  recipient: string;
  /** a fixed wording per kind of message, never personal data: kept after erasure */
  subject: string;
  /** the message itself (codes, names…); '' once erased */
  text: string;
  status: 'queued' | 'sending' | 'sent' | 'abandoned';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  /** when text was erased and recipient masked, after delivery or abandonment (src/messaging/worker.ts) */
  erased_at: number | null;
}
