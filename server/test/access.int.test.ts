import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestServer, type TestServer } from './support/test-server.js';
import { sql } from './support/database.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix permissions rateLimitPerMinute department { id } } } }`;
const STAFF_IDS = `{ staffUsers(first: 100) { edges { node { id department { id } } } } }`;

describe('API keys', () => {
  it('shows the secret once, stores only its keyed hash, and works as a Bearer token within its permissions', async () => {
    const created = await t.admin.ok(CREATE_KEY, { input: { name: '連携テスト', permissions: ['departments.read'] } });
    const { secret, apiKey } = created.createApiKey;
    expect(secret).toMatch(/^mlk_/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const raw = await sql(t.databaseUrl, `select * from api_key where id = $1`, [apiKey.id]);
    expect(JSON.stringify(raw)).not.toContain(secret.slice(12));

    const listed = await t.admin.ok(`{ apiKeys { edges { node { id prefix lastUsedAt } } } }`);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const client = t.client({ authorization: `Bearer ${secret}` });
    expect((await client.ok(`{ departments { totalCount } }`)).departments.totalCount).toBeGreaterThan(0);
    expect(await client.code(`{ staffUsers { totalCount } }`)).toBe('FORBIDDEN');
    expect(await client.code(`mutation { createDepartment(input: { code: "k1", name: "K" }) { department { id } } }`)).toBe('FORBIDDEN');

    const used = await t.admin.ok(`{ apiKeys { edges { node { id lastUsedAt } } } }`);
    const me = used.apiKeys.edges.find((e: { node: { id: string } }) => e.node.id === apiKey.id);
    expect(me.node.lastUsedAt).not.toBeNull();
  });

  it("limits a department-scoped key to its department's data", async () => {
    const a = await createStaff(t, { loginId: 'key-a', permissions: ['staff.read'] });
    const b = await createStaff(t, { loginId: 'key-b', permissions: ['staff.read'] });
    const created = await t.admin.ok(CREATE_KEY, {
      input: { name: 'A課用', permissions: ['staff.read', 'departments.read'], departmentId: a.departmentId },
    });
    const client = t.client({ 'x-api-key': created.createApiKey.secret });
    const list = await client.ok(STAFF_IDS);
    const depts = new Set(list.staffUsers.edges.map((e: { node: { department: { id: string } } }) => e.node.department.id));
    expect([...depts]).toEqual([a.departmentId]);
    expect(await client.code(`query($id: ID!) { staffUser(id: $id) { id } }`, { id: b.staffId })).toBe('NOT_FOUND');
  });

  it('answers RATE_LIMITED (HTTP 429 with Retry-After) once the per-minute limit is used up', async () => {
    const created = await t.admin.ok(CREATE_KEY, {
      input: { name: '制限テスト', permissions: ['departments.read'], rateLimitPerMinute: 3 },
    });
    const client = t.client({ authorization: `Bearer ${created.createApiKey.secret}` });
    for (let i = 0; i < 3; i++) expect((await client.request(`{ departments { totalCount } }`)).errors).toBeUndefined();
    const limited = await client.request(`{ departments { totalCount } }`);
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses revoked, expired and unknown keys with UNAUTHENTICATED', async () => {
    const created = await t.admin.ok(CREATE_KEY, { input: { name: '失効テスト', permissions: ['departments.read'] } });
    const client = t.client({ authorization: `Bearer ${created.createApiKey.secret}` });
    expect((await client.request(`{ departments { totalCount } }`)).errors).toBeUndefined();
    await t.admin.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }`, { id: created.createApiKey.apiKey.id });
    expect(await client.code(`{ departments { totalCount } }`)).toBe('UNAUTHENTICATED');

    const expiring = await t.admin.ok(CREATE_KEY, {
      input: { name: '期限テスト', permissions: ['departments.read'], expiresAt: new Date(Date.now() + 60_000).toISOString() },
    });
    await sql(t.databaseUrl, `update api_key set expires_at = now() - interval '1 second' where id = $1`, [
      expiring.createApiKey.apiKey.id,
    ]);
    expect(await t.client({ authorization: `Bearer ${expiring.createApiKey.secret}` }).code(`{ departments { totalCount } }`)).toBe(
      'UNAUTHENTICATED',
    );
    expect(await t.client({ authorization: 'Bearer mlk_not-a-real-key' }).code(`{ departments { totalCount } }`)).toBe('UNAUTHENTICATED');
  });

  it('records API-key mutations in the audit log as the key', async () => {
    const created = await t.admin.ok(CREATE_KEY, { input: { name: '書込キー', permissions: ['departments.read', 'departments.write'] } });
    const client = t.client({ authorization: `Bearer ${created.createApiKey.secret}` });
    const d = await client.ok(`mutation { createDepartment(input: { code: "via-key", name: "キー経由" }) { department { id } } }`);
    const rows = await sql<{ actor_type: string; actor_id: string; action: string }>(
      t.databaseUrl,
      `select actor_type, actor_id, action from audit_event where target_id = $1`,
      [d.createDepartment.department.id],
    );
    expect(rows).toEqual([{ actor_type: 'API_KEY', actor_id: created.createApiKey.apiKey.id, action: 'identity.department.create' }]);
  });
});

describe('IP allowlist', () => {
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('blocks a staff request from outside the list at once, never residents, and refuses a change that would lock out its author', async () => {
    const outsider = t.admin.withHeaders(from('203.0.113.9'));
    expect((await outsider.request(`{ departments { totalCount } }`)).errors).toBeUndefined();

    const lockout = await t.admin
      .withHeaders(from('198.51.100.7'))
      .request(`mutation { addIpAllowlistEntry(input: { cidr: "192.0.2.0/24" }) { entry { id } } }`);
    expect(lockout.errors?.[0]?.extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'WOULD_LOCK_OUT' });

    const insider = t.admin.withHeaders(from('192.0.2.10'));
    const added = await insider.ok(
      `mutation { addIpAllowlistEntry(input: { cidr: "192.0.2.10/24", description: "庁内LAN" }) { entry { id cidr } } }`,
    );
    expect(added.addIpAllowlistEntry.entry.cidr).toBe('192.0.2.0/24');
    await insider.ok(`mutation { addIpAllowlistEntry(input: { cidr: "2001:db8::1/32" }) { entry { cidr } } }`);

    const blocked = await outsider.request(`{ departments { totalCount } }`);
    expect(blocked.status).toBe(403);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IP_NOT_ALLOWED' });
    expect((await t.admin.withHeaders(from('2001:db8:1::5')).request(`{ departments { totalCount } }`)).errors).toBeUndefined();
    expect((await t.admin.withHeaders(from('::ffff:192.0.2.99')).request(`{ departments { totalCount } }`)).errors).toBeUndefined();

    // Logging in from outside is refused too; anonymous residents are not restricted.
    const login = await t.client(from('203.0.113.9')).request(`mutation { login(input: { loginId: "admin", password: "x" }) { status } }`);
    expect(login.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IP_NOT_ALLOWED' });
    expect((await t.client(from('203.0.113.9')).request(`{ residentViewer { id } }`)).errors).toBeUndefined();

    // IP-restricted API keys obey the list; unrestricted ones do not.
    const restricted = await insider.ok(
      `mutation { createApiKey(input: { name: "制限あり", permissions: ["departments.read"], ipRestricted: true }) { secret } }`,
    );
    const open = await insider.ok(`mutation { createApiKey(input: { name: "制限なし", permissions: ["departments.read"] }) { secret } }`);
    expect(
      await t
        .client({ ...from('203.0.113.9'), authorization: `Bearer ${restricted.createApiKey.secret}` })
        .code(`{ departments { totalCount } }`),
    ).toBe('FORBIDDEN');
    expect(
      (
        await t
          .client({ ...from('203.0.113.9'), authorization: `Bearer ${open.createApiKey.secret}` })
          .request(`{ departments { totalCount } }`)
      ).errors,
    ).toBeUndefined();

    // Removing the entries lifts the restriction.
    const list = await insider.ok(`{ ipAllowlist { id cidr } }`);
    const v6 = list.ipAllowlist.find((e: { cidr: string }) => e.cidr.includes(':'));
    const v4 = list.ipAllowlist.find((e: { cidr: string }) => !e.cidr.includes(':'));
    await insider.ok(`mutation($id: ID!) { removeIpAllowlistEntry(id: $id) { deletedId } }`, { id: v6.id });
    await insider.ok(`mutation($id: ID!) { removeIpAllowlistEntry(id: $id) { deletedId } }`, { id: v4.id });
    expect((await outsider.request(`{ departments { totalCount } }`)).errors).toBeUndefined();
  });

  it('rejects a malformed CIDR with a Japanese field message', async () => {
    const res = await t.admin.request(`mutation { addIpAllowlistEntry(input: { cidr: "10.0.0.300/8" }) { entry { id } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields?.['cidr']).toMatch(/CIDR/);
  });
});
