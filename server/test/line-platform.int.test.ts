import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { sql } from './support/database.js';
import { until } from './support/wait.js';
import { emulatorControl } from './support/emulator.js';
import { LineApiError } from '../src/platform/line/line-gateway.js';

const CHANNEL = {
  channelId: '2000001234',
  channelSecret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  accessToken: 'emulator-access-token-for-line-platform-tests',
};

let emulator: RunningEmulator;
let t: TestServer;
let channelId: string;

const control = emulatorControl(() => emulator);

const credentials = () => ({ id: channelId, channelAccessToken: CHANNEL.accessToken });

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200, 500] });
  await control('POST', '/_emulator/channels', {
    ...CHANNEL,
    displayName: 'テスト市公式',
    basicId: '@testcity',
    monthlyMessageLimit: 1000,
  });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url });
  const created = await t.admin.ok(
    `mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id webhookUrl } } }`,
    {
      input: {
        name: 'テスト市',
        purpose: 'TRAINING',
        messagingChannelId: CHANNEL.channelId,
        channelSecret: CHANNEL.channelSecret,
        channelAccessToken: CHANNEL.accessToken,
      },
    },
  );
  channelId = created.createLineChannel.channel.id;
  // webhookUrl is built from PUBLIC_URL; the test server listens on a random port instead.
  expect(created.createLineChannel.channel.webhookUrl).toBe(`${t.config.PUBLIC_URL}/webhook/${channelId}`);
  await control('PATCH', `/_emulator/channels/${CHANNEL.channelId}`, { webhookUrl: `${t.url}/webhook/${channelId}`, webhookActive: true });
});
afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('against the LINE Platform emulator', () => {
  it('checks the connection and learns the bot profile', async () => {
    const res = await t.admin.ok(
      `mutation($id: ID!) { checkLineChannelConnection(id: $id) { ok message channel { basicId botDisplayName botUserId } } }`,
      { id: channelId },
    );
    expect(res.checkLineChannelConnection).toMatchObject({ ok: true, channel: { basicId: '@testcity', botDisplayName: 'テスト市公式' } });
    expect(res.checkLineChannelConnection.message).toContain('テスト市公式');
  });

  it('a follow creates the resident with their LINE profile and the greeting reaches their phone; unfollow marks them blocked', async () => {
    // Creating a simulated friend adds the account: LINE sends the follow webhook.
    const { friends } = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
      count: 1,
      displayNames: ['川田 さくら'],
    });
    const userId = friends[0]!.userId;

    const resident = await until(async () => {
      const list = await t.admin.ok(
        `{ residents(first: 10, filter: { followStatus: FOLLOWING }) { edges { node { id displayName followStatus channel { id } } } } }`,
      );
      return list.residents.edges.map((e: any) => e.node).find((n: any) => n.displayName === '川田 さくら');
    });
    expect(resident.channel.id).toBe(channelId);

    const received = await until(async () => {
      const r = await control<{ messages: Array<{ message: { type: string; text?: string }; delivery?: { kind: string } }> }>(
        'GET',
        `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
      );
      return r.messages.length ? r.messages : undefined;
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.message.text).toMatch(/友だち追加ありがとうございます/);
    expect(received[0]!.delivery?.kind).toBe('reply');

    const timeline = await t.admin.ok(
      `query($id: ID!) { resident(id: $id) { followHistory { kind } talkLog(first: 10) { edges { node { direction origin } } } } }`,
      { id: resident.id },
    );
    expect(timeline.resident.followHistory.map((f: { kind: string }) => f.kind)).toEqual(['FOLLOW']);
    expect(timeline.resident.talkLog.edges[0].node).toEqual({ direction: 'OUTGOING', origin: 'greeting' });

    // Staff find residents by part of their (encrypted) name through the blind index.
    const search = async (q: string) =>
      (
        await t.admin.ok(`query($q: String) { residents(first: 10, filter: { search: $q }) { edges { node { id } } } }`, { q })
      ).residents.edges.map((e: any) => e.node.id);
    expect(await search('さくら')).toEqual([resident.id]);
    expect(await search('川田')).toEqual([resident.id]);
    expect(await search('サクラ')).toEqual([resident.id]);
    expect(await search('田中')).toEqual([]);
    expect(JSON.stringify(await sql(t.databaseUrl, `select * from resident_name_token`))).not.toMatch(/さくら|川田/);
    const refreshed = await t.admin.ok(`mutation($id: ID!) { refreshResidentProfile(id: $id) { resident { displayName } } }`, {
      id: resident.id,
    });
    expect(refreshed.refreshResidentProfile.resident.displayName).toBe('川田 さくら');

    await control('POST', `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/unfollow`);
    await until(
      async () =>
        (await t.admin.ok(`query($id: ID!) { resident(id: $id) { followStatus } }`, { id: resident.id })).resident.followStatus ===
        'BLOCKED',
    );
  });

  it('retries a push that LINE accepted but answered with 500, with the same retry key, and the resident receives it once', async () => {
    const { friends } = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
      count: 1,
    });
    const userId = friends[0]!.userId;
    await control('POST', '/_emulator/faults', {
      operation: 'pushMessage',
      channelId: CHANNEL.channelId,
      kind: 'error',
      status: 500,
      phase: 'after',
      count: 1,
    });

    const result = await t.app.lineGateway.push(
      credentials(),
      { to: userId, messages: [{ type: 'text', text: '再送テスト' }] },
      { ref: 'test' },
    );
    expect(result.alreadyAccepted).toBe(true);
    const pushes = (
      await control<{ messages: Array<{ message: { text?: string } }> }>(
        'GET',
        `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
      )
    ).messages.filter((m) => m.message.text === '再送テスト');
    expect(pushes).toHaveLength(1);
    const [record] = await sql<{ status: string; attempts: number; line_request_id: string }>(
      t.databaseUrl,
      `select status, attempts, line_request_id from line_send_request where retry_key = $1`,
      [result.retryKey],
    );
    expect(record).toMatchObject({ status: 'ACCEPTED', attempts: 2 });
    expect(record!.line_request_id).toBeTruthy();

    // Sending again with a key we know was accepted does not even call LINE.
    const again = await t.app.lineGateway.push(
      credentials(),
      { to: userId, messages: [{ type: 'text', text: '再送テスト' }] },
      { retryKey: result.retryKey },
    );
    expect(again.alreadyAccepted).toBe(true);
    const after = (
      await control<{ messages: Array<{ message: { text?: string } }> }>(
        'GET',
        `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
      )
    ).messages;
    expect(after.filter((m) => m.message.text === '再送テスト')).toHaveLength(1);
  });

  it('backs off on 429 and succeeds on the next attempt', async () => {
    const { friends } = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
      count: 2,
    });
    await control('POST', '/_emulator/faults', { operation: 'multicast', channelId: CHANNEL.channelId, kind: 'rateLimit', count: 1 });
    const started = Date.now();
    const result = await t.app.lineGateway.multicast(credentials(), {
      to: friends.map((f) => f.userId),
      messages: [{ type: 'text', text: '混雑テスト' }],
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(result.alreadyAccepted).toBe(false);
    const [record] = await sql<{ status: string; attempts: number; recipients: number }>(
      t.databaseUrl,
      `select status, attempts, recipients from line_send_request where retry_key = $1`,
      [result.retryKey],
    );
    expect(record).toEqual({ status: 'ACCEPTED', attempts: 2, recipients: 2 });
  });

  it('recognises an exhausted monthly quota and does not retry it', async () => {
    await control('PATCH', `/_emulator/channels/${CHANNEL.channelId}`, { monthlyMessageLimit: 0 });
    try {
      const { friends } = await control<{ friends: Array<{ userId: string }> }>(
        'POST',
        `/_emulator/channels/${CHANNEL.channelId}/friends`,
        { count: 1 },
      );
      const failure = await t.app.lineGateway
        .push(credentials(), { to: friends[0]!.userId, messages: [{ type: 'text', text: '上限テスト' }] })
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(LineApiError);
      expect((failure as LineApiError).kind).toBe('MONTHLY_QUOTA_EXHAUSTED');
      const rows = await sql<{ status: string; attempts: number }>(
        t.databaseUrl,
        `select status, attempts from line_send_request order by created_at desc limit 1`,
      );
      expect(rows[0]).toEqual({ status: 'FAILED', attempts: 1 });
    } finally {
      await control('PATCH', `/_emulator/channels/${CHANNEL.channelId}`, { monthlyMessageLimit: 1000 });
    }
  });

  it('gets a LINE error body for an invalid message and does not retry it', async () => {
    const failure = await t.app.lineGateway
      .multicast(credentials(), {
        to: Array.from({ length: 501 }, (_, i) => `U${i.toString(16).padStart(32, '0')}`),
        messages: [{ type: 'text', text: 'x' }],
      })
      .catch((err: unknown) => err);
    expect((failure as LineApiError).kind).toBe('BAD_REQUEST');
    expect((failure as LineApiError).status).toBe(400);
  });
});

describe('resident search permissions', () => {
  it('needs the personal-data permission to search by name', async () => {
    const { createStaff } = await import('./support/test-server.js');
    const { client } = await createStaff(t, { loginId: 'resident-reader', permissions: ['residents.read'] });
    expect((await client.request(`{ residents(first: 5) { totalCount } }`)).errors).toBeUndefined();
    expect(await client.code(`{ residents(first: 5, filter: { search: "さくら" }) { totalCount } }`)).toBe('FORBIDDEN');
  });
});
