import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';
import { GqlClient } from './support/graphql-client.js';
import { until } from './support/wait.js';

/**
 * Resolved staff sessions are cached (modules/identity/staff-actor-cache.ts); whatever ends or
 * changes an actor must still take effect on the very next request.
 */
let t: TestServer;
let f: Factories;
beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
});

const LIST = `{ departments(first: 1) { totalCount } }`;

describe('the session cache', () => {
  it.each([
    ['logout', (s: Awaited<ReturnType<Factories['newStaff']>>) => s.client.ok(`mutation { logout }`), 'UNAUTHENTICATED'],
    [
      'a password reset by an administrator',
      (s: Awaited<ReturnType<Factories['newStaff']>>) =>
        t.admin.ok(`mutation($i: ResetStaffPasswordInput!) { resetStaffPassword(input: $i) { staffUser { id } } }`, {
          i: { id: s.staff.id, newPassword: 'Reset-By-Admin-2026!' },
        }),
      'UNAUTHENTICATED',
    ],
    [
      'deactivation',
      (s: Awaited<ReturnType<Factories['newStaff']>>) =>
        t.admin.ok(`mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`, {
          i: { id: s.staff.id, isActive: false },
        }),
      'UNAUTHENTICATED',
    ],
    [
      'losing the role that gave the permission',
      (s: Awaited<ReturnType<Factories['newStaff']>>) =>
        t.admin.ok(`mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`, {
          i: { id: s.staff.id, roleIds: [] },
        }),
      'FORBIDDEN',
    ],
  ])('takes effect on the next request after %s', async (_what, change, code) => {
    const s = await f.newStaff({ permissions: ['departments.read'] });
    expect((await s.client.request(LIST)).errors).toBeUndefined(); // now cached
    await change(s);
    expect(await s.client.code(LIST)).toBe(code);
  });

  it("takes effect at once when the role's permissions are edited", async () => {
    const role = await f.newRole({ permissions: ['departments.read'] });
    const s = await f.newStaff({ roles: [role] });
    expect((await s.client.request(LIST)).errors).toBeUndefined();
    await t.admin.ok(`mutation($i: UpdateRoleInput!) { updateRole(input: $i) { role { id } } }`, {
      i: { id: role.id, permissions: ['staff.read'] },
    });
    expect(await s.client.code(LIST)).toBe('FORBIDDEN');
  });

  it('takes effect at once when the role comes to require TOTP', async () => {
    const role = await f.newRole({ permissions: ['departments.read'] });
    const s = await f.newStaff({ roles: [role] });
    expect((await s.client.request(LIST)).errors).toBeUndefined();
    await t.admin.ok(`mutation($i: UpdateRoleInput!) { updateRole(input: $i) { role { id } } }`, { i: { id: role.id, requireTotp: true } });
    expect((await s.client.request(LIST)).errors?.[0]?.extensions?.reason).toBe('TOTP_ENROLMENT_REQUIRED');
  });

  it('takes effect on another instance too, through the PubSub, long before the cache would expire', async () => {
    // A second server on the same database: each has its own cache; only the PubSub links them.
    const app = await createApp(t.config, { logger: createLogger(t.config), role: 'server' });
    const other = await startHttpServer(app);
    try {
      const s = await f.newStaff({ permissions: ['departments.read'] });
      const there = new GqlClient(other.url, { cookie: s.cookie });
      expect((await there.request(LIST)).errors).toBeUndefined(); // cached on the other instance
      await t.admin.ok(`mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`, {
        i: { id: s.staff.id, isActive: false },
      });
      // The cache keeps an entry up to a minute; the notification must end it within seconds.
      await until(async () => (await there.code(LIST)) === 'UNAUTHENTICATED', 3_000);
    } finally {
      await other.close();
      await app.close();
    }
  });
});
