import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { pendingAuditEvents } from '../auth/audit-queue';
import type { DatabaseHandle } from '../db/database';
import type { RedisHealth } from '../security/redis';
import type { Clock } from '../shared/clock';

/**
 * For an orchestrator (and an operator with curl):
 * - GET /health — liveness: the process answers (never looks at a dependency: restarting the
 *   server would not bring a database back). Always 200 while the event loop turns.
 * - GET /ready — readiness: 200 when requests can be served, 503 otherwise, with the details:
 *   the database (one `select 1`, 2 s at most), Redis when configured (sessions need it), where
 *   rate limits are counted (Redis, or the database as its fallback), the delivery worker's lag
 *   (age of the oldest message due and not sent, leases overdue) and the audit events waiting
 *   for the database. A late worker or a Redis fallback make it « degraded », still 200.
 */
const CHECK_TIMEOUT_MS = 2000;
/** Messages due for longer than this make the outbox « late » (the worker polls every second). */
const OUTBOX_LATE_S = 60;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms).unref())]);
}

/** What /ready looks at (src/context.ts builds them). */
export interface HealthDeps {
  database: DatabaseHandle;
  clock: Clock;
  /** the Redis connection when there is one, and since when rate limits use their fallback */
  health: { redis: RedisHealth | undefined; rateLimitFallbackSince(): number | undefined };
}

export function healthRoutes(ctx: HealthDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', async (_req, reply) => reply.header('Cache-Control', 'no-store').send({ status: 'ok' }));

    app.get('/ready', async (_req, reply) => {
      const now = ctx.clock.now();
      const database = await check(() => sql`select 1 as ok`.execute(ctx.database.db));
      const outbox = database.ok ? await outboxLag(ctx, now).catch(() => undefined) : undefined;
      const redis = ctx.health.redis;
      const fallbackSince = ctx.health.rateLimitFallbackSince();
      const redisOk = !redis || redis.up;
      const ready = database.ok && redisOk;
      const degraded = fallbackSince !== undefined || (outbox?.oldestDueSeconds ?? 0) > OUTBOX_LATE_S || (outbox?.overdueLeases ?? 0) > 0;
      return reply
        .status(ready ? 200 : 503)
        .header('Cache-Control', 'no-store')
        .send({
          status: !ready ? 'unavailable' : degraded ? 'degraded' : 'ready',
          checks: {
            database: {
              ok: database.ok,
              dialect: ctx.database.dialect,
              ms: database.ms,
              ...(database.error ? { error: database.error } : {}),
            },
            redis: redis
              ? { ok: redis.up, ...(redis.downSince ? { downSince: new Date(redis.downSince).toISOString() } : {}) }
              : { ok: true, configured: false },
            rateLimits: {
              store: ctx.health.redis ? (fallbackSince === undefined ? 'redis' : 'database (Redis fallback)') : 'database',
              ...(fallbackSince ? { fallbackSince: new Date(fallbackSince).toISOString() } : {}),
            },
            outbox: outbox ?? { ok: false },
            audit: { pending: pendingAuditEvents(ctx.database.db) },
          },
        });
    });
  };
}

async function check(f: () => Promise<unknown>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const start = performance.now();
  try {
    await withTimeout(f(), CHECK_TIMEOUT_MS);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - start), error: String((e as Error)?.message ?? e).slice(0, 120) };
  }
}

async function outboxLag(ctx: HealthDeps, now: number): Promise<{ ok: boolean; oldestDueSeconds: number; overdueLeases: number }> {
  const db = ctx.database.db;
  const [due, overdue] = await withTimeout(
    Promise.all([
      db
        .selectFrom('outbox_messages')
        .select((eb) => eb.fn.min('next_attempt_at').as('oldest'))
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .executeTakeFirst(),
      db
        .selectFrom('outbox_messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'sending')
        .where('next_attempt_at', '<=', now)
        .executeTakeFirst(),
    ]),
    CHECK_TIMEOUT_MS,
  );
  const oldest = due?.oldest === null || due?.oldest === undefined ? now : Number(due.oldest);
  const oldestDueSeconds = Math.max(0, Math.round((now - oldest) / 1000));
  const overdueLeases = Number(overdue?.n ?? 0);
  return { ok: oldestDueSeconds <= OUTBOX_LATE_S && overdueLeases === 0, oldestDueSeconds, overdueLeases };
}
