import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestServer, type TestServer } from './support/test-server.js';
import { refuseAuditEvents, sql } from './support/database.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const VERIFY = `{ auditChainVerification { ok checked firstBrokenSeq message } }`;

describe('operation log', () => {
  it('writes one event per mutation in the same transaction, with actor, target, IP and user agent', async () => {
    const c = t.admin.withHeaders({ 'user-agent': 'AuditTest/1.0', 'x-forwarded-for': '192.0.2.44' });
    const d = await c.ok(`mutation { createDepartment(input: { code: "audit-d", name: "監査テスト課" }) { department { id } } }`);
    const id = d.createDepartment.department.id;
    const events = await t.admin.ok(
      `query($f: AuditEventFilter) { auditEvents(first: 10, filter: $f) { totalCount edges { node { action actorType actorLabel targetType targetId ip userAgent summary } } } }`,
      {
        f: { targetType: 'Department', targetId: id },
      },
    );
    expect(events.auditEvents.totalCount).toBe(1);
    const e = events.auditEvents.edges[0].node;
    expect(e).toMatchObject({
      action: 'identity.department.create',
      actorType: 'STAFF',
      actorLabel: 'admin',
      targetId: id,
      ip: '192.0.2.44',
      userAgent: 'AuditTest/1.0',
    });
    expect(JSON.parse(e.summary)).toEqual({ code: 'audit-d', name: '監査テスト課' });

    // In the same transaction: a change whose event cannot be written does not happen.
    const restore = await refuseAuditEvents(t.databaseUrl, 'identity.department.create', 'audit-tx');
    try {
      await c.request(`mutation { createDepartment(input: { code: "audit-tx", name: "記録なし" }) { department { id } } }`);
    } finally {
      await restore();
    }
    expect(await sql(t.databaseUrl, `select 1 from department where code = 'audit-tx'`)).toHaveLength(0);
  });

  it('filters by action prefix and pages with cursors', async () => {
    for (let i = 0; i < 5; i++)
      await t.admin.ok(`mutation($c: String!) { createDepartment(input: { code: $c, name: "ページ" }) { department { id } } }`, {
        c: `page-${i}`,
      });
    const first = await t.admin.ok(
      `{ auditEvents(first: 2, filter: { action: "identity.department." }) { totalCount pageInfo { hasNextPage endCursor } edges { node { seq action } } } }`,
    );
    expect(first.auditEvents.edges).toHaveLength(2);
    expect(first.auditEvents.totalCount).toBeGreaterThanOrEqual(6);
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    const next = await t.admin.ok(
      `query($a: String) { auditEvents(first: 2, after: $a, filter: { action: "identity.department." }) { edges { node { seq action } } } }`,
      { a: first.auditEvents.pageInfo.endCursor },
    );
    const seqs = [...first.auditEvents.edges, ...next.auditEvents.edges].map((e: { node: { seq: string } }) => Number(e.node.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(4);
    expect(
      [...first.auditEvents.edges, ...next.auditEvents.edges].every((e: { node: { action: string } }) =>
        e.node.action.startsWith('identity.department.'),
      ),
    ).toBe(true);
  });

  it("shows a department's staff only their department's events", async () => {
    const a = await createStaff(t, { loginId: 'auditor-a', permissions: ['audit.read', 'departments.read'] });
    const events = await a.client.ok(`{ auditEvents(first: 100) { edges { node { departmentId } } } }`);
    const depts = new Set(events.auditEvents.edges.map((e: { node: { departmentId: string } }) => e.node.departmentId));
    expect([...depts]).toEqual([a.departmentId]);
  });

  it('exports the filtered log as CSV (with BOM and Japanese headers) and logs the export', async () => {
    const cookie = t.admin.cookieHeader();
    const res = await fetch(`${t.url}/api/audit-events.csv?action=identity.department.`, {
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel opens it as UTF-8
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('番号,日時,操作者種別,操作者');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(1).every((l) => l.includes('identity.department.'))).toBe(true);
    const logged = await sql(t.databaseUrl, `select 1 from audit_event where action = 'audit.export'`);
    expect(logged.length).toBe(1);

    expect((await fetch(`${t.url}/api/audit-events.csv`)).status).toBe(401);
    const noPerm = await createStaff(t, { loginId: 'no-export', permissions: ['audit.read'] });
    expect(
      (await fetch(`${t.url}/api/audit-events.csv`, { headers: { cookie: noPerm.client.cookieHeader(), 'sec-fetch-site': 'same-origin' } }))
        .status,
    ).toBe(403);
  });

  it('verifies the hash chain and reports the first tampered or missing row', async () => {
    const ok = await t.admin.ok(VERIFY);
    expect(ok.auditChainVerification.ok).toBe(true);
    expect(ok.auditChainVerification.checked).toBeGreaterThan(10);

    const rows = await sql<{ seq: string; summary: string | null }>(
      t.databaseUrl,
      `select seq::text, summary from audit_event order by seq limit 3 offset 3`,
    );
    const [target, deleted, after] = rows;
    await sql(t.databaseUrl, `update audit_event set summary = '{"name":"書き換え"}' where seq = $1`, [target!.seq]);
    const broken = await t.admin.ok(VERIFY);
    expect(broken.auditChainVerification).toMatchObject({ ok: false, firstBrokenSeq: target!.seq });
    expect(broken.auditChainVerification.message).toMatch(/改ざん/);

    // Putting the text back repairs that link; deleting a row then breaks the link after it.
    await sql(t.databaseUrl, `update audit_event set summary = $2 where seq = $1`, [target!.seq, target!.summary]);
    expect((await t.admin.ok(VERIFY)).auditChainVerification.ok).toBe(true);
    await sql(t.databaseUrl, `delete from audit_event where seq = $1`, [deleted!.seq]);
    const gap = await t.admin.ok(VERIFY);
    expect(gap.auditChainVerification).toMatchObject({ ok: false, firstBrokenSeq: after!.seq });
  });

  it('purges events past the retention period and the remainder still verifies from the moved anchor', async () => {
    // Same keys as the main server: the keyring is process-wide.
    const fresh = await startTestServer({ ENCRYPTION_KEYS: t.env['ENCRYPTION_KEYS']!, HASH_KEY: t.env['HASH_KEY']! });
    try {
      for (let i = 0; i < 3; i++)
        await fresh.admin.ok(`mutation($c: String!) { createDepartment(input: { code: $c, name: "古い" }) { department { id } } }`, {
          c: `old-${i}`,
        });
      const before = await sql<{ n: string }>(fresh.databaseUrl, `select count(*)::text as n from audit_event`);
      const inTwentyFiveMonths = new Date();
      inTwentyFiveMonths.setMonth(inTwentyFiveMonths.getMonth() + 25);
      const result = await fresh.app.modules.audit.audit.purgeExpired(inTwentyFiveMonths);
      expect(result.deleted).toBe(Number(before[0]!.n));
      const left = await sql<{ action: string }>(fresh.databaseUrl, `select action from audit_event`);
      expect(left.map((r) => r.action)).toEqual(['audit.purge']);
      // Nothing is old enough today: a second purge deletes nothing.
      expect((await fresh.app.modules.audit.audit.purgeExpired()).deleted).toBe(0);

      await fresh.admin.ok(`mutation { createDepartment(input: { code: "new-1", name: "新しい" }) { department { id } } }`);
      const verify = await fresh.admin.ok(VERIFY);
      expect(verify.auditChainVerification).toMatchObject({ ok: true, checked: 2 });
    } finally {
      await fresh.close();
    }
  });

  it('rejects a retention period outside 6 to 120 months', async () => {
    const res = await t.admin.request(`mutation { updateAuditSettings(input: { retentionMonths: 3 }) { retentionMonths } }`);
    expect(res.errors?.[0]?.extensions?.fields?.['retentionMonths']).toMatch(/6〜120/);
    expect((await t.admin.ok(`{ auditSettings { retentionMonths } }`)).auditSettings.retentionMonths).toBe(24);
  });
});

describe('encryption at rest', () => {
  it('keeps no plaintext of personal fields in the raw rows', async () => {
    await createStaff(t, { loginId: 'private-person', permissions: [], email: 'hanako.yamada@city.example.jp' });
    const raw = await sql<{ email: string }>(t.databaseUrl, `select email from staff_user where login_id = 'private-person'`);
    expect(raw[0]!.email).toMatch(/^v1\.k1\./);
    expect(raw[0]!.email).not.toContain('hanako');
    const dump = await sql(t.databaseUrl, `select * from staff_user`);
    expect(JSON.stringify(dump)).not.toContain('hanako.yamada');
    const view = await t.admin.ok(`{ staffUsers(filter: { search: "private-person" }) { edges { node { email } } } }`);
    expect(view.staffUsers.edges[0].node.email).toBe('hanako.yamada@city.example.jp');
  });

  it('hides personal fields from staff without the read_personal permission', async () => {
    const { client } = await createStaff(t, { loginId: 'no-personal', permissions: ['staff.read'] });
    const res = await client.request(`{ staffUsers(first: 5) { edges { node { loginId email } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await client.request(`{ staffUsers(first: 5) { edges { node { loginId } } } }`)).errors).toBeUndefined();
  });

  it('re-encrypts every encrypted column with a new active key', async () => {
    const { reencryptAll } = await import('../src/platform/crypto/rotation.js');
    const { Keyring, installKeyring } = await import('../src/platform/crypto/keyring.js');
    const old = t.app.keyring;
    const k1 = [...t.config.ENCRYPTION_KEYS.entries()];
    const rotated = new Keyring(new Map([...k1, ['k2', Buffer.alloc(32, 9)]]), 'k2', t.config.HASH_KEY);
    installKeyring(rotated);
    try {
      const report = await reencryptAll(t.app.orm, rotated, () => undefined);
      expect(report.values).toBeGreaterThan(0);
      const raw = await sql<{ email: string }>(t.databaseUrl, `select email from staff_user where email is not null`);
      expect(raw.every((r) => r.email.startsWith('v1.k2.'))).toBe(true);
      const view = await t.admin.ok(`{ staffUsers(filter: { search: "private-person" }) { edges { node { email } } } }`);
      expect(view.staffUsers.edges[0].node.email).toBe('hanako.yamada@city.example.jp');
    } finally {
      installKeyring(old);
    }
  });
});
