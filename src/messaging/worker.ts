import type { Kysely, Selectable } from 'kysely';
import { deleteBatch } from '../db/batch-delete';
import type { Database, OutboxMessagesTable } from '../db/schema';
import type { Clock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { DeliveryError, capturePostalService, maskRecipient, type MailTransport, type PostalService, type SmsProvider } from './transports';

type OutboxRow = Selectable<OutboxMessagesTable>;

/** One line per message delivered or failed: channel, masked recipient, id — never the text, never a code. */
export interface MessagingLogger {
  info(line: string): void;
  warn(line: string): void;
}

export const silentMessagingLogger: MessagingLogger = { info: () => {}, warn: () => {} };

/** Delays before the 2nd, 3rd… attempt; the last one repeats. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

/** Delivered and abandoned rows are deleted this long after their creation (OUTBOX_RETENTION_DAYS). */
export const DEFAULT_RETENTION_MS = 30 * 24 * 3_600_000;
/** How often a tick also runs the retention sweep. */
export const DEFAULT_SWEEP_INTERVAL_MS = 3_600_000;
/** Rows erased, and rows deleted, by one sweep at most: a backlog is worked through tick after tick, between deliveries. */
const SWEEP_BATCH = 500;

const FINISHED = ['sent', 'abandoned'] as const;

/** What one retention sweep did. */
export interface SweepResult {
  /** finished rows whose text was erased now (left over: abandoned after a lease, or written before erasure existed) */
  erased: number;
  /** finished rows older than the retention, deleted */
  deleted: number;
  /** a batch was full: the next tick sweeps again */
  more: boolean;
}

export interface DeliveryWorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  mail: MailTransport;
  sms: SmsProvider;
  /** letters (default: captured, src/messaging/transports.ts) */
  post?: PostalService;
  logger?: MessagingLogger;
  /** polling period of start() (default 1 s) */
  pollIntervalMs?: number;
  /** messages claimed and sent together by one tick (default 10) */
  batchSize?: number;
  /** after this many failed attempts the message is abandoned (default 8) */
  maxAttempts?: number;
  backoffMs?: readonly number[];
  /**
   * a message left in 'sending' longer than this (crashed instance) is queued again (default 60 s:
   * a code lives 10 minutes; repeats are harmless, each attempt carrying the same idempotency key)
   */
  sendingLeaseMs?: number;
  /**
   * Keep the text and the full recipient of delivered and abandoned messages (development outbox
   * page). Default false: they are erased as soon as the message is finished.
   */
  keepSentText?: boolean;
  /** delivered and abandoned rows are deleted this long after their creation (default 30 days) */
  retentionMs?: number;
  /** the retention sweep runs with the first tick, then at most once per this period (default 1 h) */
  sweepIntervalMs?: number;
  /** other deletions of expired rows run with each retention sweep (expired flows…); each returns how many rows it removed */
  housekeeping?: ReadonlyArray<(now: number) => Promise<number>>;
}

/**
 * Delivers the outbox, then forgets it. Safe with several instances on the same database, on
 * SQLite and PostgreSQL alike, through one code path:
 *
 * - claim: `UPDATE outbox_messages SET status='sending', next_attempt_at=<now + lease>
 *   WHERE id=? AND status='queued'` — only one instance sees one updated row (PostgreSQL re-checks
 *   the WHERE clause after waiting for a concurrent writer; SQLite has a single writer). While a
 *   message is 'sending', `next_attempt_at` is the end of its lease;
 * - a message still 'sending' after its lease (instance crashed mid-send) is queued again, and
 *   this counts as an attempt, so a message that kills the worker cannot loop forever;
 * - sent → status 'sent', sent_at; failed → attempts + 1, a short last_error, rescheduled with
 *   exponential backoff, or 'abandoned' after maxAttempts;
 * - erasure: in the same UPDATE that marks a message 'sent' or 'abandoned', its text becomes '' and
 *   its recipient is masked (`erased_at` set), unless keepSentText (development). What the row keeps
 *   — channel, subject (a fixed wording), masked recipient, status, attempts, last error, times —
 *   is enough for operations; a database dump shows neither a code nor a contact;
 * - retention: now and then (first tick, then every sweepIntervalMs), finished rows created more
 *   than retentionMs ago are deleted, and finished rows not yet erased (abandoned by lease expiry,
 *   or from before erasure) are erased. Queued and sending rows are never touched.
 *
 * Delivery is at least once: an instance dying between the provider's acceptance and the UPDATE
 * means the message is sent again after the lease (60 s) — with the same idempotency key (the row's
 * id, as SMTP Message-ID and SMS `reference`), so the provider can drop the repeat. Transport
 * timeouts (20 s SMTP, 10 s SMS) are below the lease, so a live instance keeps its claim.
 */
