import fs from 'node:fs';
import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { ADMIN_PASSWORD_AFTER_CHANGE, startTestServer, type TestServer } from '../support/test-server.js';
import { Factories } from '../support/factories.js';
import { sql } from '../support/database.js';
import { until } from '../support/wait.js';
import { WsClient } from '../support/ws-client.js';

/**
 * Regression tests for what an outside probe of the product found (issue 7), one describe per
 * finding; the generated suites beside this file cover the same ground for every field and route.
 */

let t: TestServer;
let f: Factories;
beforeAll(async () => {
  t = await startTestServer({ LINE_API_BASE_URL: 'http://127.0.0.1:9' });
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
});

const sameSite = { 'sec-fetch-site': 'same-origin' };
const download = (path: string, headers: Record<string, string>) => fetch(`${t.url}${path}`, { headers });

/** A signed webhook call carrying one text message from a resident. */
async function incomingText(channel: { id: string; channelSecret: string }, text: string, userId = `U${randomUUID().replaceAll('-', '')}`) {
  const body = JSON.stringify({
    destination: 'Ubot',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: `01${randomUUID().replaceAll('-', '').slice(0, 24).toUpperCase()}`,
        deliveryContext: { isRedelivery: false },
        replyToken: randomUUID(),
        source: { type: 'user', userId },
        message: { type: 'text', id: String(Date.now()), text },
      },
    ],
  });
  const res = await fetch(`${t.url}/webhook/${channel.id}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-line-signature': createHmac('sha256', channel.channelSecret).update(body).digest('base64'),
    },
    body,
  });
  expect(res.status).toBe(200);
}

describe('3. the WebSocket transport gets the HTTP hardening', () => {
  it('masks database errors, and applies the depth and cost limits', async () => {
    const admin = await f.newStaff({ isSystemAdmin: true });
    const ws = new WsClient(t.url, { headers: { cookie: admin.cookie } });
    try {
      const invalid = await ws.request(`{ department(id: "not-a-uuid") { id } }`);
      expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(invalid)).not.toMatch(/select|from "department"|uuid/i);
      const deep = await ws.request(`{ ${'viewer { staff { department { '.repeat(5)}id${' } } }'.repeat(5)} }`);
      expect(deep.errors?.[0]?.extensions?.reason).toBe('QUERY_TOO_DEEP');
      const costly = await ws.request(
        `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: departments(first: 100) { edges { node { id } } }`).join(' ')} }`,
      );
      expect(costly.errors?.[0]?.extensions?.reason).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await ws.close();
    }
  });

  it('reads the client address through TRUST_PROXY, so the IP allowlist applies to WebSocket too', async () => {
    const inside = { 'x-forwarded-for': '192.0.2.10' };
    const admin = await f.newStaff({ isSystemAdmin: true });
    const insider = admin.client.withHeaders(inside);
    const entry = await insider.ok(`mutation { addIpAllowlistEntry(input: { cidr: "192.0.2.0/24" }) { entry { id } } }`);
    try {
      const outsider = new WsClient(t.url, { headers: { cookie: admin.cookie, 'x-forwarded-for': '203.0.113.9' } });
      const refused = await outsider.request(`{ viewer { ip } }`);
      await outsider.close();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IP_NOT_ALLOWED' });
      const allowed = new WsClient(t.url, { headers: { cookie: admin.cookie, ...inside } });
      const seen = await allowed.request(`{ viewer { ip } }`);
      await allowed.close();
      expect(seen.data?.viewer?.ip).toBe('192.0.2.10');
    } finally {
      await insider.ok(`mutation($id: ID!) { removeIpAllowlistEntry(id: $id) { deletedId } }`, { id: entry.addIpAllowlistEntry.entry.id });
    }
  });
});

