import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate as generateTotp } from 'otplib';
import { ADMIN_PASSWORD_AFTER_CHANGE, LOGIN, createStaff, startTestServer, type TestServer } from './support/test-server.js';
import { refuseAuditEvents, sql } from './support/database.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
});
afterAll(async () => {
  await t?.close();
});

const STAFF_USERS = `query($filter: StaffUserFilter) { staffUsers(first: 50, filter: $filter) { totalCount edges { node { id loginId department { id name } roles { name } } } } }`;
const STAFF_USER = `query($id: ID!) { staffUser(id: $id) { id loginId } }`;
const UPDATE_STAFF = `mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { staffUser { id displayName } } }`;

describe('authentication', () => {
  it('answers UNAUTHENTICATED to an anonymous caller', async () => {
    const res = await t.client().request(`{ departments { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/ログイン/);
  });

  it('returns a null viewer when not signed in, and the staff member when signed in', async () => {
    expect((await t.client().ok(`{ viewer { ip } }`)).viewer).toBeNull();
    const me = await t.admin.ok(`{ viewer { staff { loginId } isSystemAdmin mustChangePassword } }`);
    expect(me.viewer).toMatchObject({ staff: { loginId: 'admin' }, isSystemAdmin: true, mustChangePassword: false });
  });

  it('rejects a wrong password with one message that does not reveal whether the login ID exists', async () => {
    const a = await t.client().request(LOGIN, { input: { loginId: 'admin', password: 'wrong-password-1' } });
    const b = await t.client().request(LOGIN, { input: { loginId: 'nobody-here', password: 'wrong-password-1' } });
    expect(a.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(a.errors?.[0]?.message).toBe(b.errors?.[0]?.message);
    // reset the admin's failure count for the lockout test below
    await t.client().ok(LOGIN, { input: { loginId: 'admin', password: ADMIN_PASSWORD_AFTER_CHANGE } });
  });

  it('ends the session at logout', async () => {
    const c = t.client();
    await c.ok(LOGIN, { input: { loginId: 'admin', password: ADMIN_PASSWORD_AFTER_CHANGE } });
    expect((await c.ok(`{ viewer { staff { loginId } } }`)).viewer).not.toBeNull();
    await c.ok(`mutation { logout }`);
    expect(await c.code(`{ departments { totalCount } }`)).toBe('UNAUTHENTICATED');
  });

  it('makes a new staff member change the initial password before using anything', async () => {
    const { client: _unused, departmentId } = await createStaff(t, { loginId: 'pw-first', permissions: ['departments.read'] });
    const created = await t.admin.ok(
      `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id mustChangePassword } } }`,
      { input: { loginId: 'pw-second', displayName: '二番目', departmentId, roleIds: [], initialPassword: 'First-login-pass-1' } },
    );
    expect(created.createStaffUser.staffUser.mustChangePassword).toBe(true);
    const c = t.client();
    await c.ok(LOGIN, { input: { loginId: 'pw-second', password: 'First-login-pass-1' } });
    const res = await c.request(`{ roles { totalCount } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
  });
});

describe('lockout', () => {
  it('locks an account after repeated failures, refuses even the right password, and an administrator can unlock it', async () => {
    const { staffId, password } = await createStaff(t, { loginId: 'lockme', permissions: ['departments.read'] });
    for (let i = 0; i < 3; i++) {
      const res = await t.client().request(LOGIN, { input: { loginId: 'lockme', password: `nope-nope-${i}` } });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const locked = await t.client().request(LOGIN, { input: { loginId: 'lockme', password } });
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_LOCKED' });
    expect(locked.errors?.[0]?.message).toMatch(/ロック/);

    const user = await t.admin.ok(`query($id: ID!) { staffUser(id: $id) { lockedUntil } }`, { id: staffId });
    expect(new Date(user.staffUser.lockedUntil).getTime()).toBeGreaterThan(Date.now());

    await t.admin.ok(`mutation($id: ID!) { unlockStaffUser(id: $id) { staffUser { lockedUntil } } }`, { id: staffId });
    const ok = await t.client().ok(LOGIN, { input: { loginId: 'lockme', password } });
    expect(ok.login.status).toBe('SUCCESS');

    const events = await sql<{ action: string }>(t.databaseUrl, `select action from audit_event where target_id = $1 order by seq`, [
      staffId,
    ]);
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'identity.login.failure').length).toBeGreaterThanOrEqual(4);
    expect(actions).toContain('identity.staff.locked');
    expect(actions).toContain('identity.staff.unlock');
    expect(actions).toContain('identity.login.success');
  });
});

