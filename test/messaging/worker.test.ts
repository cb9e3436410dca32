import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config/config';
import { createContext, type AppContext } from '../../src/context';
import type { DatabaseHandle } from '../../src/db/database';
import { enqueueMessage } from '../../src/messaging/outbox';
import type { MailTransport, SmsProvider } from '../../src/messaging/transports';
import { DEFAULT_BACKOFF_MS, DeliveryWorker, type MessagingLogger } from '../../src/messaging/worker';
import { TestClock } from '../support/clock';
import { testDatabases } from '../support/databases';
import { useMessageServers } from './servers';
import { CODE_MAIL, CODE_SMS } from '../support/outbox';

function recordingLogger(): MessagingLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(l) };
}

describe.each(testDatabases)('delivery worker on $name', ({ open }) => {
  const servers = useMessageServers();

  let handle: DatabaseHandle;
  let ctx: AppContext;
  let clock: TestClock;
  beforeEach(async () => {
    servers.smtp.received.length = 0;
    servers.provider.requests.length = 0;
    servers.smtp.rejectNext(0);
    servers.provider.respondWith();
    handle = await open();
    clock = new TestClock();
    const config = testConfig({
      SMTP_URL: servers.smtp.url,
      SMS_PROVIDER_URL: servers.provider.url,
      SMS_PROVIDER_TOKEN: 'jeton-secret-fournisseur',
      SMS_SENDER: 'MaCaf',
      MAIL_FROM: 'Mon Compte <ne-pas-repondre@caf.example>',
    });
    ctx = await createContext(config, { clock, database: handle });
  });
  afterEach(async () => {
    await ctx?.close(); // stops the worker and destroys the database
  });

  const row = (id: string) => handle.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends an e-mail through a real SMTP server: recipient, French subject, UTF-8 text', async () => {
    const id = await enqueueMessage(handle.db, CODE_MAIL, clock.now());
    await ctx.messaging.flush();

    expect(servers.smtp.received).toHaveLength(1);
    const mail = servers.smtp.received[0]!;
    expect(mail.to).toEqual(['élise.dupré@example.fr']);
    expect(mail.from).toBe('ne-pas-repondre@caf.example');
    expect(mail.subject).toBe('Votre code de vérification Mon Compte');
    expect(mail.text).toBe(CODE_MAIL.text);
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.headers.get('from')).toBe('Mon Compte <ne-pas-repondre@caf.example>');

    const r = await row(id);
    expect(r).toMatchObject({ status: 'sent', sent_at: clock.now(), attempts: 1, last_error: null });
  });

  it('sends an SMS to the HTTP provider: JSON body and bearer token', async () => {
    const id = await enqueueMessage(handle.db, CODE_SMS, clock.now());
    await ctx.messaging.flush();

    expect(servers.provider.requests).toHaveLength(1);
    const req = servers.provider.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toBe('Bearer jeton-secret-fournisseur');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.body).toEqual({ to: '+33612345678', from: 'MaCaf', sender: 'MaCaf', text: CODE_SMS.text, reference: id });
    expect(await row(id)).toMatchObject({ status: 'sent', sent_at: clock.now(), attempts: 1 });
  });

  it('retries an SMS with backoff when the provider answers 500, then sends it', async () => {
    servers.provider.respondWith(500);
    const id = await enqueueMessage(handle.db, CODE_SMS, clock.now());
    const t0 = clock.now();
    await ctx.messaging.flush();

    let r = await row(id);
    expect(r).toMatchObject({ status: 'queued', attempts: 1, last_error: 'HTTP 500', sent_at: null, next_attempt_at: t0 + 30_000 });
    expect(r.last_error).not.toContain('736204');

    clock.advance(29_999);
    await ctx.messaging.flush();
    expect(servers.provider.requests).toHaveLength(1); // not due yet

    clock.advance(1);
    await ctx.messaging.flush();
    expect(servers.provider.requests).toHaveLength(2);
    r = await row(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 2, last_error: null, sent_at: t0 + 30_000 });
  });

  it('retries an e-mail when the SMTP server refuses it (451), then delivers it once', async () => {
    servers.smtp.rejectNext(2);
    const id = await enqueueMessage(handle.db, CODE_MAIL, clock.now());
    const t0 = clock.now();
    await ctx.messaging.flush();
    let r = await row(id);
    expect(r).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: t0 + 30_000 });
    expect(r.last_error).toMatch(/^SMTP 451 EENVELOPE/);

    clock.advance(30_000);
    await ctx.messaging.flush();
    r = await row(id);
    expect(r).toMatchObject({ status: 'queued', attempts: 2, next_attempt_at: t0 + 30_000 + 120_000 });

    clock.advance(120_000);
    await ctx.messaging.flush();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(servers.smtp.received).toHaveLength(1);
    expect(servers.smtp.received[0]!.text).toBe(CODE_MAIL.text);
  });

  it('abandons a message after 8 failed attempts, following the backoff schedule', async () => {
    servers.provider.respondWith(...Array<number>(20).fill(503));
    const id = await enqueueMessage(handle.db, CODE_SMS, clock.now());
    const schedule: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = clock.now();
      await ctx.messaging.flush();
      const r = await row(id);
      if (r.status === 'queued') schedule.push(r.next_attempt_at - before);
      clock.advance(r.next_attempt_at - before);
    }
    const r = await row(id);
    expect(r).toMatchObject({ status: 'abandoned', attempts: 8, last_error: 'HTTP 503', sent_at: null });
    expect(schedule).toEqual(DEFAULT_BACKOFF_MS.slice(0, 7));
    expect(servers.provider.requests).toHaveLength(8);

    clock.advance(7 * 24 * 3_600_000);
    await ctx.messaging.flush();
    expect(servers.provider.requests).toHaveLength(8); // never tried again
  });

  it('records a timeout of the SMS provider as a failure', async () => {
    const { createHttpSmsProvider } = await import('../../src/messaging/sms-http');
    const worker = new DeliveryWorker({
      db: handle.db,
      clock,
      mail: { name: 'unused', send: async () => {} },
      sms: createHttpSmsProvider({ url: servers.provider.url, token: 't', sender: 'MaCaf', timeoutMs: 200 }),
      logger: recordingLogger(),
    });
    servers.provider.respondWith('hang');
    const id = await enqueueMessage(handle.db, CODE_SMS, clock.now());
    await worker.flush();
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'HTTP délai dépassé (200 ms)' });
  });

  it('queues again a message left in "sending" for more than 5 minutes by a crashed instance', async () => {
    const id = await enqueueMessage(handle.db, CODE_SMS, clock.now());
    // An instance claimed it (lease of 5 minutes) and died before sending.
    await handle.db
      .updateTable('outbox_messages')
      .set({ status: 'sending', next_attempt_at: clock.now() + 5 * 60_000 })
      .where('id', '=', id)
      .execute();

    clock.advance(5 * 60_000 - 1);
    await ctx.messaging.flush();
    expect(servers.provider.requests).toHaveLength(0);
    expect((await row(id)).status).toBe('sending');

    clock.advance(1);
    await ctx.messaging.flush();
    expect(servers.provider.requests).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('logs one line per message with a masked recipient, never the text or the code', async () => {
    const logger = recordingLogger();
    const worker = new DeliveryWorker({
      db: handle.db,
      clock,
      mail: { name: 'test', send: async () => {} },
      sms: {
        name: 'test',
        send: async () => {
          throw new Error(`provider echoed: ${CODE_SMS.text}`); // not a DeliveryError: must not be stored
        },
      },
      logger,
    });
    const mailId = await enqueueMessage(handle.db, CODE_MAIL, clock.now());
    const smsId = await enqueueMessage(handle.db, CODE_SMS, clock.now());
    await worker.flush();

    expect(logger.lines).toHaveLength(2);
    const all = logger.lines.join('\n');
    for (const secret of ['482913', '736204', 'élise.dupré', '612345678', 'Bonjour']) expect(all).not.toContain(secret);
    expect(all).toContain(`messaging: sent channel=email to=é***@example.fr id=${mailId}`);
    expect(all).toContain(`messaging: failed channel=sms to=+336******78 id=${smsId}`);
    expect((await row(smsId)).last_error).toBe('erreur inattendue (Error)');
  });

  it('start() polls the outbox until stop()', async () => {
    const sent: string[] = [];
    const transport: MailTransport & SmsProvider = { name: 'test', send: async (m) => void sent.push(m.text) };
    const worker = new DeliveryWorker({
      db: handle.db,
      clock,
      mail: transport,
      sms: transport,
      logger: recordingLogger(),
      pollIntervalMs: 20,
    });
    worker.start();
    await enqueueMessage(handle.db, CODE_SMS, clock.now());
    await expect.poll(() => sent.length, { timeout: 5000, interval: 20 }).toBe(1);
    await worker.stop();
    await enqueueMessage(handle.db, CODE_MAIL, clock.now());
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toEqual([CODE_SMS.text]); // stopped: no more polling
    await worker.flush(); // but flush() still delivers on demand
    expect(sent).toEqual([CODE_SMS.text, CODE_MAIL.text]);
  });

  it('two workers on the same database never send a message twice', async () => {
    const sent = new Map<string, number>();
    const byWorker = new Map<string, number>();
    const slowTransport = (who: string): MailTransport & SmsProvider => ({
      name: who,
      send: async (m) => {
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        sent.set(m.text, (sent.get(m.text) ?? 0) + 1);
        byWorker.set(who, (byWorker.get(who) ?? 0) + 1);
      },
    });
    const worker = (who: string) =>
      new DeliveryWorker({
        db: handle.db,
        clock,
        mail: slowTransport(who),
        sms: slowTransport(who),
        logger: recordingLogger(),
        batchSize: 5,
        pollIntervalMs: 1,
      });
    const a = worker('a');
    const b = worker('b');
    const n = 60;
    for (let i = 0; i < n; i++) {
      await enqueueMessage(
        handle.db,
        { channel: i % 2 ? 'sms' : 'email', to: `personne${i}@example.fr`, subject: 'Test', text: `message ${i}` },
        clock.now(),
      );
    }
    // Both poll and flush at the same time.
    a.start();
    b.start();
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    await Promise.all([a.stop(), b.stop()]);

    expect(sent.size).toBe(n);
    expect([...sent.values()].every((c) => c === 1)).toBe(true);
    expect(byWorker.get('a')).toBeGreaterThan(0); // both really took part
    expect(byWorker.get('b')).toBeGreaterThan(0);
    const statuses = await handle.db.selectFrom('outbox_messages').select(['status', 'attempts']).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
  });
});
