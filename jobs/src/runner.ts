import { exponential, type Job } from 'agenda';
import type { AgendaHandle, JobData, Logger, Scheduler } from '@machi/server';
import type { AppJobContext, JobContext, JobDefinition, JobModule } from './job-module.js';
import { reconcileModules } from './reconcile.js';

const JOB_NAME = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

export interface JobRunnerOptions<Ctx> {
  /** From createAgenda(config, { processing: true }); the runner starts it and closes it. */
  readonly agenda: AgendaHandle;
  /** The scheduler handed to handlers and reconcilers. */
  readonly scheduler: Scheduler;
  readonly modules: readonly JobModule<Ctx>[];
  readonly context: Ctx;
  readonly logger: Logger;
}

export interface JobRunner {
  readonly jobNames: readonly string[];
  /** Runs every module's reconciler once; throws if any failed (after running all). */
  reconcile(): Promise<void>;
  /**
   * Stops taking jobs, waits up to `graceMs` for running ones, releases the rest to other
   * workers and closes the job store connections.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** Defines every module's jobs on a processing Agenda, starts it, then reconciles once. */
export async function startJobRunner<Ctx = AppJobContext>(options: JobRunnerOptions<Ctx>): Promise<JobRunner> {
  const { agenda, scheduler, modules, context, logger } = options;
  const definitions = modules.flatMap((module) => module.jobs);
  try {
    assertUniqueValidNames(definitions);
    for (const definition of definitions) {
      define(agenda, definition, { ...context, scheduler, logger: logger.child({ job: definition.name }) });
    }
    await agenda.start();
  } catch (err) {
    await agenda.close().catch(() => undefined);
    throw err;
  }

  const reconcile = () => reconcileModules(modules, { ...context, scheduler, logger });
  try {
    await reconcile();
  } catch (err) {
    // not fatal: system.reconcile tries again every 5 minutes, and other workers reconcile too
    logger.error({ err }, 'reconcile at start failed');
  }

  return {
    jobNames: definitions.map((d) => d.name),
    reconcile,
    stop: (stopOptions = {}) => agenda.close({ graceMs: stopOptions.graceMs ?? 0 }),
  };
}

function define<Ctx>(agenda: AgendaHandle, definition: JobDefinition<Ctx>, ctx: JobContext<Ctx>): void {
  agenda.agenda.define(
    definition.name,
    async (job: Job<JobData>) => {
      const id = job.attrs._id?.toString() ?? '';
      const logger = ctx.logger.child({ jobId: id });
      const startedAt = performance.now();
      try {
        await definition.run({ id, data: job.attrs.data ?? {}, touch: () => job.touch() }, { ...ctx, logger });
        logger.info({ ms: Math.round(performance.now() - startedAt) }, 'job done');
      } catch (err) {
        logger.error({ err, ms: Math.round(performance.now() - startedAt) }, 'job failed');
        throw err;
      }
    },
    {
      concurrency: definition.concurrency,
      lockLifetime: definition.lockLifetimeMs,
      backoff: definition.retry
        ? exponential({ delay: definition.retry.firstDelayMs, maxRetries: definition.retry.attempts, jitter: 0.1 })
        : undefined,
    },
  );
}

function assertUniqueValidNames<Ctx>(definitions: readonly JobDefinition<Ctx>[]): void {
  const seen = new Set<string>();
  for (const { name } of definitions) {
    if (!JOB_NAME.test(name)) throw new Error(`job name "${name}" must be <feature>.<verb>`);
    if (seen.has(name)) throw new Error(`job "${name}" is defined by two modules`);
    seen.add(name);
  }
}
