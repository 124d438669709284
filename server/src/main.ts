import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { createApp } from './app.js';
import { startHttpServer } from './http/server.js';
import { createLogger } from './platform/logging/logger.js';

/** Composition root of the HTTP server process: config → app (db, pubsub, services) → HTTP. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(config, 'server');
  const app = await createApp(config, { logger, role: 'server' });
  const server = await startHttpServer(app);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
