/**
 * Shared by the job runner's integration tests. They run against a real PostgreSQL (Agenda's
 * PostgreSQL backend, as in CI); TEST_DATABASE_URL names a server and a database on it from which
 * each test file creates, and afterwards drops, a database of its own.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { AgendaScheduler, createAgenda, type AgendaHandle, type JobName, type Scheduler } from '@machi/server';
import type { JobModule } from '../src/job-module.js';
import { startJobRunner, type JobRunner } from '../src/runner.js';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

function maintenanceUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. These tests need a PostgreSQL server where they may create databases, ' +
        'e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (npm test starts a throwaway one).',
    );
  }
  return url;
}

export interface TestDatabase {
  readonly url: string;
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = maintenanceUrl();
  const name = `machi_jobs_test_${randomBytes(5).toString('hex')}`;
  await withClient(base, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: (sql, params) => withClient(url.toString(), async (c) => (await c.query(sql, params)).rows),
    drop: () => withClient(base, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
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

/** Agenda on the test database as the server opens it (enqueue only) or as the runner does. */
export function openAgenda(db: TestDatabase, options: { processing: boolean; processEveryMs?: number }): Promise<AgendaHandle> {
  return createAgenda(
    { jobStore: 'postgres', DATABASE_URL: db.url, MONGODB_URL: undefined },
    { processing: options.processing, logger, processEveryMs: options.processEveryMs ?? 200 },
  );
}

export async function openServerScheduler(db: TestDatabase): Promise<Scheduler> {
  return new AgendaScheduler(await openAgenda(db, { processing: false }));
}

export async function startRunner<Ctx>(
  db: TestDatabase,
  modules: readonly JobModule<Ctx>[],
  context: Ctx,
  options: { processEveryMs?: number } = {},
): Promise<JobRunner & { agenda: AgendaHandle; scheduler: Scheduler }> {
  const agenda = await openAgenda(db, { processing: true, ...options });
  const scheduler = new AgendaScheduler(agenda);
  const runner = await startJobRunner({ agenda, scheduler, modules, context, logger });
  return Object.assign(runner, { agenda, scheduler });
}

/** Test-only job names live outside the production JobName union. */
export const testJobName = (name: `test.${string}`): JobName => name as JobName;

export interface JobRow {
  id: string;
  name: string;
  data: Record<string, unknown>;
  type: 'normal' | 'single';
  next_run_at: Date | null;
  locked_at: Date | null;
  last_finished_at: Date | null;
  repeat_interval: string | null;
  repeat_timezone: string | null;
  last_modified_by: string | null;
}

export function jobRows(db: TestDatabase, name?: string): Promise<JobRow[]> {
  return name
    ? db.query<JobRow>('SELECT * FROM agenda.jobs WHERE name = $1 ORDER BY created_at', [name])
    : db.query<JobRow>('SELECT * FROM agenda.jobs ORDER BY created_at');
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