describe('permissions and department scoping', () => {
  it('answers FORBIDDEN when the staff member lacks the permission', async () => {
    const { client } = await createStaff(t, { loginId: 'reader', permissions: ['departments.read'] });
    expect((await client.ok(`{ departments { totalCount } }`)).departments.totalCount).toBeGreaterThan(0);
    const res = await client.request(STAFF_USERS);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await client.code(`mutation { createDepartment(input: { code: "x1", name: "X" }) { department { id } } }`)).toBe('FORBIDDEN');
  });

  it("never shows a staff member another department's data: lists leave it out and direct access answers NOT_FOUND", async () => {
    const a = await createStaff(t, { loginId: 'scoped-a', permissions: ['staff.read', 'staff.write'] });
    const b = await createStaff(t, { loginId: 'scoped-b', permissions: ['staff.read'] });

    const list = await a.client.ok(STAFF_USERS);
    const ids = list.staffUsers.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(a.staffId);
    expect(ids).not.toContain(b.staffId);
    expect(list.staffUsers.edges.every((e: { node: { department: { id: string } } }) => e.node.department.id === a.departmentId)).toBe(
      true,
    );

    const direct = await a.client.request(STAFF_USER, { id: b.staffId });
    expect(direct.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const write = await a.client.request(UPDATE_STAFF, { input: { id: b.staffId, displayName: '乗っ取り' } });
    expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const row = await sql<{ display_name: string }>(t.databaseUrl, `select display_name from staff_user where id = $1`, [b.staffId]);
    expect(row[0]?.display_name).toBe('職員 scoped-b');

    // A system administrator sees both departments.
    const all = await t.admin.ok(STAFF_USERS);
    const allIds = all.staffUsers.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(allIds).toEqual(expect.arrayContaining([a.staffId, b.staffId]));
  });

  it('counts the active staff of each department and role in lists', async () => {
    const { departmentId, roleId } = await createStaff(t, { loginId: 'counted', permissions: ['departments.read'] });
    const depts = await t.admin.ok(`{ departments(first: 100) { edges { node { id staffCount } } } }`);
    const roles = await t.admin.ok(`{ roles(first: 100) { edges { node { id name staffCount } } } }`);
    expect(depts.departments.edges.find((e: { node: { id: string } }) => e.node.id === departmentId).node.staffCount).toBe(1);
    expect(roles.roles.edges.find((e: { node: { id: string } }) => e.node.id === roleId).node.staffCount).toBe(1);
    expect(roles.roles.edges.find((e: { node: { name: string } }) => e.node.name === 'システム管理者').node.staffCount).toBe(1);
  });

  it('does not let a staff member grant permissions they do not hold', async () => {
    const { client } = await createStaff(t, { loginId: 'granter', permissions: ['roles.read', 'roles.write'] });
    const res = await client.request(`mutation { createRole(input: { name: "escalate", permissions: ["staff.write"] }) { role { id } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields?.['permissions']).toMatch(/付与できません/);
  });
});

describe('bad input', () => {
  it('answers BAD_USER_INPUT with Japanese per-field messages and writes nothing', async () => {
    const before = await sql<{ n: string }>(
      t.databaseUrl,
      `select (select count(*) from staff_user) + (select count(*) from audit_event) as n`,
    );
    const depts = await t.admin.ok(`{ departments(first: 1) { edges { node { id } } } }`);
    const res = await t.admin.request(`mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } } }`, {
      input: {
        loginId: 'A',
        displayName: '',
        email: 'not-an-email',
        departmentId: depts.departments.edges[0].node.id,
        roleIds: [],
        initialPassword: 'short',
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors?.[0]?.extensions?.fields ?? {}).sort()).toEqual(['displayName', 'email', 'initialPassword', 'loginId']);
    expect(res.errors?.[0]?.extensions?.fields?.['initialPassword']).toMatch(/12文字以上/);
    const after = await sql<{ n: string }>(
      t.databaseUrl,
      `select (select count(*) from staff_user) + (select count(*) from audit_event) as n`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('rolls back the whole mutation when a later step fails: no department without its audit event', async () => {
    const restore = await refuseAuditEvents(t.databaseUrl, 'identity.department.create', 'rollback-probe');
    try {
      const res = await t.admin.request(
        `mutation { createDepartment(input: { code: "rollback-probe", name: "巻き戻し" }) { department { id } } }`,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await restore();
    }
    // The department was inserted before the audit event failed; the transaction took it back.
    expect(await sql(t.databaseUrl, `select 1 from department where code = 'rollback-probe'`)).toHaveLength(0);
    // And the same mutation, once the event can be written, leaves both.
    await t.admin.ok(`mutation { createDepartment(input: { code: "rollback-probe", name: "巻き戻し" }) { department { id } } }`);
    expect(await sql(t.databaseUrl, `select 1 from department where code = 'rollback-probe'`)).toHaveLength(1);
  });

  it('writes no staff account whose creation cannot be logged', async () => {
    const depts = await t.admin.ok(`{ departments(first: 1) { edges { node { id } } } }`);
    const restore = await refuseAuditEvents(t.databaseUrl, 'identity.staff.create', 'tx-probe');
    try {
      const res = await t.admin.request(`mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } } }`, {
        input: {
          loginId: 'tx-probe',
          displayName: '記録できない',
          departmentId: depts.departments.edges[0].node.id,
          roleIds: [],
          initialPassword: 'Probe-password-2026',
        },
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await restore();
    }
    expect(await sql(t.databaseUrl, `select 1 from staff_user where login_id = 'tx-probe'`)).toHaveLength(0);
  });

  it('refuses to delete a department that still has staff, with CONFLICT', async () => {
    const { departmentId } = await createStaff(t, { loginId: 'member', permissions: [] });
    const res = await t.admin.request(`mutation($id: ID!) { deleteDepartment(id: $id) { deletedId } }`, { id: departmentId });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DEPARTMENT_IN_USE' });
  });

  it('rejects over-deep queries before executing them', async () => {
    const ofTypes = (n: number) => 'ofType { '.repeat(n) + 'name' + ' }'.repeat(n);
    const fine = await t.admin.request(`{ __schema { types { fields { type { ${ofTypes(5)} } } } } }`);
    expect(fine.errors).toBeUndefined();
    const res = await t.admin.request(`{ __schema { types { fields { type { ${ofTypes(12)} } } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/階層が深すぎます/);
  });
});

