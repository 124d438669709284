import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { createApp, type App } from './app.js';
import { startHttpServer, type RunningServer } from './http/server.js';
import { createLogger } from './platform/logging/logger.js';

/** EX_SOFTWARE: the process stopped on a bug (npm start and process managers restart it). */
const EXIT_BUG = 70;
/** How long a stop may take before the process exits anyway. */
const STOP_GRACE_MS = 10_000;

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
  const running: { app?: App; server?: RunningServer } = {};

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), STOP_GRACE_MS).unref();
    await running.server?.close().catch((err: unknown) => logger.error({ err }, 'closing the HTTP server failed'));
    await running.app?.close().catch((err: unknown) => logger.error({ err }, 'closing the app failed'));
    logger.flush();
    process.exit(code);
  };
  // Requests never get here (each is answered, however malformed): what does is a bug in our code,
  // after which the process cannot be trusted. Log it once and stop; the supervisor restarts us.
  const onBug = (what: string) => (err: unknown) => {
    logger.fatal({ err }, `${what}: stopping the server`);
    void stop(EXIT_BUG);
  };
  process.on('uncaughtException', onBug('uncaught exception'));
  process.on('unhandledRejection', onBug('unhandled promise rejection'));

  running.app = await createApp(config, { logger, role: 'server' });
  running.server = await startHttpServer(running.app);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      logger.info({ signal }, 'shutting down');
      void stop(0);
    });
  }
}

main().catch((err: unknown) => {
  console.error('server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