describe('3. introspection and /metrics in production', () => {
  let prod: TestServer;
  beforeAll(async () => {
    // The same keys as the other server of this file: the field-encryption keyring is one per process.
    const keys = {
      ENCRYPTION_KEYS: t.env['ENCRYPTION_KEYS']!,
      ENCRYPTION_ACTIVE_KEY_ID: t.env['ENCRYPTION_ACTIVE_KEY_ID']!,
      HASH_KEY: t.env['HASH_KEY']!,
    };
    prod = await startTestServer({ NODE_ENV: 'production', PUBLIC_URL: 'https://line.city.example.jp', ...keys });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('turns introspection off on both transports', async () => {
    const http = await prod.admin.request(`{ __schema { queryType { name } } }`);
    expect(http.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ws = new WsClient(prod.url, { headers: { cookie: prod.admin.cookieHeader() } });
    const overWs = await ws.request(`{ __schema { queryType { name } } }`);
    await ws.close();
    expect(overWs.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(overWs.data ?? null).toBeNull();
  });

  it('answers /metrics only with METRICS_TOKEN (without one configured, not at all)', async () => {
    expect((await fetch(`${prod.url}/metrics`)).status).toBe(404);
  });
});

describe('4. CSV formula injection', () => {
  it('neutralises every cell of every export that a spreadsheet would run as a formula', async () => {
    // Dangerous text in each export: a resident's message (talk log), a User-Agent (operation log).
    const channel = await f.newChannel();
    await incomingText(channel, '=HYPERLINK("http://evil.example","クリック")');
    await until(
      async () =>
        (await sql(t.databaseUrl, `select 1 from line_webhook_event where channel_id = $1 and status = 'PROCESSED'`, [channel.id])).length >
        0,
    );
    await t
      .client({ 'user-agent': "=cmd|' /C calc'!A0" })
      .request(`mutation { login(input: { loginId: "nobody", password: "x" }) { status } }`);
    // A sent delivery's title (delivery history), its run written as the runner leaves it.
    const [delivery] = await sql<{ id: string }>(
      t.databaseUrl,
      `insert into delivery (id, title, department_id, channel_id, variants, target_kind, timing, status)
       select gen_random_uuid(), '=1+1 のお知らせ', id, $1, '[]', 'ALL', 'IMMEDIATE', 'SENT' from department limit 1 returning id`,
      [channel.id],
    );
    await sql(
      t.databaseUrl,
      `insert into delivery_run (id, delivery_id, department_id, channel_id, kind, status, occurrence, day, compiled, completed_at)
       select gen_random_uuid(), id, department_id, channel_id, 'REAL', 'COMPLETED', 'now', '2026-12-11', '{}', now() from delivery where id = $1`,
      [delivery!.id],
    );

    // A download of one record (`:id`) cannot be fetched blind: each is listed with the test file
    // that seeds such a record with a dangerous cell and checks it, and a new one must be added here.
    const perRecord: Record<string, string> = {
      '/api/public-comments/:id/opinions.csv': 'public-comment.int.test.ts',
    };
    for (const route of t.server.routes.filter((r) => r.download && r.path.includes(':'))) {
      const file = perRecord[route.path];
      expect(file, `${route.path}: list the test that checks its cells`).toBeDefined();
      const source = fs.readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      expect(source, `${file} does not download ${route.path}`).toContain(route.path.split('/:id/')[1]!);
      expect(source, `${file} does not check neutralised cells`).toMatch(/'=|"=|`=/);
    }
    const downloads = t.server.routes.filter((r) => r.download && !r.path.includes(':'));
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    for (const route of downloads) {
      const res = await download(route.path, { cookie: t.admin.cookieHeader(), ...sameSite });
      expect(res.status, route.path).toBe(200);
      const text = Buffer.from(await res.arrayBuffer())
        .subarray(3)
        .toString('utf8');
      const rows: string[][] = parseCsv(text, {});
      const cells = rows.flat();
      expect(
        cells.filter((c) => /^[=+\-@\t\r]/.test(c)),
        route.path,
      ).toEqual([]);
      expect(
        cells.some((c) => /^'[=+\-@]/.test(c)),
        `${route.path} has no dangerous cell to neutralise: seed one`,
      ).toBe(true);
    }
  });
});

describe('5. subscriptions end with their session', () => {
  const SUBSCRIBE = `subscription { auditEventAdded { action targetId } }`;

  /** A staff member of a department watching its operation log, and a way to add events to it. */
  async function watcher() {
    const department = await f.newDepartment();
    const staff = await f.newStaff({ permissions: ['audit.read'], departmentId: department.id });
    const ws = new WsClient(t.url, { headers: { cookie: staff.cookie } });
    const sub = ws.subscribe<{ auditEventAdded: { action: string; targetId: string } }>(SUBSCRIBE);
    const event = async () => {
      const d = await t.admin.ok(`mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { department { id } } }`, {
        i: { id: department.id, name: `部署 ${randomUUID().slice(0, 8)}` },
      });
      return d.updateDepartment.department.id as string;
    };
    // Live once an event of its own department arrives.
    await until(async () => {
      await event();
      return sub.events.some((e) => e.data?.auditEventAdded);
    });
    return { staff, ws, sub, event };
  }

  const delivered = (sub: { events: Array<{ data?: unknown }> }) => sub.events.filter((e) => e.data).length;

  it.each([
    ['logout', async (w: Awaited<ReturnType<typeof watcher>>) => void (await w.staff.client.ok(`mutation { logout }`))],
    [
      'a password reset by an administrator',
      async (w: Awaited<ReturnType<typeof watcher>>) =>
        void (await t.admin.ok(`mutation($i: ResetStaffPasswordInput!) { resetStaffPassword(input: $i) { staffUser { id } } }`, {
          i: { id: w.staff.staff.id, newPassword: 'Reset-By-Admin-2026!' },
        })),
    ],
    [
      'deactivation',
      async (w: Awaited<ReturnType<typeof watcher>>) =>
        void (await t.admin.ok(`mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`, {
          i: { id: w.staff.staff.id, isActive: false },
        })),
    ],
    [
      'a role change that takes audit.read away',
      async (w: Awaited<ReturnType<typeof watcher>>) =>
        void (await t.admin.ok(`mutation($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id } } }`, {
          i: { id: w.staff.staff.id, roleIds: [] },
        })),
    ],
  ])('delivers nothing more after %s, and ends the subscription', async (_what, end) => {
    const w = await watcher();
    try {
      await end(w);
      const before = delivered(w.sub);
      await w.event();
      await Promise.race([w.sub.ended, new Promise((r) => setTimeout(r, 3000))]);
      await new Promise((r) => setTimeout(r, 200));
      expect(delivered(w.sub)).toBe(before);
      const codes = w.sub.events.flatMap((e) => e.errors ?? []).map((e) => e.extensions?.code);
      expect(codes.some((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN')).toBe(true);
    } finally {
      w.sub.stop();
      await w.ws.close();
    }
  });

  it('stops an API key’s subscription once the key is revoked', async () => {
    const department = await f.newDepartment();
    const key = await f.newApiKey({ permissions: ['audit.read'], departmentId: department.id });
    const ws = new WsClient(t.url, { connectionParams: { authorization: `Bearer ${key.secret}` } });
    const sub = ws.subscribe<{ auditEventAdded: { action: string } }>(SUBSCRIBE);
    const event = () =>
      t.admin.ok(`mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { department { id } } }`, {
        i: { id: department.id, name: `部署 ${randomUUID().slice(0, 8)}` },
      });
    try {
      await until(async () => {
        await event();
        return sub.events.some((e) => e.data);
      });
      await t.admin.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }`, { id: key.key.id });
      const before = sub.events.filter((e) => e.data).length;
      await event();
      await Promise.race([sub.ended, new Promise((r) => setTimeout(r, 3000))]);
      expect(sub.events.filter((e) => e.data).length).toBe(before);
      expect(sub.events.flatMap((e) => e.errors ?? []).map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
    } finally {
      sub.stop();
      await ws.close();
    }
  });
});

describe('6. CSV downloads go through the same gate as GraphQL', () => {
  it.each([
    ['has not enrolled the TOTP their role requires', { totpEnrolmentRequired: true }, 'TOTP_ENROLMENT_REQUIRED'],
    ['must change their password first', { mustChangePassword: true }, 'PASSWORD_CHANGE_REQUIRED'],
  ])('refuses a staff member who %s', async (_what, options, reason) => {
    const staff = await f.newStaff({ permissions: ['talklog.export', 'audit.export', 'audit.read'], ...options });
    for (const path of ['/api/talk-log.csv', '/api/audit-events.csv']) {
      const res = await download(path, { cookie: staff.cookie, ...sameSite });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { errors: Array<{ extensions: { reason: string } }> }).errors[0]!.extensions.reason).toBe(reason);
    }
  });
});

describe('9. nothing a stranger sends grows memory without bound', () => {
  it('keeps the webhook channel cache bounded however many channel ids are tried', async () => {
    for (let i = 0; i < 1300; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, () =>
          fetch(`${t.url}/webhook/${randomUUID()}`, { method: 'POST', body: '{}', headers: { 'x-line-signature': 'x' } }),
        ),
      );
    }
    const cache = t.app.modules.channels.lineChannels.cacheSize();
    expect(cache.size).toBeLessThanOrEqual(cache.max);
    expect(cache.max).toBeLessThanOrEqual(1000);
  });

  it('labels request metrics by route pattern, never by the raw path', async () => {
    const random = `/no-such-${randomUUID()}`;
    await fetch(`${t.url}${random}`);
    await fetch(`${t.url}/admin/${randomUUID()}`);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).not.toContain(random);
    expect(metrics).toMatch(/route="other"/);
    expect(metrics).not.toMatch(/route="\/admin\/[0-9a-f]{8}-/);
  });
});

describe('10. the client’s mistakes are the client’s errors', () => {
  it('answers invalid ids, cursors, NUL bytes and out-of-range ids with BAD_USER_INPUT, and logs no error', async () => {
    const admin = await f.newStaff({ isSystemAdmin: true });
    const codeOf = async (query: string, variables?: Record<string, unknown>) =>
      (await admin.client.request(query, variables)).errors?.[0]?.extensions;
    expect(await codeOf(`{ staffUser(id: "not-a-uuid") { id } }`)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await codeOf(`{ departments(after: "bm90LWEtY3Vyc29y") { totalCount } }`)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: expect.any(String) },
    });
    expect(await codeOf(`{ departments(after: "%%%") { totalCount } }`)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      await codeOf(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { department { id } } }`, {
        i: { code: 'nul', name: 'a\u0000b' },
      }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { name: expect.stringContaining('NUL') },
    });
    expect(await codeOf(`mutation { retryLineWebhookEvent(id: "99999999999999999999999") { event { id } } }`)).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await codeOf(`mutation { retryLineWebhookEvent(id: "-1") { event { id } } }`)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe("11. another feature's objects need its permission, except one's own account", () => {
  it('shows a staff member their own department and roles on sign-in and as the viewer, without departments.read or roles.read', async () => {
    const dept = await f.newDepartment();
    const me = await f.newStaff({ permissions: ['staff.read'], departmentId: dept.id, loginId: 'own-record' });
    await sql(
      t.databaseUrl,
      `update staff_user set password_hash = (select password_hash from staff_user where login_id = 'admin') where id = $1`,
      [me.staff.id],
    );
    const OWN = `staff { id department { id } roles { id } }`;
    const login = await t.client().request(`mutation($i: LoginInput!) { login(input: $i) { status viewer { ${OWN} } } }`, {
      i: { loginId: 'own-record', password: ADMIN_PASSWORD_AFTER_CHANGE },
    });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login.viewer.staff.department.id).toBe(dept.id);
    const viewer = await me.client.request(`{ viewer { ${OWN} } }`);
    expect(viewer.errors).toBeUndefined();
    // Someone else's department and roles stay behind the permissions.
    const colleague = await f.newStaff({ permissions: [], departmentId: dept.id });
    const other = await me.client.request(`query($id: ID!) { staffUser(id: $id) { department { id } } }`, { id: colleague.staff.id });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('12. counts stay within the department', () => {
  it("counts only the caller's departments in the chain verification, staff per department and role members", async () => {
    const mine = await f.newDepartment();
    const theirs = await f.newDepartment();
    const shared = await f.newRole({ permissions: ['departments.read'] });
    await f.newStaff({ roles: [shared], departmentId: theirs.id });
    await f.newStaff({ roles: [shared], departmentId: theirs.id });
    const me = await f.newStaff({ permissions: ['audit.read', 'departments.read', 'roles.read'], roles: [shared], departmentId: mine.id });

    const verification = await me.client.ok(`{ auditChainVerification { ok checked } }`);
    const [row] = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from audit_event where department_id = $1`, [
      mine.id,
    ]);
    expect(verification.auditChainVerification).toEqual({ ok: true, checked: Number(row!.n) });

    const depts = await me.client.ok(`{ departments(first: 100) { edges { node { id staffCount } } } }`);
    const count = (id: string) => depts.departments.edges.find((e: { node: { id: string } }) => e.node.id === id)?.node.staffCount;
    expect(count(mine.id)).toBe(1);
    expect(count(theirs.id)).toBeNull();

    const role = await me.client.ok(`query($id: ID!) { role(id: $id) { staffCount } }`, { id: shared.id });
    expect(role.role.staffCount).toBe(1);
  });
});

describe('13. each page gets the Content-Security-Policy meant for it', () => {
  it("lets the LIFF app reach LINE's hosts, and nothing else", async () => {
    const liff = (await fetch(`${t.url}/liff/`)).headers.get('content-security-policy') ?? '';
    const admin = (await fetch(`${t.url}/admin/`)).headers.get('content-security-policy') ?? '';
    expect(liff).toContain('https://api.line.me');
    expect(liff).toMatch(/img-src[^;]*https:\/\/profile\.line-scdn\.net/);
    expect(admin).not.toContain('line.me');
    for (const csp of [liff, admin]) expect(csp).toContain("frame-ancestors 'none'");
    expect((await fetch(`${t.url}/liff/config.json`)).headers.get('content-security-policy')).toContain('https://api.line.me');
  });
});

describe('14. webhook edges', () => {
  it('stores an event whose id is longer than LINE’s without failing the events batched with it', async () => {
    const channel = await f.newChannel();
    const long = { type: 'unfollow', webhookEventId: 'x'.repeat(500), timestamp: Date.now(), source: { type: 'user', userId: 'Ulong' } };
    const normal = {
      type: 'unfollow',
      webhookEventId: '01NORMAL0000000000000000',
      timestamp: Date.now(),
      source: { type: 'user', userId: 'Unormal' },
    };
    const body = JSON.stringify({ destination: 'U', events: [long, 'not an event', null, normal] });
    const sign = (b: string) => createHmac('sha256', channel.channelSecret).update(b).digest('base64');
    const post = (b: string) =>
      fetch(`${t.url}/webhook/${channel.id}`, { method: 'POST', headers: { 'x-line-signature': sign(b) }, body: b });
    const [a, b] = await Promise.all([
      post(body),
      post(JSON.stringify({ destination: 'U', events: [{ ...normal, webhookEventId: '01OTHER000000000000000000' }] })),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const stored = await sql<{ webhook_event_id: string }>(
      t.databaseUrl,
      `select webhook_event_id from line_webhook_event where channel_id = $1`,
      [channel.id],
    );
    expect(stored).toHaveLength(3);
    expect(stored.every((r) => r.webhook_event_id.length <= 64)).toBe(true);
    // Redelivered, the long id is recognised as the same event.
    expect((await post(body)).status).toBe(200);
    expect(await sql(t.databaseUrl, `select 1 from line_webhook_event where channel_id = $1`, [channel.id])).toHaveLength(3);
  });
});

describe('15. downloads cannot be triggered from another site', () => {
  it('refuses a cross-site GET with the session cookie, and writes no audit event', async () => {
    const before = await sql(t.databaseUrl, `select 1 from audit_event where action in ('audit.export', 'talklog.export')`);
    for (const path of ['/api/audit-events.csv', '/api/talk-log.csv']) {
      for (const headers of [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { referer: 'https://evil.example/page' },
        {},
      ] as Array<Record<string, string>>) {
        const res = await download(path, { cookie: t.admin.cookieHeader(), ...headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(((await res.json()) as { errors: Array<{ extensions: { reason: string } }> }).errors[0]!.extensions.reason).toBe(
          'CROSS_SITE_REQUEST',
        );
      }
    }
    expect(await sql(t.databaseUrl, `select 1 from audit_event where action in ('audit.export', 'talklog.export')`)).toHaveLength(
      before.length,
    );
    // From our own pages (or typed into the address bar) it works; an API key needs no such proof.
    expect((await download('/api/audit-events.csv', { cookie: t.admin.cookieHeader(), referer: `${t.url}/admin/audit` })).status).toBe(200);
    expect((await download('/api/audit-events.csv', { cookie: t.admin.cookieHeader(), 'sec-fetch-site': 'none' })).status).toBe(200);
    const key = await f.newApiKey({ permissions: ['audit.export'] });
    expect((await download('/api/audit-events.csv', { authorization: `Bearer ${key.secret}` })).status).toBe(200);
  });
});
