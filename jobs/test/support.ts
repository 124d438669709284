/**
 * Shared by the job runner's integration tests. Every suite runs once per job store
 * (describeOnEachJobStore): Agenda's PostgreSQL backend on TEST_DATABASE_URL (the embedded default)
 * and its MongoDB backend on TEST_MONGODB_URL (production; here the mongo-wire test server that
 * scripts/test-mongo.sh starts, docs/adr/0009). Each test works in a job store of its own: a
 * database it creates on that server and drops afterwards.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Document } from 'mongodb';
import pg from 'pg';
import { pino } from 'pino';
import { describe } from 'vitest';
import { AgendaScheduler, createAgenda, type AgendaHandle, type JobName, type Logger, type Scheduler } from '@machi/server';
import type { JobModule } from '../src/job-module.js';
import { startJobRunner, type JobRunner } from '../src/runner.js';
import { JOB_STORES, unavailableReason, type JobStoreConfig, type JobStoreKind } from './job-stores.js';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Declares the suite once per job store, `%s` in the title naming the store. Without
 * TEST_MONGODB_URL the MongoDB suite is declared skipped, with the reason in its title (and
 * test/global-setup.ts says so at the start of the run), rather than quietly left out.
 */
export function describeOnEachJobStore(title: string, body: (kind: JobStoreKind) => void): void {
  for (const { kind, label } of JOB_STORES) {
    const named = title.replace('%s', label);
    const skipped = unavailableReason(kind);
    if (skipped) describe.skip(`${named} (skipped: ${skipped})`, () => body(kind));
    else describe(named, () => body(kind));
  }
}

/** A job as either backend stores it, in Agenda's terms; absent fields are null. */
export interface JobRow {
  id: string;
  name: string;
  data: Record<string, unknown> | null;
  type: 'normal' | 'single';
  nextRunAt: Date | null;
  lockedAt: Date | null;
  lastFinishedAt: Date | null;
  repeatInterval: string | null;
  repeatTimezone: string | null;
  lastModifiedBy: string | null;
}

/** A throwaway job store: where createAgenda should open it, and a look behind Agenda's back. */
export interface TestJobStore {
  readonly kind: JobStoreKind;
  readonly config: JobStoreConfig;
  /** Whether a saved job wakes idle workers: NOTIFY on PostgreSQL, a change stream on a MongoDB replica set. */
  readonly wakesWorkers: boolean;
  /** The stored jobs (of one name), oldest first. */
  jobs(name?: string): Promise<JobRow[]>;
  /** Moves the next run of the jobs of this name, as the passing of time would. */
  setNextRunAt(name: string, when: Date): Promise<void>;
  /** The tables (schema.table) or collections the store holds. */
  containers(): Promise<string[]>;
  drop(): Promise<void>;
}

export function createTestJobStore(kind: JobStoreKind): Promise<TestJobStore> {
  switch (kind) {
    case 'postgres':
      return createPostgresJobStore();
    case 'mongodb':
      return createMongoJobStore();
  }
}

