import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createApp, type App } from '../../src/app.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { runMigrations } from '../../src/database.js';
import { seedDemoMunicipality } from '../../src/cli/seed.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { installKeyring, Keyring } from '../../src/platform/crypto/keyring.js';
import { createTestDatabase } from './database.js';
import { GqlClient } from './graphql-client.js';

export const ADMIN_PASSWORD_AFTER_CHANGE = 'Kanri-Sekinin-2026!';

export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'k1',
    HASH_KEY: randomBytes(32).toString('base64'),
    TRUST_PROXY: 'loopback',
    // No job runner beside these servers: the server consumes the webhook events it stores.
    WEBHOOK_PROCESSING: 'server',
    ...overrides,
  };
}

export interface TestServer {
  app: App;
  server: RunningServer;
  url: string;
  config: AppConfig;
  env: Record<string, string>;
  databaseUrl: string;
  /** A browser-like client signed in as the seeded system administrator (password already changed). */
  admin: GqlClient;
  client(headers?: Record<string, string>): GqlClient;
  close(): Promise<void>;
}

/** A migrated, seeded database and a running server on a free port, for one test file. */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const env = testEnv(db.url, overrides);
  const config = loadConfig(env);
  installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
  await runMigrations(config);
  const seed = await seedDemoMunicipality(config);
  const app = await createApp(config, { logger: createLogger(config), role: 'server' });
  const server = await startHttpServer(app);
  const admin = new GqlClient(server.url);
  await admin.ok(LOGIN, { input: { loginId: 'admin', password: seed.adminPassword } });
  await admin.ok(CHANGE_PASSWORD, { input: { currentPassword: seed.adminPassword, newPassword: ADMIN_PASSWORD_AFTER_CHANGE } });
  return {
    app,
    server,
    url: server.url,
    config,
    env,
    databaseUrl: db.url,
    admin,
    client: (headers = {}) => new GqlClient(server.url, headers),
    async close() {
      await server.close();
      await app.close();
      await db.drop();
    },
  };
}

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { status challengeToken viewer { staff { id loginId } permissions isSystemAdmin mustChangePassword totpEnrolmentRequired } } }`;
export const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { viewer { mustChangePassword } } }`;

/** Creates a department, a role with the given permissions and a staff member in it; returns a signed-in client. */
export async function createStaff(
  t: TestServer,
  opts: { loginId: string; permissions: string[]; departmentCode?: string; departmentId?: string; requireTotp?: boolean; email?: string },
): Promise<{ client: GqlClient; staffId: string; departmentId: string; roleId: string; password: string }> {
  let departmentId = opts.departmentId;
  if (!departmentId) {
    const code = opts.departmentCode ?? `d-${randomBytes(3).toString('hex')}`;
    const d = await t.admin.ok<{ createDepartment: { department: { id: string } } }>(
      `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { department { id } } }`,
      { input: { code, name: `部署 ${code}` } },
    );
    departmentId = d.createDepartment.department.id;
  }
  const r = await t.admin.ok<{ createRole: { role: { id: string } } }>(
    `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }`,
    { input: { name: `role-${opts.loginId}`, permissions: opts.permissions, requireTotp: opts.requireTotp ?? false } },
  );
  const initial = `Initial-pass-${randomBytes(4).toString('hex')}`;
  const s = await t.admin.ok<{ createStaffUser: { staffUser: { id: string } } }>(
    `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } } }`,
    {
      input: {
        loginId: opts.loginId,
        displayName: `職員 ${opts.loginId}`,
        email: opts.email ?? null,
        departmentId,
        roleIds: [r.createRole.role.id],
        initialPassword: initial,
      },
    },
  );
  const client = t.client();
  await client.ok(LOGIN, { input: { loginId: opts.loginId, password: initial } });
  const password = `Changed-pass-${randomBytes(4).toString('hex')}`;
  await client.ok(CHANGE_PASSWORD, { input: { currentPassword: initial, newPassword: password } });
  return { client, staffId: s.createStaffUser.staffUser.id, departmentId, roleId: r.createRole.role.id, password };
}
