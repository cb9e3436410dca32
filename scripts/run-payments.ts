/**
 * One payment run (src/payments/run.ts), outside the server: the same run the worker does hourly,
 * for operations (catching up after an outage) and for the crash tests. Safe to run at any time,
 * next to running servers: it pays each droit and month at most once.
 *
 *   DATABASE_URL=… npx tsx scripts/run-payments.ts
 *
 * PAYMENT_RUN_PAUSE_MS (default 0): a pause after each household, to spread a large run.
 */
import { loadDatabaseOptions } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { runPayments } from '../src/payments/run';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL manquante');
    return 2;
  }
  const pause = Number(process.env.PAYMENT_RUN_PAUSE_MS ?? 0);
  // The server's database settings (DATABASE_BUSY_WAIT_MS, DATABASE_POOL_SIZE…), without its whole configuration.
  const handle = await openDatabase(url, loadDatabaseOptions());
  try {
    await migrate(handle);
    const r = await runPayments(handle.db, Date.now(), {
      afterHousehold: pause > 0 ? () => new Promise((res) => setTimeout(res, pause)) : undefined,
    });
    console.log(JSON.stringify(r));
    return 0;
  } finally {
    await handle.destroy();
  }
}

// Exits explicitly once the database is closed (the SQLite checkpointer's thread is stopped by destroy()).
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
