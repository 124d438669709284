import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildAppSchema } from '../../src/schema.js';
import { MemoryPubSub } from '../../src/platform/pubsub/pubsub.js';
import { ADMIN_PASSWORD_AFTER_CHANGE, LOGIN, startTestServer, type TestServer } from '../support/test-server.js';
import { Factories } from '../support/factories.js';
import { sql } from '../support/database.js';
import type { GqlClient } from '../support/graphql-client.js';
import { accessOf, rootFields } from './schema-walk.js';

/**
 * The escalation rule: a staff member or API key may act on an account, role or key only if it
 * holds no more than they do, and on a system administrator only as one. Each mutation that acts
 * on an existing account, role or key is tried against a system administrator, a colleague with
 * more permissions and a colleague with fewer; a new such mutation without a case here fails.
 */

const schema = await buildAppSchema({ pubsub: new MemoryPubSub(), logger: pino({ level: 'silent' }) }, { strictAudit: true });
const ACTING_PERMISSIONS = ['staff.write', 'roles.write', 'apikeys.write'];

/** Mutations that act on something that exists: they take its id (directly or in their input). */
const actingMutations = rootFields(schema).filter((r) => {
  const access = accessOf(r.field);
  if (r.kind !== 'mutation' || access?.kind !== 'permission' || !access.permissions.some((p) => ACTING_PERMISSIONS.includes(p)))
    return false;
  return r.field.args.some(
    (a) =>
      a.name === 'id' ||
      (a.name === 'input' &&
        String(a.type)
          .replace('!', '')
          .match(/^(Update|Reset)/)),
  );
});

let t: TestServer;
let f: Factories;
let deptId: string;
/** A department manager: may manage staff, roles and keys, but holds no audit.export. */
const MANAGER = ['staff.read', 'staff.write', 'departments.read', 'roles.read', 'roles.write', 'apikeys.read', 'apikeys.write'];

beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  deptId = (await f.newDepartment('管理課')).id;
});
afterAll(async () => {
  await t?.close();
});

type Actor = { client: GqlClient; label: string };
async function actors(permissions = MANAGER): Promise<Actor[]> {
  const staff = await f.newStaff({ permissions, departmentId: deptId });
  const key = await f.newApiKey({ permissions, departmentId: deptId });
  return [
    { client: staff.client, label: 'staff' },
    { client: key.client, label: 'API key' },
  ];
}

async function refusal(client: GqlClient, query: string, variables: Record<string, unknown>) {
  const res = await client.request(query, variables);
  return { code: res.errors?.[0]?.extensions?.code, reason: res.errors?.[0]?.extensions?.reason, errors: res.errors };
}

/** Each acting mutation, as an operation on a target of its kind. */
const STAFF_ACTIONS: Record<string, (id: string) => [string, Record<string, unknown>]> = {
  'updateStaffUser (e-mail)': (id) => [
    `mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`,
    { i: { id, email: 'taken@example.jp' } },
  ],
  'updateStaffUser (roles)': (id) => [
    `mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`,
    { i: { id, roleIds: [] } },
  ],
  'updateStaffUser (deactivate)': (id) => [
    `mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`,
    { i: { id, isActive: false } },
  ],
  'updateStaffUser (name)': (id) => [
    `mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`,
    { i: { id, displayName: '乗っ取り' } },
  ],
  resetStaffPassword: (id) => [
    `mutation($i: ResetStaffPasswordInput!) { resetStaffPassword(input: $i) { staffUser { id } } }`,
    { i: { id, newPassword: 'Takeover-Pass-2026!' } },
  ],
  resetStaffTotp: (id) => [`mutation($id: ID!) { resetStaffTotp(id: $id) { staffUser { id } } }`, { id }],
  unlockStaffUser: (id) => [`mutation($id: ID!) { unlockStaffUser(id: $id) { staffUser { id } } }`, { id }],
};
const ROLE_ACTIONS: Record<string, (id: string) => [string, Record<string, unknown>]> = {
  'updateRole (permissions)': (id) => [
    `mutation($i: UpdateRoleInput!) { updateRole(input: $i) { role { id } } }`,
    { i: { id, permissions: [] } },
  ],
  'updateRole (TOTP)': (id) => [
    `mutation($i: UpdateRoleInput!) { updateRole(input: $i) { role { id } } }`,
    { i: { id, requireTotp: false } },
  ],
  deleteRole: (id) => [`mutation($id: ID!) { deleteRole(id: $id) { deletedId } }`, { id }],
};
const KEY_ACTIONS: Record<string, (id: string) => [string, Record<string, unknown>]> = {
  revokeApiKey: (id) => [`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id revokedAt } } }`, { id }],
};