export class DeliveryWorker {
  private readonly db: Kysely<Database>;
  private readonly post: PostalService;
  private readonly clock: Clock;
  private readonly logger: MessagingLogger;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  readonly maxAttempts: number;
  private readonly backoffMs: readonly number[];
  private readonly leaseMs: number;
  private readonly keepSentText: boolean;
  private readonly retentionMs: number;
  private readonly sweepIntervalMs: number;
  /** clock time from which a tick runs the retention sweep */
  private nextSweepAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** incremented by start(): a loop left over from before a stop() never reschedules itself */
  private generation = 0;
  /** the round or sweep in progress, if any (it never rejects): they never overlap */
  private current: Promise<void> | undefined;

  constructor(private readonly o: DeliveryWorkerOptions) {
    this.db = o.db;
    this.clock = o.clock;
    this.post = o.post ?? capturePostalService();
    this.logger = o.logger ?? createLogger({ env: 'production' }).child({ module: 'messaging' });
    this.pollIntervalMs = o.pollIntervalMs ?? 1000;
    this.batchSize = o.batchSize ?? 10;
    this.maxAttempts = o.maxAttempts ?? 8;
    this.backoffMs = o.backoffMs?.length ? o.backoffMs : DEFAULT_BACKOFF_MS;
    this.leaseMs = o.sendingLeaseMs ?? 60_000;
    this.keepSentText = o.keepSentText ?? false;
    this.retentionMs = o.retentionMs ?? DEFAULT_RETENTION_MS;
    this.sweepIntervalMs = o.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  }

  /** Polls the outbox every pollIntervalMs until stop(). Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const gen = ++this.generation;
    const live = () => this.running && gen === this.generation;
    const loop = async () => {
      if (!live()) return;
      try {
        await this.tick();
      } catch (e) {
        this.logger.warn(`messaging: delivery tick failed: ${(e as Error).message?.slice(0, 200)}`);
      }
      if (live()) this.timer = setTimeout(loop, this.pollIntervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops polling and waits for the messages being sent. start() or flush() may be called again. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** stop(), then closes the transports (SMTP connections): the end of the worker's life. */
  async close(): Promise<void> {
    await this.stop();
    await Promise.all([this.o.mail.close?.(), this.o.sms.close?.(), this.post.close?.()]);
  }

  /** Delivers everything due now (including retries that are due), and resolves when done. */
  async flush(): Promise<void> {
    while ((await this.tick()) > 0) {
      // Something was claimed: look again (more may be due, or enqueued meanwhile).
    }
  }

  /**
   * One round: requeue expired leases, claim up to batchSize due messages, send them, and run the
   * retention sweep when it is due. Returns how many were claimed.
   */
  tick(): Promise<number> {
    return this.oneAtATime(() => this.round());
  }

