import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type StaffPage = {
  staffUsers: {
    totalCount: number;
    edges: Array<{ node: { loginId: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
const PAGE = `query($first: Int, $after: String) {
  staffUsers(first: $first, after: $after) { totalCount edges { node { loginId } } pageInfo { hasNextPage endCursor } }
}`;

describe('connections: totalCount', () => {
  it('counts what the reader may see, whether the page shows the total or a count is needed', async () => {
    const mine = await f.newDepartment();
    const theirs = await f.newDepartment();
    const reader = await f.newStaff({ departmentId: mine.id, permissions: ['staff.read'] });
    for (let i = 0; i < 4; i++) await f.newStaff({ departmentId: mine.id });
    for (let i = 0; i < 3; i++) await f.newStaff({ departmentId: theirs.id });

    // One page holds everything: the total is the page.
    const whole = await reader.client.ok<StaffPage>(PAGE, { first: 50 });
    expect(whole.staffUsers.edges).toHaveLength(5);
    expect(whole.staffUsers.pageInfo.hasNextPage).toBe(false);
    expect(whole.staffUsers.totalCount).toBe(5);

    // A first page with more behind it, and a later page: counted, with the same department scope.
    const first = await reader.client.ok<StaffPage>(PAGE, { first: 2 });
    expect(first.staffUsers.edges).toHaveLength(2);
    expect(first.staffUsers.pageInfo.hasNextPage).toBe(true);
    expect(first.staffUsers.totalCount).toBe(5);
    const last = await reader.client.ok<StaffPage>(PAGE, { first: 50, after: first.staffUsers.pageInfo.endCursor });
    expect(last.staffUsers.edges).toHaveLength(3);
    expect(last.staffUsers.totalCount).toBe(5);
  });
});
