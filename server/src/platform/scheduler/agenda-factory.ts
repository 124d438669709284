import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Agenda, type AgendaBackend, type JobRepository, type JobWithId } from 'agenda';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/config.js';
import type { JobStore, JobStoreKind } from './job-store.js';
import { openMongoJobStore } from './mongo-job-store.js';
import { openPostgresJobStore } from './postgres-job-store.js';

export type JobStoreConfig = Pick<AppConfig, 'jobStore' | 'DATABASE_URL' | 'MONGODB_URL'>;

export interface CreateAgendaOptions {
  /** true in the job runner (locks and runs jobs); false in the server (enqueues only). */
  readonly processing: boolean;
  readonly logger: Logger;
  /**
   * How often a processing instance looks for due jobs. A job saved by any process also wakes it at
   * once: a NOTIFY on PostgreSQL, a change stream on a MongoDB replica set.
   */
  readonly processEveryMs?: number;
}

const DEFAULT_PROCESS_EVERY_MS = 5_000;
const DEFAULT_LOCK_LIFETIME_MS = 10 * 60_000;
const DEFAULT_PING_TIMEOUT_MS = 3_000;

/**
 * Opens the job store the config names (MongoDB when MONGODB_URL is set, otherwise PostgreSQL on
 * DATABASE_URL) and builds an Agenda on it. The server and the job runner share this; only the
 * runner passes `processing: true` and calls `start()`.
 */
export async function createAgenda(config: JobStoreConfig, options: CreateAgendaOptions): Promise<AgendaHandle> {
  const role = options.processing ? 'jobs' : 'server';
  // unique per process (and per instance, for tests running several in one process): it is
  // written as lastModifiedBy on the jobs this instance locks
  const workerName = `${role}@${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const store = await openJobStore(config, options, workerName);

  let closing = false;
  const agenda = new Agenda({
    backend: alreadyConnected(
      store.backend,
      stopLockingWhen(store.backend.repository, () => closing),
    ),
    name: workerName,
    processEvery: options.processEveryMs ?? DEFAULT_PROCESS_EVERY_MS,
    defaultLockLifetime: DEFAULT_LOCK_LIFETIME_MS,
    // AgendaHandle deletes finished one-off jobs itself, so that close() can wait for it
    removeOnComplete: false,
  });
  agenda.on('error', (err) => options.logger.error({ err }, 'agenda error'));
  await agenda.ready;

  // On PostgreSQL enqueue-only instances publish NOTIFY on save so idle workers wake at once
  // instead of at their next poll; a processing instance connects the channel in start(). (On
  // MongoDB only workers have a channel: their change stream sees every save.)
  if (!options.processing && store.backend.notificationChannel) {
    try {
      await store.backend.notificationChannel.connect();
    } catch (err) {
      options.logger.warn({ err }, 'job store: no LISTEN/NOTIFY channel; workers will find new jobs by polling');
    }
  }

  return new AgendaHandle(agenda, store, {
    processing: options.processing,
    workerName,
    logger: options.logger,
    markClosing: () => {
      closing = true;
    },
  });
}

/**
 * An Agenda together with the store connections behind it, so both can be closed properly:
 * Agenda's own stop() neither closes a store it did not open nor releases jobs that are running.
 */
export class AgendaHandle {
  readonly workerName: string;
  private readonly running = new Map<string, JobWithId>();
  private readonly succeeded = new Set<string>();
  /** Handed back to other workers at close; whatever this process still does with them is moot. */
  private readonly released = new Set<string>();
  private readonly removals = new Set<Promise<unknown>>();
  private readonly idleWaiters = new Set<() => void>();
  private started = false;
  private closed?: Promise<void>;

  constructor(
    readonly agenda: Agenda,
    private readonly store: JobStore,
    private readonly opts: {
      readonly processing: boolean;
      readonly workerName: string;
      readonly logger: Logger;
      readonly markClosing: () => void;
    },
  ) {
    this.workerName = opts.workerName;
  }

  get storeKind(): JobStoreKind {
    return this.store.kind;
  }

  get processing(): boolean {
    return this.opts.processing;
  }

  /** Starts locking and running jobs. Define every job first. */
  async start(): Promise<void> {
    if (!this.opts.processing) {
      throw new Error('this Agenda was created with processing: false; it only enqueues');
    }
    if (this.closed) throw new Error('this Agenda has been closed');
    if (this.started) return;
    this.started = true;
    // remote=true marks another worker's job, relayed over LISTEN/NOTIFY
    this.agenda.on('start', (job: JobWithId, remote?: boolean) => {
      if (!remote) this.running.set(job.attrs._id.toString(), job);
    });
    this.agenda.on('success', (job: JobWithId, remote?: boolean) => {
      if (!remote) this.succeeded.add(job.attrs._id.toString());
    });
    this.agenda.on('complete', (job: JobWithId, remote?: boolean) => {
      if (remote) return;
      const id = job.attrs._id.toString();
      if (this.released.has(id)) return;
      // PostgreSQL is the truth, not the job store: a one-off job that succeeded is deleted;
      // failed ones stay for inspection, recurring ones have a next run
      if (this.succeeded.delete(id) && !job.attrs.nextRunAt) this.removeFinished(id);
      this.running.delete(id);
      if (this.running.size === 0) for (const wake of this.idleWaiters) wake();
    });
    await this.agenda.start();
  }

  /** Jobs this instance is running right now. */
  get runningJobCount(): number {
    return this.running.size;
  }

  async ping(timeoutMs = DEFAULT_PING_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`job store (${this.store.kind}) did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.store.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops taking jobs, lets running ones finish for up to `graceMs`, then releases the ones still
   * running so another worker runs them again (jobs are idempotent), and closes the store.
   * Safe to call more than once.
   */
  close(options: { graceMs?: number } = {}): Promise<void> {
    this.closed ??= this.doClose(options.graceMs ?? 0);
    return this.closed;
  }

  private async doClose(graceMs: number): Promise<void> {
    this.opts.markClosing();
    if (this.started) {
      // stops polling and unlocks the jobs this instance locked but has not started; running
      // jobs keep their locks (Agenda 6 leaves them to expire), which we deal with below
      await this.agenda.stop(false);
      await this.waitUntilIdle(graceMs);
      await this.releaseRunningJobs();
      await Promise.allSettled(this.removals);
    } else {
      await this.store.backend.notificationChannel?.disconnect();
    }
    await this.store.close();
  }

  private removeFinished(id: string): void {
    const removal = this.agenda
      .cancel({ id })
      .catch((err: unknown) => this.opts.logger.warn({ err, jobId: id }, 'could not delete a finished job'))
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  private async waitUntilIdle(graceMs: number): Promise<void> {
    if (this.running.size === 0 || graceMs <= 0) return;
    this.opts.logger.info({ running: this.running.size, graceMs }, 'waiting for running jobs to finish');
    let timer: NodeJS.Timeout | undefined;
    let wake: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      wake = resolve;
      this.idleWaiters.add(resolve);
      timer = setTimeout(resolve, graceMs);
    });
    clearTimeout(timer);
    if (wake) this.idleWaiters.delete(wake);
  }

  private async releaseRunningJobs(): Promise<void> {
    const now = new Date();
    for (const job of this.running.values()) {
      const ref = { job: job.attrs.name, jobId: job.attrs._id };
      this.released.add(job.attrs._id.toString());
      try {
        // a running one-off job already has nextRunAt = null; clearing only the lock would lose it
        await this.agenda.db.saveJobState({ ...job.attrs, lockedAt: undefined, nextRunAt: now }, { lastModifiedBy: this.workerName });
        this.opts.logger.warn(ref, 'released a job still running at shutdown; another worker will run it again');
      } catch (err) {
        // it finished (and was deleted) or was cancelled at this very moment: nothing to release
        this.opts.logger.info({ ...ref, err }, 'a job running at shutdown was gone when releasing it');
      }
    }
    this.running.clear();
  }
}