  /** Runs `work` after the round or sweep in progress (never two at once); stop() waits for the last. */
  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.current ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const mine = next.then(
      () => undefined,
      () => undefined,
    );
    this.current = mine;
    void mine.finally(() => {
      if (this.current === mine) this.current = undefined;
    });
    return next;
  }

  private async round(): Promise<number> {
    const now = this.clock.now();
    await this.recoverExpiredLeases(now);
    const claimed = await this.claimDue(now);
    await Promise.all(claimed.map((m) => this.deliver(m)));
    const after = this.clock.now();
    if (after >= this.nextSweepAt) {
      try {
        const r = await this.sweepNow(after);
        this.nextSweepAt = r.more ? after : after + this.sweepIntervalMs;
      } catch (e) {
        // Deliveries go on; the sweep is tried again at the next period.
        this.nextSweepAt = after + this.sweepIntervalMs;
        this.logger.warn(`messaging: retention sweep failed: ${(e as Error).message?.slice(0, 200)}`);
      }
    }
    return claimed.length;
  }

  /**
   * The retention sweep, now (ticks run it by themselves now and then): deletes finished rows
   * created more than retentionMs ago, and erases finished rows not yet erased. Waits for the tick
   * in progress; never overlaps one.
   */
  sweep(): Promise<SweepResult> {
    return this.oneAtATime(() => this.sweepNow(this.clock.now()));
  }

  private async sweepNow(now: number): Promise<SweepResult> {
    const cutoff = now - this.retentionMs;
    const deleted = await deleteBatch(
      this.db,
      'outbox_messages',
      (eb) => eb.and([eb('status', 'in', FINISHED), eb('created_at', '<', cutoff)]),
      SWEEP_BATCH,
    );
    const erasure = await this.eraseFinished(now);
    for (const job of this.o.housekeeping ?? []) await job(now);
    if (deleted > 0 || erasure.erased > 0) this.logger.info(`messaging: retention deleted=${deleted} erased=${erasure.erased}`);
    return { deleted, erased: erasure.erased, more: deleted >= SWEEP_BATCH || erasure.more };
  }

  /** Erases finished rows whose text is still there (none when keepSentText). */
  private async eraseFinished(now: number): Promise<{ erased: number; more: boolean }> {
    if (this.keepSentText) return { erased: 0, more: false };
    const rows = await this.db
      .selectFrom('outbox_messages')
      .select(['id', 'recipient'])
      .where('status', 'in', FINISHED)
      .where('erased_at', 'is', null)
      .limit(SWEEP_BATCH)
      .execute();
    let erased = 0;
    for (const r of rows) {
      const u = await this.db
        .updateTable('outbox_messages')
        .set(this.erasure(r.recipient, now))
        .where('id', '=', r.id)
        .where('status', 'in', FINISHED)
        .where('erased_at', 'is', null)
        .executeTakeFirst();
      erased += Number(u.numUpdatedRows);
    }
    return { erased, more: rows.length >= SWEEP_BATCH };
  }

  /** The columns that forget a finished message: its text, and its recipient but for a masked form. */
  private erasure(recipient: string, now: number): { text?: string; recipient?: string; erased_at?: number } {
    if (this.keepSentText) return {};
    return { text: '', recipient: maskRecipient(recipient), erased_at: now };
  }

  private async recoverExpiredLeases(now: number): Promise<void> {
    const reason = 'envoi interrompu (délai de réservation dépassé)';
    const abandoned = await this.db
      .updateTable('outbox_messages')
      .set((eb) => ({ status: 'abandoned', attempts: eb('attempts', '+', 1), last_error: reason }))
      .where('status', '=', 'sending')
      .where('next_attempt_at', '<=', now)
      .where('attempts', '>=', this.maxAttempts - 1)
      .executeTakeFirst();
    // Rare (an instance died with the message, maxAttempts times): erased row by row, to mask each recipient.
    if (Number(abandoned.numUpdatedRows) > 0) await this.eraseFinished(now);
    await this.db
      .updateTable('outbox_messages')
      .set((eb) => ({ status: 'queued', attempts: eb('attempts', '+', 1), last_error: reason, next_attempt_at: now }))
      .where('status', '=', 'sending')
      .where('next_attempt_at', '<=', now)
      .execute();
  }

  private async claimDue(now: number): Promise<OutboxRow[]> {
    // Candidates: more than one batch, shuffled, so that instances polling together mostly try
    // different rows instead of all racing for the same ones.
    const candidates = await this.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(this.batchSize * 3)
      .execute();
    shuffle(candidates);
    const claimed: OutboxRow[] = [];
    for (const { id } of candidates) {
      if (claimed.length >= this.batchSize) break;
      const r = await this.db
        .updateTable('outbox_messages')
        .set({ status: 'sending', next_attempt_at: now + this.leaseMs })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) continue;
      const row = await this.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
      if (row) claimed.push(row);
    }
    return claimed;
  }

  private async deliver(m: OutboxRow): Promise<void> {
    const who = `channel=${m.channel} to=${maskRecipient(m.recipient)} id=${m.id}`;
    let failure: string | undefined;
    try {
      // The row's id is the idempotency key of every attempt (Message-ID, SMS reference).
      if (m.channel === 'email') await this.o.mail.send({ id: m.id, to: m.recipient, subject: m.subject, text: m.text });
      else if (m.channel === 'post') await this.post.send({ id: m.id, to: m.recipient, subject: m.subject, text: m.text });
      else await this.o.sms.send({ id: m.id, to: m.recipient, text: m.text });
    } catch (e) {
      // Only a DeliveryError's reason is known to be safe to store; anything else is summarised.
      failure = e instanceof DeliveryError ? e.message : `erreur inattendue (${(e as Error)?.name ?? 'inconnue'})`;
    }
    const now = this.clock.now();
    const transport = m.channel === 'email' ? this.o.mail.name : m.channel === 'post' ? this.post.name : this.o.sms.name;
    if (failure === undefined) {
      await this.db
        .updateTable('outbox_messages')
        .set({ status: 'sent', sent_at: now, attempts: m.attempts + 1, last_error: null, ...this.erasure(m.recipient, now) })
        .where('id', '=', m.id)
        .where('status', '=', 'sending')
        .execute();
      this.logger.info(`messaging: sent ${who} via=${transport} attempt=${m.attempts + 1}`);
      return;
    }
    const attempts = m.attempts + 1;
    const abandoned = attempts >= this.maxAttempts;
    const delay = this.backoffMs[Math.min(attempts - 1, this.backoffMs.length - 1)]!;
    await this.db
      .updateTable('outbox_messages')
      .set({
        status: abandoned ? 'abandoned' : 'queued',
        attempts,
        last_error: failure,
        next_attempt_at: abandoned ? now : now + delay,
        ...(abandoned ? this.erasure(m.recipient, now) : {}),
      })
      .where('id', '=', m.id)
      .where('status', '=', 'sending')
      .execute();
    this.logger.warn(
      `messaging: ${abandoned ? 'abandoned' : 'failed'} ${who} via=${transport} attempt=${attempts} error="${failure}"${abandoned ? '' : ` retry_in=${Math.round(delay / 1000)}s`}`,
    );
  }
}

function shuffle<T>(a: T[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}
