import type { Logger } from '../logging/logger.js';
import type { JobData, JobName, Scheduler } from './scheduler.js';

/**
 * Background work as a feature module declares it (its manifest's `jobs`); the job runner in
 * jobs/ registers every module's definitions with Agenda and runs their reconcilers.
 */

/** A handler's or reconciler's context: a scoped logger and the scheduler (plus the runner's own, Ctx). */
export type JobContext<Ctx = object> = Ctx & {
  readonly logger: Logger;
  readonly scheduler: Scheduler;
};

/** One execution of a job. */
export interface JobRun<Data extends JobData = JobData> {
  readonly id: string;
  /** Ids only; the handler re-reads everything else from PostgreSQL. */
  readonly data: Data;
  /** Extends the lock of a long-running job so no other worker takes it over. */
  touch(): Promise<void>;
}

export interface JobDefinition<Ctx = object, Data extends JobData = JobData> {
  readonly name: JobName;
  /** Calls one feature service; no domain logic here. Must be idempotent. */
  run(job: JobRun<Data>, ctx: JobContext<Ctx>): Promise<void>;
  /** Runs of this job at the same time in one worker (Agenda's default is 5). */
  readonly concurrency?: number;
  /** How long a run may go without touch() before another worker may take it (default 10 min). */
  readonly lockLifetimeMs?: number;
  /** Retries of a failed one-off run, with exponential backoff. Not for recurring jobs. */
  readonly retry?: { readonly attempts: number; readonly firstDelayMs: number };
}

/**
 * A feature's jobs. `reconcile` re-creates, from PostgreSQL, jobs the job store may have lost; it
 * runs at start and every 5 minutes (`system.reconcile`) and must be cheap and idempotent.
 */
export interface JobModule<Ctx = object> {
  readonly feature: string;
  readonly jobs: readonly JobDefinition<Ctx>[];
  reconcile?(ctx: JobContext<Ctx>): Promise<void>;
}
