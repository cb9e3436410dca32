/**
 * The application in a child process for the benches (see child.ts): its database from
 * BENCH_DATABASE (a `sqlite:`/`postgres:` URL), sessions on Redis when REDIS_URL is set, logging
 * off as in tests (the baseline has none either). It creates one account and a signed-in session,
 * then `BENCH_SESSIONS` more open sessions (memory bench), and says where it listens.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/config';
import { createContext } from '../../src/context';
import { buildApp } from '../../src/routes';
import { requireAccount } from '../../src/http/session';
import { loadPlaceData } from '../../src/identity';
import { ready } from './child';
import { benchAccount, PASSWORD } from './accounts';

const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: process.env.BENCH_DATABASE ?? 'sqlite::memory:',
  FC_STANDIN: 'false',
  DEMO_DATA: 'false',
  LOGIN_SECOND_FACTOR: 'true',
  // Loopback only: the registration bench gives each journey its own address (X-Forwarded-For),
  // as many people would have, so that the limits per IP measure nothing here.
  TRUST_PROXY: 'true',
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
});
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined); // --expose-gc: heaps measured after a collection
gc();
const heapBeforePlaces = process.memoryUsage().heapUsed;
loadPlaceData();
gc();
const placesHeap = process.memoryUsage().heapUsed - heapBeforePlaces;
const ctx = await createContext(config);
const app = await buildApp(ctx);
app.get('/bench/hello', async () => ({ hello: 'world' }));
// The least a signed-in page does: the session and its account read from the store, nothing rendered.
app.get('/bench/hello-signed-in', { preHandler: requireAccount }, async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });

const passwordHash = await ctx.passwords.hash(PASSWORD);
const account = await benchAccount(ctx, 0, passwordHash);
const accountIds = [account.id];
for (let i = 1; i < Number(process.env.BENCH_ACCOUNTS ?? 1); i++) accountIds.push((await benchAccount(ctx, i, passwordHash)).id);
const { token } = await ctx.sessions.create({ accountId: account.id, ip: '127.0.0.1', userAgent: 'bench' });
// Open sessions as browsers leave them: one per account in turn, a real user agent, no data.
const tokens: string[] = [];
const extra = Number(process.env.BENCH_SESSIONS ?? 0);
for (let i = 0; i < extra; i += 100) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(100, extra - i) }, (_, k) =>
      ctx.sessions.create({
        accountId: accountIds[(i + k) % accountIds.length]!,
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        data: { authMethod: 'password' },
      }),
    ),
  );
  tokens.push(...batch.map((b) => b.token));
}
gc();
ready(
  {
    port: (app.server.address() as AddressInfo).port,
    session: token,
    tokens,
    accountId: account.id,
    placesHeap,
    heapUsed: process.memoryUsage().heapUsed,
  },
  async () => {
    await app.close();
    await ctx.close();
  },
);
