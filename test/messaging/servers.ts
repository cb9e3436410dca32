import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

/**
 * Real servers for the messaging tests: an SMTP server (npm `smtp-server`) and an HTTP SMS
 * provider (node:http), both on 127.0.0.1 with a random port, that record what they receive.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** the next n RCPT TO commands are refused with `451` (temporary failure) */
  rejectNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let toReject = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (toReject > 0) {
        toReject--;
        callback(Object.assign(new Error('Service momentanément indisponible'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ ...parseMail(raw), from, to: session.envelope.rcptTo.map((a) => a.address), raw });
        callback();
      });
    },
  });
  const net = server.listen(0, '127.0.0.1');
  await once(net, 'listening');
  const { port } = net.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejectNext: (n) => {
      toReject = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers (unfolded, RFC 2047 words decoded) and the text body (quoted-printable or base64 decoded). */
function parseMail(raw: string): Omit<ReceivedMail, 'from' | 'to' | 'raw'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes = cte === 'quoted-printable' ? qpDecode(body) : cte === 'base64' ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  return { headers, subject: headers.get('subject') ?? '', text: bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function qpDecode(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(out);
}

function decodeWords(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qpDecode(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

export interface SmsRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface TestSmsProvider {
  url: string;
  requests: SmsRequest[];
  /** statuses of the next answers (then 200); `'hang'` never answers */
  respondWith(...statuses: (number | 'hang')[]): void;
  close(): Promise<void>;
}

export async function startSmsProvider(): Promise<TestSmsProvider> {
  const requests: SmsRequest[] = [];
  let script: (number | 'hang')[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: the assertion will show it
      }
      requests.push({ method: req.method ?? '', headers: req.headers, body });
      const next = script.shift() ?? 200;
      if (next === 'hang') return;
      res.writeHead(next, { 'content-type': 'application/json' });
      res.end(JSON.stringify(next < 300 ? { id: `sms-${requests.length}`, status: 'accepted' } : { error: 'indisponible' }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/sms`,
    requests,
    respondWith: (...s) => {
      script = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a `describe` block: a real SMTP server and SMS provider, started before its tests and closed
 * after. Read `servers.smtp` and `servers.provider` inside tests.
 */
export function useMessageServers(): { readonly smtp: TestSmtpServer; readonly provider: TestSmsProvider } {
  let smtp: TestSmtpServer | undefined;
  let provider: TestSmsProvider | undefined;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    provider = await startSmsProvider();
  });
  afterAll(async () => {
    await smtp?.close();
    await provider?.close();
  });
  return {
    get smtp() {
      return smtp!;
    },
    get provider() {
      return provider!;
    },
  };
}
