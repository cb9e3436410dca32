import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmsProvider } from '../messaging/servers';
import { person, registerUpToContact } from './journeys';
import { Client, startApp, until, type AppProcess } from './support';

/**
 * kill -9 of the delivery worker (it runs in the server process) after the provider received a
 * message and before the outbox row was marked sent. After the restart the message is taken again
 * once its lease is over (OUTBOX_SENDING_LEASE_MS, 60 s by default — here 2 s — far below the
 * 10 minutes of a code) and sent again with the SAME idempotency key: the SMTP Message-ID, the SMS
 * `reference`. Nothing is lost; a provider that honours the key delivers it once.
 */
interface Held {
  messageId: string;
  to: string;
}

async function holdingSmtpServer() {
  const received: Held[] = [];
  let hold = true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        received.push({ messageId, to: session.envelope.rcptTo[0]?.address ?? '' });
        // The first message is received but never acknowledged: the worker is killed meanwhile.
        if (hold) {
          hold = false;
          return;
        }
        callback();
      });
    },
  });
  const net = server.listen(0, '127.0.0.1');
  await once(net, 'listening');
  return {
    url: `smtp://127.0.0.1:${(net.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('kill -9 of the delivery worker between sending and marking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-worker-'));
  const file = join(dir, 'db.sqlite');
  let app: AppProcess | undefined;
  let smtp: Awaited<ReturnType<typeof holdingSmtpServer>>;
  let sms: Awaited<ReturnType<typeof startSmsProvider>>;
  afterAll(async () => {
    await app?.crash();
    await smtp?.close();
    await sms?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outbox = () => {
    const db = new SQLite(file, { readonly: true });
    try {
      return db.prepare('select id, channel, status, attempts from outbox_messages order by created_at').all() as {
        id: string;
        channel: string;
        status: string;
        attempts: number;
      }[];
    } finally {
      db.close();
    }
  };

  it('sends the message again after the lease, with the same Message-ID / reference, and loses none', { timeout: 180_000 }, async () => {
    smtp = await holdingSmtpServer();
    sms = await startSmsProvider();
    const env = { DATABASE_URL: `sqlite:${file}`, SMTP_URL: smtp.url, SMS_PROVIDER_URL: sms.url, OUTBOX_SENDING_LEASE_MS: '2000' };
    app = await startApp(env);
    const p = person(1, 'worker');
    expect(await registerUpToContact(new Client(app.url), p, { contactKind: 'email', email: p.email })).toBe(200);
    // The SMTP server has the message; the worker waits for its answer: now it dies.
    await until(async () => smtp.received.length === 1, 30_000, 'the e-mail at the SMTP server');
    expect(outbox()[0]!.status).toBe('sending');
    await app.crash();

    // An SMS too: the provider takes it but never answers, and the worker dies again.
    sms.respondWith('hang');
    app = await startApp(env);
    expect(await registerUpToContact(new Client(app.url), person(2, 'worker'), { contactKind: 'sms', phone: '06 11 22 33 44' })).toBe(200);
    await until(async () => sms.requests.length >= 1, 30_000, 'the SMS at the provider');
    await app.crash();

    app = await startApp(env);
    // Both are taken again after their lease and delivered.
    await until(async () => outbox().every((m) => m.status === 'sent'), 60_000, 'every message sent');
    const rows = outbox();
    expect(rows).toHaveLength(2);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[0]!.messageId).toMatch(new RegExp(`^<${rows[0]!.id}@`));
    expect(smtp.received[1]!.messageId).toBe(smtp.received[0]!.messageId);
    const refs = sms.requests.map((r) => (r.body as { reference?: string }).reference);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refs)).toEqual(new Set([rows[1]!.id]));
    // Each retake counted as an attempt (at least one retake each; on a slow machine an instance may
    // retake a message once more before it is killed, the lease being 2 s here).
    expect(rows.every((m) => m.attempts >= 2)).toBe(true);
  });
});
