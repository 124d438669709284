import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function maintenanceUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('TEST_DATABASE_URL is not set (run the suite with `npm test`)');
  return url;
}

/** Creates an empty UTF-8 database for one test file and returns its URL. */
export async function createTestDatabase(prefix = 'machi_t'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: maintenanceUrl() });
  await admin.connect();
  await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  const url = new URL(maintenanceUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: maintenanceUrl() });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** Runs one query on a database directly (to inspect raw rows or tamper with them). */
export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * Makes PostgreSQL refuse the audit events of one action whose summary mentions `marker`, until
 * the returned function is called: a mutation then fails after its own writes, at its audit event,
 * and whatever it wrote must be rolled back with it.
 */
export async function refuseAuditEvents(url: string, action: string, marker: string): Promise<() => Promise<void>> {
  const name = `refuse_audit_${Math.random().toString(36).slice(2, 10)}`;
  await sql(
    url,
    `create function ${name}() returns trigger language plpgsql as $$
     begin
       if new.action = '${action.replace(/'/g, "''")}' and coalesce(new.summary, '') like '%${marker.replace(/'/g, "''")}%' then
         raise exception 'audit event refused by the test';
       end if;
       return new;
     end $$`,
  );
  await sql(url, `create trigger ${name} before insert on audit_event for each row execute function ${name}()`);
  return async () => {
    await sql(url, `drop trigger if exists ${name} on audit_event`);
    await sql(url, `drop function if exists ${name}()`);
  };
}
