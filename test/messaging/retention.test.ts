import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, testConfig, type Config } from '../../src/config/config';
import { createContext, type AppContext } from '../../src/context';
import type { DatabaseHandle } from '../../src/db/database';
import { enqueueMessage } from '../../src/messaging/outbox';
import type { DevMessageJson } from '../../src/journeys/dev-messages/pages';
import { TestClock } from '../support/clock';
import { createLogger, type Logger } from '../../src/shared/logger';
import { buildTestApp, type TestApp } from '../support/app';
import { testDatabases } from '../support/databases';
import { useMessageServers, type TestSmsProvider, type TestSmtpServer } from './servers';
import { CODE_MAIL, CODE_SMS } from '../support/outbox';

/**
 * The outbox forgets what it sent: text erased and recipient masked once a message is delivered or
 * abandoned (production), kept for /dev/messages (development), rows deleted after the retention.
 * Through the real SMTP server and SMS provider of ./servers.ts, on SQLite and PostgreSQL.
 */
/** What must never remain in the table (after erasure) nor appear in a log line. */
const SECRETS = ['482913', '736204', 'élise.dupré', '612345678', 'Bonjour', 'valable'];
const DAY = 24 * 3_600_000;

/** A complete production configuration (loadConfig's checks pass); the database is passed to createContext, DATABASE_URL is never opened. */
function productionConfig(smtp: TestSmtpServer, provider: TestSmsProvider, extra: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://mon-compte@base.invalid/mon_compte',
    SECRET_KEY: 'un-secret-de-production-pour-les-tests-0123456789',
    BASE_URL: 'https://mon-compte.caf.example',
    FC_ISSUER_URL: 'https://fcp.franceconnect.example/api/v2',
    FC_CLIENT_ID: 'client-de-test',
    FC_CLIENT_SECRET: 'secret-franceconnect-de-test',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Mon Compte <ne-pas-repondre@caf.example>',
    SMS_PROVIDER_URL: provider.url,
    SMS_PROVIDER_TOKEN: 'jeton-secret-fournisseur',
    ...extra,
  });
}

/** Captures what the application's logger writes (its messages), as the production logger would write it. */
function captureLogs(): { logger: Logger; lines: () => string; restore: () => void } {
  const lines: string[] = [];
  const logger = createLogger({
    env: 'production',
    destination: { write: (json: string) => void lines.push(String((JSON.parse(json) as { msg?: string }).msg ?? json)) },
  });
  return { logger, lines: () => lines.join('\n'), restore: () => undefined };
}

describe('outbox settings (loadConfig)', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://mon-compte@base.invalid/mon_compte',
    SECRET_KEY: 'un-secret-de-production-pour-les-tests-0123456789',
    BASE_URL: 'https://mon-compte.caf.example',
    FC_ISSUER_URL: 'https://fcp.franceconnect.example/api/v2',
    FC_CLIENT_SECRET: 'secret-franceconnect-de-test',
    SMTP_URL: 'smtp://smtp.caf.example:587',
    SMS_PROVIDER_URL: 'https://sms.caf.example/v1/sms',
  };

  it('erases in production and keeps in development and tests by default; 30 days of retention', () => {
    expect(loadConfig(production).outbox).toEqual({ keepSentText: false, retentionDays: 30, sendingLeaseMs: 60_000 });
    expect(loadConfig({ NODE_ENV: 'development' }).outbox).toEqual({ keepSentText: true, retentionDays: 30, sendingLeaseMs: 60_000 });
    expect(testConfig().outbox.keepSentText).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', OUTBOX_KEEP_SENT_TEXT: 'false', OUTBOX_RETENTION_DAYS: '7' }).outbox).toEqual({
      keepSentText: false,
      retentionDays: 7,
      sendingLeaseMs: 60_000,
    });
  });

  it('refuses to keep the texts in production, and a retention that is not a whole number of days ≥ 1', () => {
    expect(() => loadConfig({ ...production, OUTBOX_KEEP_SENT_TEXT: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, OUTBOX_KEEP_SENT_TEXT: 'true' })).toThrow(/OUTBOX_KEEP_SENT_TEXT : garder le texte/);
    expect(loadConfig({ ...production, OUTBOX_KEEP_SENT_TEXT: 'false' }).outbox.keepSentText).toBe(false);
    for (const days of ['0', '-1', '1.5', 'trente'])
      expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: days })).toThrow(/OUTBOX_RETENTION_DAYS/);
  });
});

