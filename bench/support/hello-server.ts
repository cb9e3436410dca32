/** The baseline: a bare Fastify with one route, nothing else (no plugin, no hook, no logger). */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { ready } from './child';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
ready({ port: (app.server.address() as AddressInfo).port }, () => app.close());
