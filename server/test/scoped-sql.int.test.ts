import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnscopedSqlError, isDepartmentTable, scopedSql, unscopedSql } from '../src/platform/db/scoped-sql.js';
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