describe.each(testDatabases)('outbox erasure and retention on $name', ({ open }) => {
  const servers = useMessageServers();
  beforeEach(() => {
    servers.smtp.received.length = 0;
    servers.provider.requests.length = 0;
    servers.smtp.rejectNext(0);
    servers.provider.respondWith();
  });

  describe('in production', () => {
    let handle: DatabaseHandle;
    let ctx: AppContext;
    let clock: TestClock;
    let logs: ReturnType<typeof captureLogs>;
    beforeEach(async () => {
      logs = captureLogs();
      handle = await open();
      clock = new TestClock();
      ctx = await createContext(productionConfig(servers.smtp, servers.provider, { OUTBOX_RETENTION_DAYS: '7' }), {
        clock,
        database: handle,
        logger: logs.logger,
      });
    });
    afterEach(async () => {
      await ctx?.close();
      logs.restore();
    });

    const row = (id: string) => handle.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const dump = async () => JSON.stringify(await handle.db.selectFrom('outbox_messages').selectAll().execute());

    it('erases the text and masks the recipient once delivered; channel, subject, status, times and attempts stay', async () => {
      await ctx.messaging.flush(); // the first tick's sweep: the erasure below is the delivery's own, not a sweep's
      const mailId = await enqueueMessage(handle.db, CODE_MAIL, clock.now());
      const smsId = await enqueueMessage(handle.db, CODE_SMS, clock.now());
      // Until it is delivered, the worker needs it all.
      expect(await row(mailId)).toMatchObject({ text: CODE_MAIL.text, recipient: CODE_MAIL.to, erased_at: null });

      clock.advance(1000);
      await ctx.messaging.flush();

      // Really delivered, with the text…
      expect(servers.smtp.received).toHaveLength(1);
      expect(servers.smtp.received[0]!.text).toBe(CODE_MAIL.text);
      expect(servers.provider.requests.map((r) => r.body)).toEqual([expect.objectContaining({ to: '+33612345678', text: CODE_SMS.text })]);
      // …then forgotten.
      const t0 = clock.now() - 1000;
      expect(await row(mailId)).toEqual({
        id: mailId,
        channel: 'email',
        recipient: 'é***@example.fr',
        subject: CODE_MAIL.subject,
        text: '',
        status: 'sent',
        attempts: 1,
        next_attempt_at: expect.any(Number),
        last_error: null,
        created_at: t0,
        sent_at: clock.now(),
        erased_at: clock.now(),
      });
      expect(await row(smsId)).toMatchObject({
        channel: 'sms',
        recipient: '+336******78',
        subject: CODE_SMS.subject,
        text: '',
        status: 'sent',
        erased_at: clock.now(),
      });
      const all = await dump();
      for (const s of SECRETS) expect(all).not.toContain(s);
      // The log says what was sent, to whom (masked) — never the text.
      expect(logs.lines()).toContain(`messaging: sent channel=email to=é***@example.fr id=${mailId} via=smtp attempt=1`);
      for (const s of SECRETS) expect(logs.lines()).not.toContain(s);
      expect(logs.lines()).not.toContain('retention');
    });

    it('keeps the text while retrying, and erases it when the message is abandoned after its last attempt', async () => {
      servers.smtp.rejectNext(20);
      const id = await enqueueMessage(handle.db, CODE_MAIL, clock.now());
      await ctx.messaging.flush();
      expect(await row(id)).toMatchObject({
        status: 'queued',
        attempts: 1,
        text: CODE_MAIL.text,
        recipient: CODE_MAIL.to,
        erased_at: null,
      });

      for (let i = 0; i < 8; i++) {
        const r = await row(id);
        if (r.status !== 'queued') break;
        clock.advance(r.next_attempt_at - clock.now());
        await ctx.messaging.flush();
      }
      const r = await row(id);
      expect(r).toMatchObject({
        status: 'abandoned',
        attempts: 8,
        text: '',
        recipient: 'é***@example.fr',
        sent_at: null,
        erased_at: clock.now(),
        subject: CODE_MAIL.subject,
      });
      expect(r.last_error).toMatch(/^SMTP 451/);
      expect(servers.smtp.received).toHaveLength(0);
      for (const s of SECRETS) expect(await dump()).not.toContain(s);
      expect(logs.lines()).toContain(`messaging: abandoned channel=email to=é***@example.fr id=${id}`);
      for (const s of SECRETS) expect(logs.lines()).not.toContain(s);
      expect(logs.lines()).not.toMatch(/retention .*erased=[1-9]/); // erased when abandoned, not by a later sweep
    });

    it('erases a message abandoned because instances kept dying with it (lease expired at the last attempt)', async () => {
      const id = await enqueueMessage(handle.db, CODE_SMS, clock.now());
      await handle.db
        .updateTable('outbox_messages')
        .set({ status: 'sending', attempts: 7, next_attempt_at: clock.now() + 5 * 60_000 })
        .where('id', '=', id)
        .execute();
      await ctx.messaging.flush();
      expect(await row(id)).toMatchObject({ status: 'sending', text: CODE_SMS.text });

      clock.advance(5 * 60_000);
      await ctx.messaging.flush();
      expect(await row(id)).toMatchObject({
        status: 'abandoned',
        attempts: 8,
        text: '',
        recipient: '+336******78',
        erased_at: clock.now(),
      });
      expect(servers.provider.requests).toHaveLength(0);
    });

    it('erases, at its first sweep, the messages delivered before erasure existed; leaves pending ones alone', async () => {
      // Rows written by an earlier version: sent, texts kept.
      const old = await enqueueMessage(handle.db, CODE_MAIL, clock.now());
      await handle.db
        .updateTable('outbox_messages')
        .set({ status: 'sent', attempts: 1, sent_at: clock.now() })
        .where('id', '=', old)
        .execute();
      const pending = await enqueueMessage(handle.db, CODE_SMS, clock.now());
      await handle.db
        .updateTable('outbox_messages')
        .set({ next_attempt_at: clock.now() + 60_000 })
        .where('id', '=', pending)
        .execute();

      await ctx.messaging.flush();
      expect(await row(old)).toMatchObject({ status: 'sent', text: '', recipient: 'é***@example.fr', erased_at: clock.now() });
      expect(await row(pending)).toMatchObject({ status: 'queued', text: CODE_SMS.text, recipient: CODE_SMS.to, erased_at: null });
      expect(logs.lines()).toContain('messaging: retention deleted=0 erased=1');
    });

    it('deletes delivered and abandoned rows older than OUTBOX_RETENTION_DAYS, keeps pending ones, sweeping now and then', async () => {
      const t0 = clock.now();
      const delivered = await enqueueMessage(handle.db, CODE_MAIL, t0);
      await ctx.messaging.flush(); // sent through SMTP, and the first sweep has run
      expect(await row(delivered)).toMatchObject({ status: 'sent' });
      // An abandoned one (its failures are tested above) and a pending one, both as old.
      const abandoned = await enqueueMessage(handle.db, CODE_SMS, t0);
      await handle.db
        .updateTable('outbox_messages')
        .set({ status: 'abandoned', attempts: 8, last_error: 'HTTP 503' })
        .where('id', '=', abandoned)
        .execute();
      const queued = await enqueueMessage(handle.db, { ...CODE_SMS, to: '+33698765432' }, t0);
      await handle.db
        .updateTable('outbox_messages')
        .set({ next_attempt_at: t0 + 365 * DAY })
        .where('id', '=', queued)
        .execute();
      const sending = await enqueueMessage(handle.db, { ...CODE_MAIL, to: 'paul@example.fr' }, t0);
      await handle.db
        .updateTable('outbox_messages')
        .set({ status: 'sending', next_attempt_at: t0 + 365 * DAY })
        .where('id', '=', sending)
        .execute();
      // A recent delivered one.
      clock.advance(6 * DAY);
      const recent = await enqueueMessage(handle.db, { ...CODE_MAIL, to: 'lea@example.fr' }, clock.now());
      await ctx.messaging.flush(); // a day has passed since the last sweep: this tick sweeps

      const ids = async () => (await handle.db.selectFrom('outbox_messages').select('id').execute()).map((r) => r.id).sort();
      // 7 days after creation, to the millisecond: still there.
      clock.advance(t0 + 7 * DAY - clock.now());
      await ctx.messaging.worker.sweep();
      expect(await ids()).toEqual([delivered, abandoned, queued, sending, recent].sort());

      // Just older than 7 days: the finished ones go; queued and sending stay, whatever their age.
      clock.advance(1);
      expect(await ctx.messaging.worker.sweep()).toEqual({ deleted: 2, erased: 0, more: false });
      expect(await ids()).toEqual([queued, sending, recent].sort());
      expect(logs.lines()).toContain('messaging: retention deleted=2 erased=0');

      // The worker's ticks sweep by themselves, but not at every tick: once an hour.
      clock.advance(6 * DAY); // `recent` is now older than 7 days
      await ctx.messaging.flush(); // due (the last sweep by a tick was days ago): runs
      expect(await ids()).toEqual([queued, sending].sort());
      const late = await enqueueMessage(handle.db, { ...CODE_MAIL, to: 'hugo@example.fr' }, clock.now() - 8 * DAY);
      await handle.db
        .updateTable('outbox_messages')
        .set({ status: 'sent', sent_at: clock.now() - 8 * DAY })
        .where('id', '=', late)
        .execute();
      clock.advance(59 * 60_000);
      await ctx.messaging.flush();
      expect(await ids()).toContain(late); // swept 59 minutes ago: not yet
      clock.advance(60_000);
      await ctx.messaging.flush();
      expect(await ids()).toEqual([queued, sending].sort());
      expect((await row(queued)).text).toBe(CODE_SMS.text);
    });
  });

  describe('in development', () => {
    let t: TestApp;
    let logs: ReturnType<typeof captureLogs>;
    // The development server logs requests: into captureLogs' logger, not the terminal.
    beforeEach(() => {
      logs = captureLogs();
    });
    afterEach(async () => {
      await t?.close();
      logs.restore();
    });

    const devEnv = () => ({
      NODE_ENV: 'development',
      SMTP_URL: servers.smtp.url,
      SMS_PROVIDER_URL: servers.provider.url,
      MAIL_FROM: 'Mon Compte <ne-pas-repondre@caf.example>',
    });

    it('keeps every text sent, shown by /dev/messages', async () => {
      t = await buildTestApp({ env: devEnv(), database: await open(), logger: logs.logger });
      expect(t.ctx.config.outbox.keepSentText).toBe(true);
      const db = t.ctx.database.db;
      const mailId = await enqueueMessage(db, CODE_MAIL, t.clock.now());
      t.clock.advance(60_000);
      await enqueueMessage(db, CODE_SMS, t.clock.now());

      const res = await t.app.inject({ method: 'GET', url: '/dev/messages', headers: { accept: 'application/json' } });
      expect(res.json()).toEqual([
        { channel: 'sms', to: CODE_SMS.to, subject: CODE_SMS.subject, text: CODE_SMS.text, sentAt: '2026-11-26T09:01:00.000Z' },
        { channel: 'email', to: CODE_MAIL.to, subject: CODE_MAIL.subject, text: CODE_MAIL.text, sentAt: '2026-11-26T09:01:00.000Z' },
      ] satisfies DevMessageJson[]);
      // Really sent through SMTP and the servers.provider, and kept in the table.
      expect(servers.smtp.received.map((m) => m.text)).toEqual([CODE_MAIL.text]);
      expect(servers.provider.requests).toHaveLength(1);
      expect(await db.selectFrom('outbox_messages').selectAll().where('id', '=', mailId).executeTakeFirstOrThrow()).toMatchObject({
        status: 'sent',
        text: CODE_MAIL.text,
        recipient: CODE_MAIL.to,
        erased_at: null,
      });
      const page = await t.app.inject({ method: 'GET', url: '/dev/messages' });
      expect(page.body).toContain('Votre code de vérification est 482913.');
      expect(page.body).not.toContain('Texte effacé');
      // Even in development, the log lines carry no text.
      for (const s of SECRETS) expect(logs.lines()).not.toContain(s);
    });

    it('with OUTBOX_KEEP_SENT_TEXT=false, erases as in production and the page says so', async () => {
      t = await buildTestApp({ env: { ...devEnv(), OUTBOX_KEEP_SENT_TEXT: 'false' }, database: await open(), logger: logs.logger });
      await enqueueMessage(t.ctx.database.db, CODE_MAIL, t.clock.now());

      const res = await t.app.inject({ method: 'GET', url: '/dev/messages', headers: { accept: 'application/json' } });
      expect(res.json()).toEqual([
        { channel: 'email', to: 'é***@example.fr', subject: CODE_MAIL.subject, text: '', sentAt: '2026-11-26T09:00:00.000Z' },
      ]);
      expect(servers.smtp.received.map((m) => m.text)).toEqual([CODE_MAIL.text]);
      const page = await t.app.inject({ method: 'GET', url: '/dev/messages' });
      expect(page.body).toContain('<em>Texte effacé après l’envoi</em>');
      expect(page.body).toContain('<code>OUTBOX_KEEP_SENT_TEXT=false</code>');
      expect(page.body).not.toContain('482913');
    });
  });
});
