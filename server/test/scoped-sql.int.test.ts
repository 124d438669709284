import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnscopedSession, UnscopedSqlError, isDepartmentTable, scopedSql, unscopedSql } from '../src/platform/db/scoped-sql.js';
import { sql } from './support/database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';

let t: TestServer;
let f: Factories;
beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
});

describe('raw SQL and department scoping', () => {
  it('knows the department-owned tables from the entities that carry the scope filter', () => {
    expect(['staff_user', 'api_key', 'role', 'audit_event'].every(isDepartmentTable)).toBe(true);
    expect(isDepartmentTable('resident')).toBe(false);
  });

  it('refuses an unscoped raw statement on a department-owned table, before it reaches PostgreSQL', async () => {
    const ctx = f.staffContext((await f.newDepartment()).id);
    await expect(scopedSql(ctx, 'select id from staff_user')).rejects.toBeInstanceOf(UnscopedSqlError);
    await expect(scopedSql(ctx, 'select s.id from role r join "staff_user" s on true')).rejects.toThrow(/staff_user/);
  });

  it("limits a scoped statement to the actor's departments", async () => {
    const mine = await f.newDepartment();
    const theirs = await f.newDepartment();
    const me = await f.newStaff({ departmentId: mine.id });
    const other = await f.newStaff({ departmentId: theirs.id });
    const rows = await scopedSql<{ id: string }>(f.staffContext(mine.id), 'select id from staff_user where {{scope:department_id}}');
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(me.staff.id);
    expect(ids).not.toContain(other.staff.id);
  });

  it('runs an unscoped statement only with its reason', async () => {
    const ctx = f.staffContext((await f.newDepartment()).id);
    expect(
      (await unscopedSql<{ n: string }>(ctx.em, 'counting every account for a test', 'select count(*)::text as n from staff_user'))[0]!.n,
    ).toMatch(/^\d+$/);
    await expect(unscopedSql(ctx.em, ' ', 'select 1 from staff_user')).rejects.toThrow(/reason/);
  });
});

describe('an unscoped session (the delivery lanes’ two round trips)', () => {
  const WHY = 'a test of the session itself';
  /** Every pooled connection at once (the pool's size), by its backend's pid; released afterwards. */
  async function everyConnection<T>(use: (session: UnscopedSession, pid: number) => Promise<T>): Promise<T[]> {
    const sessions = await Promise.all(Array.from({ length: t.app.config.DATABASE_POOL_MAX }, () => UnscopedSession.open(t.app.orm, WHY)));
    try {
      return await Promise.all(
        sessions.map(async (session) => {
          const [[row]] = (await session.send('select pg_backend_pid() as pid')) as [[{ pid: number }]];
          return use(session, row.pid);
        }),
      );
    } finally {
      await Promise.all(sessions.map((s) => s.release()));
    }
  }

  it('rolls back what was left uncommitted when released, and hands the connection on outside any transaction', async () => {
    await sql(t.databaseUrl, 'create table if not exists session_probe (note text)');
    const session = await UnscopedSession.open(t.app.orm, WHY);
    const [, [opened]] = (await session.send(
      `begin; select pg_backend_pid() as pid; insert into session_probe (note) values ('left open')`,
    )) as [unknown, [{ pid: number }]];
    await session.release();
    expect(await sql(t.databaseUrl, 'select note from session_probe')).toEqual([]);
    // The same connection, taken again: its own uncommitted row would be visible to it, and now() would be the old transaction's.
    await new Promise((r) => setTimeout(r, 20));
    const seen = await everyConnection(async (s, pid) => {
      if (pid !== opened.pid) return null;
      const [[row]] = (await s.send(
        `select (select count(*) from session_probe)::int as rows, now() = statement_timestamp() as fresh`,
      )) as [[{ rows: number; fresh: boolean }]];
      return row;
    });
    expect(seen.filter(Boolean)).toEqual([{ rows: 0, fresh: true }]);
  });

  // Knex also flags a connection whose socket reported an error; the session's own flag (a failed
  // rollback) covers a rollback that fails without one. Removing only the latter leaves this green.
  it('does not hand on a connection that could not roll back (its backend gone)', async () => {
    const session = await UnscopedSession.open(t.app.orm, WHY);
    const [, [row]] = (await session.send('begin; select pg_backend_pid() as pid')) as [unknown, [{ pid: number }]];
    await sql(t.databaseUrl, 'select pg_terminate_backend($1)', [row.pid]);
    await new Promise((r) => setTimeout(r, 50));
    await session.release();
    // Every connection the pool hands out afterwards works, and none is the dead one.
    const pids = await everyConnection(async (s, pid) => {
      await s.send('select 1');
      return pid;
    });
    expect(pids).not.toContain(row.pid);
  });
});
