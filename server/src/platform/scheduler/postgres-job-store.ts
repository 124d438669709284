import { PostgresBackend } from '@agendajs/postgres-backend';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { JobStore } from './job-store.js';

/**
 * Agenda on PostgreSQL (the embedded default and CI). Its tables live in their own schema
 * (`agenda.jobs`, `agenda.logs`) so they never mix with the MikroORM tables; the MikroORM schema
 * generator must ignore that schema (schemaGenerator.ignoreSchema), or a migration diff would
 * drop them.
 */
export const AGENDA_PG_SCHEMA = 'agenda';

export interface PostgresJobStoreOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly applicationName: string;
  readonly logger: Logger;
}

export async function openPostgresJobStore(options: PostgresJobStoreOptions): Promise<JobStore> {
  const { logger } = options;
  const schema = AGENDA_PG_SCHEMA;
  const pool = new Pool({
    connectionString: options.url,
    // schema creation holds one connection for the advisory lock while the backend uses another
    max: Math.max(2, options.poolMax),
    connectionTimeoutMillis: 10_000,
    application_name: options.applicationName,
    // The backend writes unqualified table names: resolve them in our schema only. (Behind
    // PgBouncer this startup parameter needs `ignore_startup_parameters = options` or a version
    // that passes it on; LISTEN/NOTIFY and the advisory lock need session pooling anyway.)
    options: `-c search_path=${schema}`,
  });
  let closing = false;
  // Without a listener an idle connection dropped by the server would crash the process.
  // (pg-pool hangs the whole client on err.client: log the message, not the error object.)
  pool.on('error', (err: Error & { code?: string }) => {
    if (!closing) logger.warn({ reason: err.message, code: err.code }, 'job store: idle PostgreSQL connection failed');
  });

  const backend = new PostgresBackend({
    pool,
    tableName: 'jobs',
    logTableName: 'logs',
    ensureSchema: true,
  });
  backend.notificationChannel?.on('error', (err: Error) => {
    if (!closing) {
      logger.warn({ reason: err.message }, 'job store: LISTEN/NOTIFY channel error (polling until it reconnects)');
    }
  });

  try {
    await withSchemaLock(pool, schema, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      // The backend's connect runs CREATE TABLE/INDEX IF NOT EXISTS, column migrations and
      // DROP/CREATE TRIGGER. Run concurrently from two processes those statements fail
      // (duplicate pg_type entries, "tuple concurrently updated", "trigger already exists"),
      // so every process that opens the store does it under one advisory lock.
      await backend.connect();
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  return {
    kind: 'postgres',
    backend,
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      closing = true;
      await backend.disconnect(); // leaves a pool it was given open
      await pool.end();
    },
  };
}

async function withSchemaLock(pool: Pool, schema: string, fn: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  const key = `machi.agenda-schema.${schema}`;
  let failure: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    try {
      await fn(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    // a connection that failed mid-way is discarded, which also drops any advisory lock it held
    client.release(failure);
  }
}
