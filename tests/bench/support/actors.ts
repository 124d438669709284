/**
 * The actors a benchmark needs on a seeded bench server: the first administrator signed in with a
 * changed password, a department-scoped staff member, and residents with sessions (as after a LIFF
 * sign-in), inserted directly so that thousands take a second.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { Keyring } from '../../../server/src/platform/crypto/keyring.js';
import type { generateSecrets } from '../../e2e/harness/secrets.js';
import { Gql, type BenchServer } from './environment.js';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { status } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { viewer { mustChangePassword } } }`;

/** The seeded administrator, signed in; the forced first password change done. */
export async function signInAdmin(server: BenchServer): Promise<Gql> {
  const admin = new Gql(server.baseUrl);
  await admin.ok(LOGIN, { input: server.admin });
  await admin.ok(CHANGE_PASSWORD, {
    input: { currentPassword: server.admin.password, newPassword: `Bench-${randomBytes(6).toString('hex')}-Pass!` },
  });
  return admin;
}

/** A new staff member with the seeded role and department given by name and code, signed in. */
export async function signInNewStaff(
  server: BenchServer,
  admin: Gql,
  options: { loginId: string; role: string; department: string },
): Promise<Gql> {
  const roles = await admin.ok<{ roles: { edges: Array<{ node: { id: string; name: string } }> } }>(
    `{ roles(first: 100) { edges { node { id name } } } }`,
  );
  const depts = await admin.ok<{ departments: { edges: Array<{ node: { id: string; code: string } }> } }>(
    `{ departments(first: 100) { edges { node { id code } } } }`,
  );
  const role = roles.roles.edges.find((e) => e.node.name === options.role)?.node.id;
  const dept = depts.departments.edges.find((e) => e.node.code === options.department)?.node.id;
  if (!role || !dept) throw new Error(`the seed has no role ${options.role} or department ${options.department}`);
  const initial = `Initial-${randomBytes(6).toString('hex')}-Pass`;
  await admin.ok(`mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } } }`, {
    input: { loginId: options.loginId, displayName: 'ベンチ職員', departmentId: dept, roleIds: [role], initialPassword: initial },
  });
  const staff = new Gql(server.baseUrl);
  await staff.ok(LOGIN, { input: { loginId: options.loginId, password: initial } });
  await staff.ok(CHANGE_PASSWORD, { input: { currentPassword: initial, newPassword: `Changed-${randomBytes(6).toString('hex')}-Pass` } });
  return staff;
}

export interface BenchResident {
  id: string;
  /** `machi_resident=…`, the session cookie. */
  cookie: string;
}

/** `count` following residents with a live session each, encrypted and hashed with the server's keys. */
export async function insertResidents(db: pg.Client, secrets: ReturnType<typeof generateSecrets>, count: number): Promise<BenchResident[]> {
  const keyring = new Keyring(
    new Map([[secrets.ENCRYPTION_ACTIVE_KEY_ID, Buffer.from(secrets.ENCRYPTION_KEYS.split(':')[1]!, 'base64')]]),
    secrets.ENCRYPTION_ACTIVE_KEY_ID,
    Buffer.from(secrets.HASH_KEY, 'base64'),
  );
  const residents: BenchResident[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const lineUserId = `U${randomBytes(16).toString('hex')}`;
    await db.query(
      `insert into resident (id, line_user_id_hash, line_user_id, display_name, language, follow_status, is_test_recipient, tags)
       values ($1, $2, $3, $4, 'ja', 'FOLLOWING', false, '{}')`,
      [id, keyring.hash(lineUserId), keyring.encrypt(lineUserId), keyring.encrypt(`ベンチ 住民${i + 1}`)],
    );
    const token = randomBytes(32).toString('base64url');
    await db.query(`insert into resident_session (id, token_hash, resident_id, expires_at) values ($1, $2, $3, now() + interval '1 day')`, [
      randomUUID(),
      createHash('sha256').update(token).digest('hex'),
      id,
    ]);
    residents.push({ id, cookie: `machi_resident=${token}` });
  }
  return residents;
}
