import {
  AgendaScheduler,
  ConfigError,
  createAgenda,
  createApp,
  createLogger,
  loadConfig,
  type App,
  type AppConfig,
  type Logger,
} from '@machi/server';
import { jobModules } from './registry.js';
import { startJobRunner, type JobRunner } from './runner.js';

/** Within the usual 30 s a process manager waits after SIGTERM before it kills. */
const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config, 'jobs');
  // What reaches these is a bug outside any job (a job's own failure is Agenda's to record): log it
  // once and stop; the jobs' locks expire and other workers (or this one, restarted) take over.
  const onBug = (what: string) => (err: unknown) => {
    logger.fatal({ err }, `${what}: stopping the job runner`);
    logger.flush();
    process.exit(70); // EX_SOFTWARE
  };
  process.on('uncaughtException', onBug('uncaught exception'));
  process.on('unhandledRejection', onBug('unhandled promise rejection'));
  const app = await createApp(config, { logger, role: 'jobs' });
  const runner = await startRunner(config, logger, app).catch(async (err: unknown) => {
    logger.fatal({ err }, 'job runner could not start');
    await app.close().catch(() => undefined);
    process.exit(1);
  });
  onShutdownSignal(logger, async () => {
    let failed = false;
    try {
      await runner.stop({ graceMs: SHUTDOWN_GRACE_MS });
    } catch (err) {
      failed = true;
      logger.error({ err }, 'stopping the job runner failed');
    }
    try {
      await app.close();
    } catch (err) {
      failed = true;
      logger.error({ err }, 'closing the app failed');
    }
    return failed ? 1 : 0;
  });
}

async function startRunner(config: AppConfig, logger: Logger, app: App): Promise<JobRunner> {
  const agenda = await createAgenda(config, { processing: true, logger });
  const runner = await startJobRunner({
    agenda,
    scheduler: new AgendaScheduler(agenda),
    modules: jobModules,
    context: { app },
    logger,
  });
  logger.info({ jobStore: agenda.storeKind, worker: agenda.workerName, jobs: runner.jobNames }, 'job runner started');
  return runner;
}

function onShutdownSignal(logger: Logger, shutdown: () => Promise<number>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for running jobs');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: no new jobs; running ones get a grace period');
    void shutdown().then((code) => {
      logger.info('job runner stopped');
      logger.flush();
      // a run that outlived the grace period was released to other workers; do not wait for it
      process.exit(code);
    });
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