describe('TOTP second factor', () => {
  it('asks for a code after the password once enrolled, and accepts a valid one', async () => {
    const { client, password } = await createStaff(t, { loginId: 'totp-user', permissions: ['departments.read'] });
    const start = await client.ok(`mutation { startTotpEnrolment { secret otpauthUri } }`);
    expect(start.startTotpEnrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const secret: string = start.startTotpEnrolment.secret;
    const bad = await client.request(`mutation { confirmTotpEnrolment(input: { code: "000000" }) { viewer { staff { totpEnabled } } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await client.ok(`mutation($code: String!) { confirmTotpEnrolment(input: { code: $code }) { viewer { staff { totpEnabled } } } }`, {
      code: await generateTotp({ secret, epoch: Math.floor(Date.now() / 1000) - 30 }),
    });

    const fresh = t.client();
    const first = await fresh.ok(LOGIN, { input: { loginId: 'totp-user', password } });
    expect(first.login.status).toBe('TOTP_REQUIRED');
    expect(first.login.viewer).toBeNull();
    expect(await fresh.code(`{ departments { totalCount } }`)).toBe('UNAUTHENTICATED');
    const wrong = await fresh.request(
      `mutation($t: String!) { verifyLoginTotp(input: { challengeToken: $t, code: "123456" }) { status } }`,
      { t: first.login.challengeToken },
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const done = await fresh.ok(
      `mutation($t: String!, $c: String!) { verifyLoginTotp(input: { challengeToken: $t, code: $c }) { status viewer { staff { loginId } } } }`,
      {
        t: first.login.challengeToken,
        c: await generateTotp({ secret }),
      },
    );
    expect(done.verifyLoginTotp).toMatchObject({ status: 'SUCCESS', viewer: { staff: { loginId: 'totp-user' } } });
    expect((await fresh.ok(`{ departments { totalCount } }`)).departments.totalCount).toBeGreaterThan(0);

    const raw = await sql<{ totp_secret: string }>(t.databaseUrl, `select totp_secret from staff_user where login_id = 'totp-user'`);
    expect(raw[0]?.totp_secret).toMatch(/^v1\.k1\./);
    expect(raw[0]?.totp_secret).not.toContain(secret);
  });

  it('makes enrolment mandatory when a role requires it', async () => {
    const { client } = await createStaff(t, { loginId: 'must-totp', permissions: ['departments.read'], requireTotp: true });
    const me = await client.ok(`{ viewer { totpEnrolmentRequired } }`);
    expect(me.viewer.totpEnrolmentRequired).toBe(true);
    const res = await client.request(`{ departments { totalCount } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TOTP_ENROLMENT_REQUIRED' });
  });
});

describe('session clean-up', () => {
  it('deletes ended sessions and keeps live ones', async () => {
    const { client, staffId } = await createStaff(t, { loginId: 'sessions', permissions: ['departments.read'] });
    const sessions = await sql<{ id: string }>(t.databaseUrl, `select id from staff_session where staff_id = $1`, [staffId]);
    expect(sessions).toHaveLength(1);
    await sql(t.databaseUrl, `update staff_session set expires_at = now() - interval '2 days' where id = $1`, [sessions[0]!.id]);
    const before = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from staff_session`);
    const { deleted } = await t.app.modules.identity.auth.purgeExpiredSessions();
    expect(deleted).toBeGreaterThanOrEqual(1);
    const after = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from staff_session`);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) - deleted);
    expect((await t.admin.ok(`{ viewer { staff { loginId } } }`)).viewer.staff.loginId).toBe('admin');
    expect(await client.code(`{ departments { totalCount } }`)).toBe('UNAUTHENTICATED');
  });
});