async function openJobStore(config: JobStoreConfig, options: CreateAgendaOptions, workerName: string): Promise<JobStore> {
  switch (config.jobStore) {
    case 'mongodb':
      if (!config.MONGODB_URL) throw new Error('jobStore is mongodb but MONGODB_URL is not set');
      return openMongoJobStore({
        url: config.MONGODB_URL,
        applicationName: workerName,
        watchJobs: options.processing,
        logger: options.logger,
      });
    case 'postgres':
      return openPostgresJobStore({
        url: config.DATABASE_URL,
        poolMax: options.processing ? 10 : 4,
        applicationName: `agenda ${workerName}`.slice(0, 63),
        logger: options.logger,
      });
  }
}

/** The store connected the backend and closes it; Agenda must do neither. */
function alreadyConnected(backend: AgendaBackend, repository: JobRepository): AgendaBackend {
  return {
    name: backend.name,
    repository,
    notificationChannel: backend.notificationChannel,
    logger: backend.logger,
    ownsConnection: false,
    connect: async () => undefined,
    disconnect: async () => undefined,
  };
}

/**
 * Agenda's stop() does not stop a queue fill already in flight, and that fill keeps locking due
 * jobs that nobody will then run until their lock expires. Once closing, hand out no more jobs,
 * and put back one locked just as closing began.
 */
function stopLockingWhen(repository: JobRepository, closing: () => boolean): JobRepository {
  const guarded: Pick<JobRepository, 'getNextJobToRun' | 'lockJob'> = {
    async getNextJobToRun(...args) {
      if (closing()) return undefined;
      const job = await repository.getNextJobToRun(...args);
      if (job && closing()) {
        await repository.unlockJob(job);
        return undefined;
      }
      return job;
    },
    async lockJob(...args) {
      if (closing()) return undefined;
      const job = await repository.lockJob(...args);
      if (job && closing()) {
        await repository.unlockJob(job);
        return undefined;
      }
      return job;
    },
  };
  return new Proxy(repository, {
    get(target, property, receiver) {
      if (property === 'getNextJobToRun' || property === 'lockJob') return guarded[property];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
