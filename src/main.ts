import { ConfigError, loadConfig } from './config/config';
import { createContext } from './context';
import { seedDemoData } from './demo/seed';
import { buildServer } from './http/server';

/** Starts Mon Compte: configuration → context → HTTP server (and, in development, its companions). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const ctx = await createContext(config);
  if (config.demoData) await seedDemoData(ctx);
  const app = await buildServer(ctx);
  await app.listen({ port: config.port, host: config.host });
  ctx.messaging.worker.start();
  console.log(`\nMon Compte est démarré : ${config.baseUrl}\n`);

  const stop = async () => {
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