/** Where nothing listens: opening a store there must fail with the cause. */
export function unreachableConfig(kind: JobStoreKind): JobStoreConfig {
  switch (kind) {
    case 'postgres':
      return { jobStore: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', MONGODB_URL: undefined };
    case 'mongodb':
      return {
        jobStore: 'mongodb',
        DATABASE_URL: 'postgres://unused',
        MONGODB_URL: 'mongodb://127.0.0.1:1/nowhere?serverSelectionTimeoutMS=500',
      };
  }
}

const testDatabaseName = () => `machi_jobs_test_${randomBytes(5).toString('hex')}`;

function requiredEnv(name: 'TEST_DATABASE_URL' | 'TEST_MONGODB_URL', example: string): string {
  const url = process.env[name];
  if (!url) {
    throw new Error(`${name} is not set. These tests need a server where they may create databases, e.g. ${name}=${example}.`);
  }
  return url;
}

async function createPostgresJobStore(): Promise<TestJobStore> {
  const base = requiredEnv('TEST_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres (npm test starts a throwaway one)');
  const name = testDatabaseName();
  await withClient(base, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  const query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) =>
    withClient(url.toString(), async (c) => (await c.query<R>(sql, params)).rows);
  return {
    kind: 'postgres',
    config: { jobStore: 'postgres', DATABASE_URL: url.toString(), MONGODB_URL: undefined },
    wakesWorkers: true,
    async jobs(jobName) {
      const rows = jobName
        ? await query<PostgresJobRow>('SELECT * FROM agenda.jobs WHERE name = $1 ORDER BY created_at', [jobName])
        : await query<PostgresJobRow>('SELECT * FROM agenda.jobs ORDER BY created_at');
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        data: r.data,
        type: r.type,
        nextRunAt: r.next_run_at,
        lockedAt: r.locked_at,
        lastFinishedAt: r.last_finished_at,
        repeatInterval: r.repeat_interval,
        repeatTimezone: r.repeat_timezone,
        lastModifiedBy: r.last_modified_by,
      }));
    },
    async setNextRunAt(jobName, when) {
      await query('UPDATE agenda.jobs SET next_run_at = $1 WHERE name = $2', [when, jobName]);
    },
    async containers() {
      const tables = await query<{ name: string }>(
        `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
      );
      return tables.map((t) => t.name);
    },
    async drop() {
      await withClient(base, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

interface PostgresJobRow {
  id: string;
  name: string;
  data: Record<string, unknown> | null;
  type: 'normal' | 'single';
  next_run_at: Date | null;
  locked_at: Date | null;
  last_finished_at: Date | null;
  repeat_interval: string | null;
  repeat_timezone: string | null;
  last_modified_by: string | null;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The collection the MongoDB job store keeps Agenda's jobs in (server/src/platform/scheduler/mongo-job-store.ts). */
const MONGO_JOBS_COLLECTION = 'agendaJobs';

async function createMongoJobStore(): Promise<TestJobStore> {
  const url = new URL(requiredEnv('TEST_MONGODB_URL', 'mongodb://127.0.0.1:27017/test (see scripts/test-mongo.sh)'));
  url.pathname = `/${testDatabaseName()}`;
  const client = new MongoClient(url.toString(), { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  const db = client.db();
  const jobs = db.collection(MONGO_JOBS_COLLECTION);
  const hello = await db.command({ hello: 1 }).catch(async (err: unknown) => {
    await client.close();
    throw err;
  });
  const orDate = (value: unknown) => (value instanceof Date ? value : null);
  const orString = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    kind: 'mongodb',
    config: { jobStore: 'mongodb', DATABASE_URL: 'postgres://unused', MONGODB_URL: url.toString() },
    // change streams need a replica set or a sharded cluster (and mongo-wire is neither)
    wakesWorkers: typeof hello.setName === 'string' || hello.msg === 'isdbgrid',
    async jobs(jobName) {
      const docs = await jobs.find(jobName ? { name: jobName } : {}).toArray();
      // ObjectIds start with their creation time
      docs.sort((a, b) => String(a._id).localeCompare(String(b._id)));
      return docs.map((d: Document) => ({
        id: String(d._id),
        name: String(d.name),
        data: (d.data as Record<string, unknown> | null | undefined) ?? null,
        type: d.type as JobRow['type'],
        nextRunAt: orDate(d.nextRunAt),
        lockedAt: orDate(d.lockedAt),
        lastFinishedAt: orDate(d.lastFinishedAt),
        repeatInterval: orString(d.repeatInterval),
        repeatTimezone: orString(d.repeatTimezone),
        lastModifiedBy: orString(d.lastModifiedBy),
      }));
    },
    async setNextRunAt(jobName, when) {
      await jobs.updateMany({ name: jobName }, { $set: { nextRunAt: when } });
    },
    async containers() {
      const collections = await db.listCollections({}, { nameOnly: true }).toArray();
      return collections.map((c) => c.name).sort();
    },
    async drop() {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

/** Agenda on the test job store as the server opens it (enqueue only) or as the runner does. */
export function openAgenda(
  store: TestJobStore,
  options: { processing: boolean; processEveryMs?: number; logger?: Logger },
): Promise<AgendaHandle> {
  return createAgenda(store.config, {
    processing: options.processing,
    logger: options.logger ?? logger,
    processEveryMs: options.processEveryMs ?? 200,
  });
}

export async function openServerScheduler(store: TestJobStore): Promise<Scheduler> {
  return new AgendaScheduler(await openAgenda(store, { processing: false }));
}

export async function startRunner<Ctx>(
  store: TestJobStore,
  modules: readonly JobModule<Ctx>[],
  context: Ctx,
  options: { processEveryMs?: number; logger?: Logger } = {},
): Promise<JobRunner & { agenda: AgendaHandle; scheduler: Scheduler }> {
  const agenda = await openAgenda(store, { processing: true, ...options });
  const scheduler = new AgendaScheduler(agenda);
  const runner = await startJobRunner({ agenda, scheduler, modules, context, logger: options.logger ?? logger });
  return Object.assign(runner, { agenda, scheduler });
}

/** Test-only job names, in a feature of their own. */
export const testJobName = (name: `test.${string}`): JobName => name;

/** A logger that keeps the messages of `level` and above. */
export function recordingLogger(level: 'warn' | 'error'): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  const write = (line: string) => messages.push(String((JSON.parse(line) as { msg?: unknown }).msg));
  return { logger: pino({ level }, { write }), messages };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
