import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { createTestDatabase, sql } from './support/database.js';
import { GqlClient } from './support/graphql-client.js';
import { ADMIN_PASSWORD_AFTER_CHANGE, CHANGE_PASSWORD, LOGIN, testEnv } from './support/test-server.js';
import { loadConfig } from '../src/config/config.js';
import { installKeyring, Keyring } from '../src/platform/crypto/keyring.js';
import { runMigrations } from '../src/database.js';
import { seedDemoMunicipality } from '../src/cli/seed.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts src/main.ts in its own process and resolves with its URL once it listens. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/"url":"(http:\/\/[^"]+)"[^\n]*server listening/);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), 45_000).unref();
  });
}

function exitOf(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { PATH: process.env['PATH']!, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('start-up configuration', () => {
  it('refuses to start with a clear line for every bad or missing setting', async () => {
    const { code, stderr } = await exitOf({ DATABASE_URL: 'mysql://localhost/x', PORT: 'http', ENCRYPTION_KEYS: 'k1:tooshort' });
    expect(code).toBe(78);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(stderr).toContain('PORT must be a number');
    expect(stderr).toMatch(/ENCRYPTION_KEYS must be a comma-separated list/);
    expect(stderr).toContain('HASH_KEY is required');
    expect(stderr).toContain('ENCRYPTION_ACTIVE_KEY_ID is required');
  });
});

describe('two server processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const children: ChildProcess[] = [];
  let env: Record<string, string>;
  let password: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = testEnv(db.url, { PUBSUB_BACKEND: 'postgres' });
    const config = loadConfig(env);
    installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
    await runMigrations(config);
    password = (await seedDemoMunicipality(config)).adminPassword!;
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db?.drop();
  });

  it('delivers an event published on one process to a subscriber on the other (PostgreSQL NOTIFY)', async () => {
    const a = await startProcess(env);
    children.push(a.child);
    const b = await startProcess(env);
    children.push(b.child);

    const adminA = new GqlClient(a.url);
    await adminA.ok(LOGIN, { input: { loginId: 'admin', password } });
    await adminA.ok(CHANGE_PASSWORD, { input: { currentPassword: password, newPassword: ADMIN_PASSWORD_AFTER_CHANGE } });
    const adminB = new GqlClient(b.url);
    await adminB.ok(LOGIN, { input: { loginId: 'admin', password: ADMIN_PASSWORD_AFTER_CHANGE } });

    const ws = createClient({
      url: a.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: adminA.cookieHeader() } });
        }
      },
    });
    const received: Array<{ action: string; targetId: string }> = [];
    const errors: string[] = [];
    ws.subscribe<{ auditEventAdded: { action: string; targetId: string } }>(
      { query: `subscription { auditEventAdded { action targetId actorLabel } }` },
      {
        next: (msg) => {
          if (msg.errors) errors.push(JSON.stringify(msg.errors));
          if (msg.data) received.push(msg.data.auditEventAdded);
        },
        error: (err) => errors.push(String(err instanceof Error ? err.message : JSON.stringify(err))),
        complete: () => undefined,
      },
    );
    const waitFor = async (id: string) => {
      for (let i = 0; i < 20 && !received.some((e) => e.targetId === id); i++) await new Promise((r) => setTimeout(r, 100));
    };
    // The subscription is live once an event from its own process arrives; keep poking until then.
    let warm = '';
    for (let i = 0; i < 10 && !received.some((e) => e.targetId === warm); i++) {
      warm = (
        await adminA.ok(`mutation($c: String!) { createDepartment(input: { code: $c, name: "準備" }) { department { id } } }`, {
          c: `warm-${i}`,
        })
      ).createDepartment.department.id;
      await waitFor(warm);
    }
    expect(errors).toEqual([]);
    expect(received.some((e) => e.targetId === warm)).toBe(true);

    const created = await adminB.ok(`mutation { createDepartment(input: { code: "cross", name: "別プロセス課" }) { department { id } } }`);
    const id = created.createDepartment.department.id;
    await waitFor(id);
    await ws.dispose();
    expect(errors).toEqual([]);
    expect(received).toContainEqual(expect.objectContaining({ action: 'identity.department.create', targetId: id }));
  });

  it('ends a session on every instance at once, although each caches resolved sessions', async () => {
    const a = await startProcess(env);
    children.push(a.child);
    const b = await startProcess(env);
    children.push(b.child);
    const onA = new GqlClient(a.url);
    // The first test of this block changes the seeded password; this one may run alone.
    if ((await onA.request(LOGIN, { input: { loginId: 'admin', password: ADMIN_PASSWORD_AFTER_CHANGE } })).errors) {
      await onA.ok(LOGIN, { input: { loginId: 'admin', password } });
      await onA.ok(CHANGE_PASSWORD, { input: { currentPassword: password, newPassword: ADMIN_PASSWORD_AFTER_CHANGE } });
    }
    const onB = new GqlClient(b.url, { cookie: onA.cookieHeader() });
    const query = `{ departments(first: 1) { totalCount } }`;
    expect((await onB.request(query)).errors).toBeUndefined(); // B has resolved (and cached) the session
    await onA.ok(`mutation { logout }`);
    // The invalidation travels by NOTIFY; the session must be over on B within moments, not a minute.
    const deadline = Date.now() + 3_000;
    let code: string | undefined;
    while (Date.now() < deadline && (code = await onB.code(query)) !== 'UNAUTHENTICATED') await new Promise((r) => setTimeout(r, 50));
    expect(code).toBe('UNAUTHENTICATED');
  });

  it('keeps secrets and personal data out of the logs', async () => {
    const c = await startProcess(env);
    children.push(c.child);
    const client = new GqlClient(c.url);
    await client.request(LOGIN, { input: { loginId: 'admin', password: 'Wrong-secret-Password-9' } });
    await client.ok(LOGIN, { input: { loginId: 'admin', password: ADMIN_PASSWORD_AFTER_CHANGE } });
    await client.ok(
      `mutation { createStaffUser(input: { loginId: "logcheck", displayName: "ログ確認", email: "taro.log@city.example.jp", departmentId: "${(await client.ok(`{ departments(first: 1) { edges { node { id } } } }`)).departments.edges[0].node.id}", roleIds: [], initialPassword: "Initial-Log-Pass-1" }) { staffUser { id } } }`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const log = c.output();
    expect(log).toContain('"requestId"');
    for (const secret of [
      'Wrong-secret-Password-9',
      ADMIN_PASSWORD_AFTER_CHANGE,
      'Initial-Log-Pass-1',
      'taro.log@city.example.jp',
      'machi_staff=',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('keeps serving after the requests that used to stop it, and logs each once as the client’s fault', async () => {
    const c = await startProcess(env);
    children.push(c.child);
    let exited = false;
    c.child.once('exit', () => (exited = true));
    const malformed = await fetch(`${c.url}/webhook/%E0%A4%A`, { method: 'POST', body: '{}', headers: { 'x-line-signature': 'x' } });
    expect(malformed.status).toBe(400);
    for (const path of ['/admin/%E0%A4%A', '/api/talk-log.csv?from=%E0%A4%A', '/graphql?query=%E0%A4%A']) {
      expect((await fetch(`${c.url}${path}`)).status).toBeLessThan(500);
    }
    const badJson = await fetch(`${c.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q' });
    expect(badJson.status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(exited).toBe(false);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    expect(c.output()).not.toMatch(/"level":(50|60)/); // nothing logged as an error or fatal: these are the client's mistakes
  });
});

describe('resident sign-in with a LIFF ID token', () => {
  let jwks: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;
  let t: Awaited<ReturnType<typeof import('./support/test-server.js').startTestServer>>;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const addr = jwks.address();
    jwksUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/certs`;
    const { startTestServer } = await import('./support/test-server.js');
    t = await startTestServer({ LINE_LOGIN_CHANNEL_ID: '1657000000', LINE_JWKS_URL: jwksUrl });
  });
  afterAll(async () => {
    await t?.close();
    jwks?.close();
  });

  const token = (opts: { audience?: string } = {}, key: KeyLike = privateKey) =>
    new SignJWT({ name: '山田 花子', picture: 'https://profile.line-scdn.net/abc' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setIssuer('https://access.line.me')
      .setSubject('U4af4980629c0ffee00000000000000001')
      .setAudience(opts.audience ?? '1657000000')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);

  it('verifies the token, opens a resident session and stores the LINE user id only encrypted', async () => {
    const resident = t.client();
    const res = await resident.ok(
      `mutation($t: String!) { residentSignIn(input: { idToken: $t }) { resident { id displayName language } } }`,
      { t: await token({}) },
    );
    expect(res.residentSignIn.resident).toMatchObject({ displayName: '山田 花子', language: 'ja' });
    const me = await resident.ok(`{ residentViewer { id displayName } viewer { ip } }`);
    expect(me.residentViewer.id).toBe(res.residentSignIn.resident.id);
    expect(me.viewer).toBeNull();
    expect(await resident.code(`{ departments { totalCount } }`)).toBe('FORBIDDEN');

    const rows = await sql(t.databaseUrl, `select * from resident`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('U4af4980629c0ffee');
    expect(JSON.stringify(rows)).not.toContain('山田');

    // Signing in again finds the same resident through the keyed hash.
    const again = await t
      .client()
      .ok(`mutation($t: String!) { residentSignIn(input: { idToken: $t }) { resident { id } } }`, { t: await token({}) });
    expect(again.residentSignIn.resident.id).toBe(res.residentSignIn.resident.id);

    await resident.ok(`mutation { residentSignOut }`);
    expect((await resident.ok(`{ residentViewer { id } }`)).residentViewer).toBeNull();
  });

  it('rejects tokens for another channel, from another key, or expired', async () => {
    const other = await generateKeyPair('ES256');
    const wrongAudience = await token({ audience: '1999999999' });
    const wrongKey = await token({}, other.privateKey);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setIssuer('https://access.line.me')
      .setSubject('U1')
      .setAudience('1657000000')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(privateKey);
    for (const bad of [wrongAudience, wrongKey, expired, 'not-a-jwt']) {
      const res = await t
        .client()
        .request(`mutation($t: String!) { residentSignIn(input: { idToken: $t }) { resident { id } } }`, { t: bad });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toMatch(/LINE/);
    }
  });
});