describe('the escalation rule (generated from the schema)', () => {
  it('has a case for every mutation that acts on an existing account, role or key', () => {
    const covered = new Set(
      [...Object.keys(STAFF_ACTIONS), ...Object.keys(ROLE_ACTIONS), ...Object.keys(KEY_ACTIONS)].map((k) => k.split(' ')[0]),
    );
    expect(actingMutations.length).toBeGreaterThan(5);
    expect(actingMutations.map((r) => r.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  describe.each(Object.entries(STAFF_ACTIONS))('%s', (_name, action) => {
    it("is refused on a system administrator's account and on a colleague who holds more, allowed on one who holds less", async () => {
      for (const actor of await actors()) {
        const admin = await f.newStaff({ isSystemAdmin: true, departmentId: deptId });
        const before = await sql(t.databaseUrl, 'select password_hash, email, is_active, display_name from staff_user where id = $1', [
          admin.staff.id,
        ]);
        const onAdmin = await refusal(actor.client, ...action(admin.staff.id));
        expect(onAdmin.reason, `${actor.label}: ${JSON.stringify(onAdmin.errors)}`).toBe('TARGET_IS_SYSTEM_ADMIN');
        expect(
          await sql(t.databaseUrl, 'select password_hash, email, is_active, display_name from staff_user where id = $1', [admin.staff.id]),
        ).toEqual(before);

        const stronger = await f.newStaff({ permissions: ['staff.read', 'audit.read', 'audit.export'], departmentId: deptId });
        const onStronger = await refusal(actor.client, ...action(stronger.staff.id));
        expect(onStronger.reason, `${actor.label}: ${JSON.stringify(onStronger.errors)}`).toBe('TARGET_EXCEEDS_ACTOR');

        const weaker = await f.newStaff({ permissions: ['staff.read', 'departments.read'], departmentId: deptId });
        const onWeaker = await refusal(actor.client, ...action(weaker.staff.id));
        expect(onWeaker.errors, `${actor.label}`).toBeUndefined();
      }
    });
  });

  describe.each(Object.entries(ROLE_ACTIONS))('%s', (_name, action) => {
    it('is refused on a shared role, on a role with more than the actor holds or held by someone who does, allowed otherwise', async () => {
      for (const actor of await actors()) {
        const shared = await f.newRole({ permissions: ['departments.read'] });
        expect((await refusal(actor.client, ...action(shared.id))).reason).toBe('SHARED_ROLE');

        const strongerRole = await f.newRole({ permissions: ['audit.export'], departmentId: deptId });
        expect((await refusal(actor.client, ...action(strongerRole.id))).reason).toBe('ROLE_EXCEEDS_ACTOR');

        const heldByAdmin = await f.newRole({ permissions: ['departments.read'], departmentId: deptId });
        await f.newStaff({ roles: [heldByAdmin], isSystemAdmin: true, departmentId: deptId });
        expect((await refusal(actor.client, ...action(heldByAdmin.id))).reason).toBe('TARGET_IS_SYSTEM_ADMIN');

        const heldByStronger = await f.newRole({ permissions: ['departments.read'], departmentId: deptId });
        await f.newStaff({ roles: [heldByStronger], permissions: ['audit.export'], departmentId: deptId });
        expect((await refusal(actor.client, ...action(heldByStronger.id))).reason).toBe('TARGET_EXCEEDS_ACTOR');

        const otherDept = await f.newRole({ permissions: ['departments.read'], departmentId: (await f.newDepartment()).id });
        expect((await refusal(actor.client, ...action(otherDept.id))).code).toBe('NOT_FOUND');

        const own = await f.newRole({ permissions: ['departments.read'], departmentId: deptId });
        expect((await refusal(actor.client, ...action(own.id))).errors).toBeUndefined();
      }
    });
  });

  describe.each(Object.entries(KEY_ACTIONS))('%s', (_name, action) => {
    it('is refused on a key that holds more than the actor, allowed on one that holds less', async () => {
      for (const actor of await actors()) {
        const stronger = await f.newApiKey({ permissions: ['audit.export'], departmentId: deptId });
        expect((await refusal(actor.client, ...action(stronger.key.id))).reason).toBe('TARGET_EXCEEDS_ACTOR');
        expect((await stronger.client.request('{ __typename }')).errors).toBeUndefined();
        const weaker = await f.newApiKey({ permissions: ['departments.read'], departmentId: deptId });
        expect((await refusal(actor.client, ...action(weaker.key.id))).errors).toBeUndefined();
      }
    });
  });
});

describe('the default install', () => {
  it("does not let the seeded 部署管理者 take over the seeded administrator's account", async () => {
    const adminId = (await t.admin.ok(`{ viewer { staff { id department { id } } } }`)).viewer.staff;
    const [manager] = await sql<{ id: string }>(t.databaseUrl, `select id from role where name = '部署管理者' and department_id is null`);
    const mgr = await f.newStaff({ roles: [{ id: manager!.id } as never], departmentId: adminId.department.id });
    for (const [query, variables] of [
      STAFF_ACTIONS['resetStaffPassword']!(adminId.id),
      STAFF_ACTIONS['resetStaffTotp']!(adminId.id),
      STAFF_ACTIONS['updateStaffUser (e-mail)']!(adminId.id),
      STAFF_ACTIONS['updateStaffUser (roles)']!(adminId.id),
    ]) {
      expect((await refusal(mgr.client, query, variables)).reason).toBe('TARGET_IS_SYSTEM_ADMIN');
    }
    // The administrator still signs in with their own password.
    expect((await t.client().ok(LOGIN, { input: { loginId: 'admin', password: ADMIN_PASSWORD_AFTER_CHANGE } })).login.status).toBe(
      'SUCCESS',
    );
  });
});

describe('roles belong to a department or are shared', () => {
  it("puts a department manager's new role in their own department, and never another's or a shared one", async () => {
    const [staff] = await actors();
    const created = await staff!.client.ok(
      `mutation { createRole(input: { name: "窓口担当", permissions: ["departments.read"] }) { role { id isShared department { id } } } }`,
    );
    expect(created.createRole.role).toMatchObject({ isShared: false, department: { id: deptId } });
    const other = await f.newDepartment();
    const refused = await refusal(
      staff!.client,
      `mutation($d: ID!) { createRole(input: { name: "他課ロール", permissions: ["departments.read"], departmentId: $d }) { role { id } } }`,
      { d: other.id },
    );
    expect(refused.code).toBe('BAD_USER_INPUT');
    // The same name may exist in another department; a system administrator's role without one is shared.
    const shared = await t.admin.ok(
      `mutation { createRole(input: { name: "共通閲覧", permissions: ["departments.read"] }) { role { isShared } } }`,
    );
    expect(shared.createRole.role.isShared).toBe(true);
  });

  it("gives a department's role only to that department's staff", async () => {
    const role = await f.newRole({ permissions: ['departments.read'], departmentId: (await f.newDepartment()).id });
    const target = await f.newStaff({ permissions: ['departments.read'], departmentId: deptId });
    const res = await t.admin.request(`mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`, {
      i: { id: target.staff.id, roleIds: [role.id] },
    });
    expect(res.errors?.[0]?.extensions?.fields?.['roleIds']).toBe('他の部署のロールは付与できません。');
  });

  it('lets only system administrators create, rename or delete departments, and managers edit only their own', async () => {
    const [staff] = await actors([...MANAGER, 'departments.write']);
    expect(
      (await refusal(staff!.client, `mutation { createDepartment(input: { code: "new-dept", name: "新課" }) { department { id } } }`, {}))
        .reason,
    ).toBe('OUTSIDE_DEPARTMENT');
    const other = await f.newDepartment();
    const update = `mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { department { name } } }`;
    expect((await refusal(staff!.client, update, { i: { id: other.id, name: '改名' } })).reason).toBe('OUTSIDE_DEPARTMENT');
    expect((await refusal(staff!.client, `mutation($id: ID!) { deleteDepartment(id: $id) { deletedId } }`, { id: other.id })).reason).toBe(
      'OUTSIDE_DEPARTMENT',
    );
    expect((await refusal(staff!.client, update, { i: { id: deptId, name: '管理課（改）' } })).errors).toBeUndefined();
  });
});

describe('API keys that issue keys', () => {
  const CREATE = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id ipRestricted rateLimitPerMinute expiresAt department { id } createdByKey { id } } } }`;

  it('never issue a key beyond themselves, in any dimension', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const parent = await f.newApiKey({
      permissions: ['apikeys.write', 'apikeys.read', 'departments.read'],
      departmentId: deptId,
      ipRestricted: true,
      rateLimitPerMinute: 60,
      expiresAt,
    });
    const beyond: Array<[string, Record<string, unknown>, string]> = [
      ['a permission it lacks', { permissions: ['staff.read'] }, 'permissions'],
      ['no IP restriction', { ipRestricted: false }, 'ipRestricted'],
      ['a higher rate limit', { rateLimitPerMinute: 61 }, 'rateLimitPerMinute'],
      ['a later expiry', { expiresAt: new Date(expiresAt.getTime() + 60_000).toISOString() }, 'expiresAt'],
      ['another department', { departmentId: (await f.newDepartment()).id }, 'departmentId'],
    ];
    for (const [what, input, field] of beyond) {
      const res = await parent.client.request(CREATE, { i: { name: '子キー', permissions: ['departments.read'], ...input } });
      expect(res.errors?.[0]?.extensions?.code, what).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0]?.extensions?.fields ?? {}), what).toContain(field);
    }
    // Unset, everything is inherited.
    const child = await parent.client.ok(CREATE, { i: { name: '子キー', permissions: ['departments.read'] } });
    expect(child.createApiKey.apiKey).toMatchObject({
      ipRestricted: true,
      rateLimitPerMinute: 60,
      expiresAt: expiresAt.toISOString(),
      department: { id: deptId },
      createdByKey: { id: parent.key.id },
    });
  });

  it('revokes, with a key, every key it issued and the keys those issued', async () => {
    const parent = await f.newApiKey({ permissions: ['apikeys.write', 'apikeys.read', 'departments.read'], departmentId: deptId });
    const child = await parent.client.ok(CREATE, { i: { name: '子', permissions: ['apikeys.write', 'departments.read'] } });
    const childClient = t.client({ authorization: `Bearer ${child.createApiKey.secret}` });
    const grandchild = await childClient.ok(CREATE, { i: { name: '孫', permissions: ['departments.read'] } });
    const grandchildClient = t.client({ authorization: `Bearer ${grandchild.createApiKey.secret}` });
    expect((await grandchildClient.request(`{ departments(first: 1) { totalCount } }`)).errors).toBeUndefined();

    await t.admin.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }`, { id: parent.key.id });
    expect(await childClient.code(`{ departments(first: 1) { totalCount } }`)).toBe('UNAUTHENTICATED');
    expect(await grandchildClient.code(`{ departments(first: 1) { totalCount } }`)).toBe('UNAUTHENTICATED');
  });
});
