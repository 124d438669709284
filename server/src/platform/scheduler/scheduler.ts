/**
 * The port through which the server (and job handlers) enqueue background work. The job runner in
 * jobs/ executes it. Jobs carry ids only: PostgreSQL holds the truth, a handler re-reads what it
 * needs and must be idempotent, because a job can run twice (a crash, a released lock, a
 * reconciler re-enqueueing it).
 */

/** `<feature>.<verb>`, e.g. `delivery.sendBatch`; each module declares its own in its manifest's jobs. */
export type JobName = `${string}.${string}`;

/** Ids (and small scalars such as a page number) only; never personal data or whole records. */
export type JobData = Readonly<Record<string, string | number | boolean>>;

export interface Scheduler {
  /** Runs the job as soon as a worker is free. */
  now(name: JobName, data?: JobData): Promise<void>;
  /** Runs the job once at `when`. */
  schedule(when: Date, name: JobName, data?: JobData): Promise<void>;
  /**
   * Runs the job repeatedly: a cron expression ('30 3 * * *') or a human interval ('5 minutes').
   * There is one recurring schedule per job name: calling it again updates that schedule in place,
   * so it is safe to call on every start and from reconcilers.
   */
  every(interval: string, name: JobName, data?: JobData, opts?: { timezone?: string }): Promise<void>;
  /** Removes queued and recurring jobs with this name (and, if given, data containing `data`). */
  cancel(name: JobName, data?: JobData): Promise<number>;
  /** A cheap round trip to the job store; throws when it is unreachable (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
