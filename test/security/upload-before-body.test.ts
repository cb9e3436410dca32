import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/db/tables/agents.table';
import { SESSION_COOKIE } from '../../src/http/session';
import { createTestAccount, logIn } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { createTestAgent } from '../journeys/gestion/helpers';
import { pieceAsked, sentDemarche } from '../justificatifs/support';

/**
 * Issue 20, point 5: the upload routes refuse what needs no body — no session, a démarche not
 * theirs or awaiting nothing, a declared length over the limit — as soon as the headers arrive.
 * The client below declares a large body and sends only its first 64 KiB, then waits: the answer
 * can only come if the server did not wait for (nor read) the rest. Before the fix the server
 * waited for the whole body, and this client never got an answer.
 */
interface Answer {
  status: number;
  head: string;
  /** the server closed the connection (nothing more of the body is received) */
  closed: boolean;
}

const SENT = 64 * 1024;

function partialUpload(
  port: number,
  o: { path: string; declared: number; contentType: string; cookie?: string },
): Promise<Answer | 'no answer'> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let answer: Answer | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, 15_000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer ?? 'no answer');
    };
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A reset after the answer (the server closed while we were sending) is the expected end.
      if (answer) finish();
      else if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e);
    });
    socket.on('data', (d) => {
      received += d.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0 && !answer) {
        const head = received.slice(0, end);
        answer = { status: Number(head.split(' ')[1]), head, closed: false };
      }
    });
    socket.on('end', () => {
      if (answer) answer.closed = true;
      finish();
    });
    socket.on('connect', () => {
      socket.write(
        [
          `POST ${o.path} HTTP/1.1`,
          'Host: 127.0.0.1',
          `Content-Type: ${o.contentType}`,
          `Content-Length: ${o.declared}`,
          'Sec-Fetch-Site: same-origin',
          ...(o.cookie ? [`Cookie: ${SESSION_COOKIE}=${o.cookie}`] : []),
          '',
          '',
        ].join('\r\n'),
      );
      // The beginning of the body only; the rest never comes.
      socket.write(Buffer.alloc(SENT, 0x41));
    });
  });
}

const JSON_TYPE = 'application/json';
const MULTIPART = 'multipart/form-data; boundary=----x';

describe('upload routes refuse before reading the body', () => {
  let t: TestApp;
  let agent: Agent;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp();
    agent = await createTestAgent(t.ctx);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(() => t?.close());

  const api = (id: string) => `/api/demarches/${id}/justificatifs`;
  const page = (id: string) => `/mon-espace/demarches/${id}/justificatifs`;

  it('without a session: 401 (API) and the login page (form), 13.9 MB declared, 64 KiB sent', async () => {
    const json = await partialUpload(port, { path: api('abc'), declared: 13_900_000, contentType: JSON_TYPE });
    expect(json).toMatchObject({ status: 401, closed: true });
    const form = await partialUpload(port, { path: page('abc'), declared: 10_000_000, contentType: MULTIPART });
    expect(form).toMatchObject({ status: 303, closed: true });
    expect((form as Answer).head).toMatch(/^location: \/connexion/im);
  });

  it('signed in, on a démarche that is not theirs: 404, before the body', async () => {
    const { d } = await pieceAsked(t, agent);
    const stranger = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, stranger);
    const cookie = b.cookie(SESSION_COOKIE)!;
    for (const path of [api(d.id), page(d.id), api('nexistepas')]) {
      const r = await partialUpload(port, {
        path,
        declared: 5_000_000,
        contentType: path.startsWith('/api') ? JSON_TYPE : MULTIPART,
        cookie,
      });
      expect(r, path).toMatchObject({ status: 404, closed: true });
    }
  });

  it('on their own démarche: 409 when no piece is asked, 413 when the declared length is over the limit', async () => {
    const person = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, person);
    const cookie = b.cookie(SESSION_COOKIE)!;
    const quiet = await sentDemarche(t.ctx, person);
    expect(await partialUpload(port, { path: api(quiet.id), declared: 2_000_000, contentType: JSON_TYPE, cookie })).toMatchObject({
      status: 409,
      closed: true,
    });

    const asked = await pieceAsked(t, agent);
    const own = asked.b.cookie(SESSION_COOKIE)!;
    const json = await partialUpload(port, { path: api(asked.d.id), declared: 20_000_000, contentType: JSON_TYPE, cookie: own });
    expect(json).toMatchObject({ status: 413, closed: true });
    const form = await partialUpload(port, { path: page(asked.d.id), declared: 10_600_000, contentType: MULTIPART, cookie: own });
    expect(form).toMatchObject({ status: 413, closed: true });
  });

  it('lets an allowed upload through: its body is then read (the client sends it all)', async () => {
    const { d, b } = await pieceAsked(t, agent);
    const ok = await b.postJson(api(d.id), { fileName: 'a.png', contentBase64: Buffer.from('not an image').toString('base64') });
    // Read and checked: refused for its bytes (400 at the field), not before.
    expect(ok.statusCode).toBe(400);
    expect(ok.json().error.fields[0].field).toBe('contentBase64');
  });
});
