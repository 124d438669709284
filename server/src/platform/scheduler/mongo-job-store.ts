import { MongoBackend, MongoChangeStreamNotificationChannel } from '@agendajs/mongo-backend';
import type { AgendaBackend, JobRepository, NotificationChannel } from 'agenda';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import type { Logger } from 'pino';
import type { JobStore } from './job-store.js';

/** Agenda on MongoDB (production, a replica set). Jobs live in the URL's database. */
const COLLECTION = 'agendaJobs';

/** Used unless MONGODB_URL sets serverSelectionTimeoutMS itself. */
const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 10_000;
/** A change stream that failed is opened again this long after (workers poll meanwhile). */
const CHANGE_STREAM_RETRY_MS = 5_000;
const CHANGE_STREAM_WARN_EVERY_MS = 60_000;

export interface MongoJobStoreOptions {
  readonly url: string;
  readonly applicationName: string;
  /**
   * Watch the jobs collection (a change stream) so that a job saved by any process wakes this one
   * at once, as NOTIFY does on PostgreSQL. For processing instances; needs a replica set.
   */
  readonly watchJobs: boolean;
  readonly logger: Logger;
}

export async function openMongoJobStore(options: MongoJobStoreOptions): Promise<JobStore> {
  const { logger } = options;
  const client = new MongoClient(options.url, {
    appName: options.applicationName,
    // options given here override the URL's; let an operator's choice in MONGODB_URL stand
    ...(urlSetsOption(options.url, 'serverSelectionTimeoutMS') ? {} : { serverSelectionTimeoutMS: DEFAULT_SERVER_SELECTION_TIMEOUT_MS }),
  });
  await client.connect();
  const db = client.db();
  const mongo = new MongoBackend({ mongo: db, collection: COLLECTION });
  let closing = false;
  let notificationChannel: NotificationChannel | undefined;
  try {
    await mongo.connect();
    // every() upserts the one recurring job of a name; without a unique index two processes
    // doing that at the same moment could insert it twice and it would then run twice.
    await db
      .collection(COLLECTION)
      .createIndex({ name: 1 }, { name: 'singleJobNameUnique', unique: true, partialFilterExpression: { type: 'single' } });
    if (options.watchJobs) {
      if (await hasChangeStreams(db)) {
        notificationChannel = watchJobs(db, logger, () => closing);
      } else {
        logger.warn('job store: MongoDB is not a replica set, so it has no change streams; workers find new jobs by polling');
      }
    }
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }

  const backend: AgendaBackend = {
    name: mongo.name,
    repository: retryingConcurrentUpserts(mongo.repository),
    notificationChannel,
    logger: mongo.logger,
    ownsConnection: false,
    connect: () => mongo.connect(),
    disconnect: () => mongo.disconnect(),
  };

  return {
    kind: 'mongodb',
    backend,
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      closing = true;
      await mongo.disconnect(); // leaves a client it was given open
      await client.close();
    },
  };
}

/** MongoDB URI options are case-insensitive. */
function urlSetsOption(url: string, option: string): boolean {
  const query = url.split('?')[1] ?? '';
  return [...new URLSearchParams(query).keys()].some((key) => key.toLowerCase() === option.toLowerCase());
}

/** Change streams exist on replica sets and sharded clusters, not on a standalone server. */
async function hasChangeStreams(db: Db): Promise<boolean> {
  const hello = await db.command({ hello: 1 });
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

function watchJobs(db: Db, logger: Logger, closing: () => boolean): NotificationChannel {
  // Agenda's channel reconnects after every failure, each time after initialDelayMs (it resets its
  // backoff when it reconnects), so the delay is the rate at which a broken stream is retried.
  const channel = new MongoChangeStreamNotificationChannel({
    db,
    collection: COLLECTION,
    reconnect: { enabled: true, initialDelayMs: CHANGE_STREAM_RETRY_MS, maxDelayMs: CHANGE_STREAM_RETRY_MS },
  });
  // Without a listener a failing stream would crash the process; one line a minute is enough.
  let warnedAt = -Infinity;
  channel.on('error', (err: Error) => {
    if (closing() || Date.now() - warnedAt < CHANGE_STREAM_WARN_EVERY_MS) return;
    warnedAt = Date.now();
    logger.warn({ reason: err.message }, 'job store: MongoDB change stream failed (polling until it reopens)');
  });
  return channel;
}

/**
 * every() saves a recurring job as an upsert on { name, type: 'single' }. When two processes do
 * that at once on a store without that job, both insert and the unique index refuses one of
 * them (E11000: MongoDB retries an upsert itself only when its filter is exactly the index's key).
 * Saving once more finds the job the other process inserted and updates it.
 */
export function retryingConcurrentUpserts(repository: JobRepository): JobRepository {
  const saveJob: JobRepository['saveJob'] = async (job, saveOptions) => {
    try {
      return await repository.saveJob(job, saveOptions);
    } catch (err) {
      if (job.type !== 'single' || job._id || !(err instanceof MongoServerError) || err.code !== 11000) throw err;
      return repository.saveJob(job, saveOptions);
    }
  };
  return new Proxy(repository, {
    get(target, property, receiver) {
      if (property === 'saveJob') return saveJob;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
