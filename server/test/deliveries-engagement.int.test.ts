import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { ResidentSession } from '../src/modules/residents/resident-session.entity.js';
import { RESIDENT_SESSION_COOKIE } from '../src/modules/residents/resident-auth.service.js';
import { sha256Hex } from '../src/platform/crypto/digest.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import { GqlClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { emulatorControl } from './support/emulator.js';

/**
 * A delivery that records engagement (「反応を記録する」, docs/adr/0016), end to end against the LINE
 * emulator: what friends receive, who is recorded when they open it, and the segment condition on
 * it. Runs are prepared and sent here by calling the runner, as the job runner would.
 */

const LIFF_ID = '1660009999-EnGaGeMe';
const PUBLIC_URL = 'https://line.city.example.jp';
const CHANNEL = {
  channelId: '1660000999',
  channelSecret: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
  accessToken: 'emulator-access-token-for-engagement-001',
};
const LINK = 'https://www.city.example.jp/kenshin/2026?area=north';

let emulator: RunningEmulator;
let t: TestServer;
let f: Factories;
let manager: NewStaff;
let channelId = '';
let segmentId = '';
const friends: Array<{ userId: string; residentId: string; tester: boolean }> = [];

const CREATE = `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id recordEngagement } } }`;
const UPDATE = `mutation($id: ID!, $input: DeliveryInput!) { updateDelivery(id: $id, input: $input) { delivery { id recordEngagement } } }`;
const DUPLICATE = `mutation($id: ID!) { duplicateDelivery(id: $id) { delivery { id recordEngagement } } }`;
const SEND = `mutation($id: ID!) { sendDelivery(id: $id) { delivery { id status } } }`;
const TEST = `mutation($id: ID!) { sendTestDelivery(id: $id) { run { id kind recordsEngagement } } }`;
const RUNS = `query($id: ID!) { delivery(id: $id) { runs { id kind recordsEngagement } } }`;
const OPEN = `mutation($token: String!) { openTrackedLink(token: $token) { url identified } }`;
const COUNT = `query($c: JSONObject!, $o: SegmentCountOptions) { countSegmentCondition(condition: $c, options: $o) { count } }`;
const CREATE_SEGMENT = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`;

const control = emulatorControl(() => emulator);

/** The texts a friend received from the account, oldest first. */
async function textsOf(userId: string): Promise<string[]> {
  const { messages } = await control<{ messages: Array<{ message: { text?: string } }> }>(
    'GET',
    `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
  );
  return messages.map((m) => m.message.text ?? '');
}

async function drive(runId: string): Promise<void> {
  await t.app.modules.deliveries.runner.prepare(runId);
  await t.app.modules.deliveries.runner.sendLane(runId);
}

async function create(input: Record<string, unknown>): Promise<string> {
  const res = await manager.client.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE, {
    input: {
      channelId,
      targetKind: 'SEGMENTS',
      segmentIds: [segmentId],
      variants: [{ language: 'ja', messages: [{ type: 'text', text: `乳幼児健診のご案内です。詳しくは ${LINK} をご覧ください。` }] }],
      ...input,
    },
  });
  return res.createDelivery.delivery.id;
}

async function realRunOf(deliveryId: string): Promise<string> {
  const rows = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [
    deliveryId,
  ]);
  return rows[0]!.id;
}

/** Sends it for real, to the end, and answers what each friend received last. */
async function sendForReal(deliveryId: string): Promise<Map<string, string>> {
  await manager.client.ok(SEND, { id: deliveryId });
  await drive(await realRunOf(deliveryId));
  const last = new Map<string, string>();
  for (const friend of friends) last.set(friend.userId, (await textsOf(friend.userId)).at(-1) ?? '');
  return last;
}

/** A signed-in LIFF session for a friend the emulator made (as after LIFF sign-in). */
async function signedIn(residentId: string): Promise<GqlClient> {
  const em = unscopedFork(t.app.orm.em);
  const token = randomBytes(32).toString('base64url');
  em.persist(
    em.create(ResidentSession, {
      tokenHash: sha256Hex(token),
      resident: em.getReference(Resident, residentId),
      expiresAt: new Date(Date.now() + 3_600_000),
    }),
  );
  await em.flush();
  return new GqlClient(t.url, { cookie: `${RESIDENT_SESSION_COOKIE}=${token}` });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LIFF_LINK = new RegExp(`https://liff\\.line\\.me/${escape(LIFF_ID)}/r/([A-Za-z0-9_-]{16,64})`);
const PLAIN_LINK = new RegExp(`${escape(PUBLIC_URL)}/r/([A-Za-z0-9_-]{16,64})`);

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: '反応市', basicId: '@engagement', monthlyMessageLimit: 10_000 });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url, PUBLIC_URL, LIFF_ID });
  f = new Factories(t);
  manager = await f.newStaff({
    permissions: ['deliveries.read', 'deliveries.manage', 'deliveries.send', 'segments.read', 'segments.manage'],
    departmentId: (await f.newDepartment('健康づくり課')).id,
  });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '反応市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  const made = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
    count: 5,
    sendFollowEvents: false,
  });
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  made.friends.forEach(({ userId }, i) => {
    const resident = em.create(Resident, {
      channel,
      lineUserIdHash: userId,
      lineUserId: userId,
      followStatus: FollowStatus.FOLLOWING,
      followedAt: new Date(),
      language: 'ja',
      isTestRecipient: i < 2,
    });
    em.persist(resident);
    friends.push({ userId, residentId: resident.id, tester: i < 2 });
  });
  await em.flush();
  const segment = await manager.client.ok<{ createSegment: { segment: { id: string } } }>(CREATE_SEGMENT, {
    input: { name: '反応市の友だち', condition: { type: 'channel', channelId } },
  });
  segmentId = segment.createSegment.segment.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('a delivery that records engagement', () => {
  it('is possible here: the server has a LIFF app', async () => {
    expect((await manager.client.ok<{ canRecordEngagement: boolean }>(`{ canRecordEngagement }`)).canRecordEngagement).toBe(true);
  });

  it('sends its links through the LIFF app in a real run (tests get plain links), records who opens one, and can then be named by a segment', async () => {
    const id = await create({ title: '乳幼児健診のご案内', recordEngagement: true });
    const clicked = { type: 'engagement', deliveryId: id, action: 'clicked' };
    const options = { channelId };

    // A test run: plain redirects, and it does not make the delivery one that records anyone.
    const test = await manager.client.ok<{ sendTestDelivery: { run: { id: string; recordsEngagement: boolean } } }>(TEST, { id });
    expect(test.sendTestDelivery.run.recordsEngagement).toBe(false);
    await drive(test.sendTestDelivery.run.id);
    const tester = friends.find((x) => x.tester)!;
    const testText = (await textsOf(tester.userId)).at(-1)!;
    expect(testText).not.toContain('liff.line.me');
    const testToken = PLAIN_LINK.exec(testText)?.[1];
    expect(testToken, testText).toBeDefined();
    const early = await manager.client.request(COUNT, { c: clicked, o: options });
    expect(early.errors?.[0]?.extensions?.['fields']).toEqual({ 'condition.deliveryId': expect.stringMatching(/反応を記録していない/) });
    // A tester trying the link is counted, never recorded.
    await fetch(`${t.url}/r/${testToken}`, { redirect: 'manual' });

    const received = await sendForReal(id);
    for (const friend of friends) {
      const text = received.get(friend.userId)!;
      expect(text, friend.userId).not.toContain(LINK);
      expect(text, friend.userId).not.toContain(`${PUBLIC_URL}/r/`);
      // The same link as the test's, now through the LIFF app.
      expect(LIFF_LINK.exec(text)?.[1], text).toBe(testToken);
    }
    const runs = await manager.client.ok<{ delivery: { runs: Array<{ kind: string; recordsEngagement: boolean }> } }>(RUNS, { id });
    expect(runs.delivery.runs.map((r) => [r.kind, r.recordsEngagement]).sort()).toEqual([
      ['REAL', true],
      ['TEST', false],
    ]);

    // A friend who received it opens it in LINE: recorded; the segment condition on it is accepted.
    const reader = friends[3]!;
    const opened = await (
      await signedIn(reader.residentId)
    ).ok<{ openTrackedLink: { url: string; identified: boolean } }>(OPEN, {
      token: testToken,
    });
    expect(opened.openTrackedLink).toEqual({ url: LINK, identified: true });
    expect((await manager.client.ok(COUNT, { c: clicked, o: options })).countSegmentCondition.count).toBe(1);
    const notClicked = { type: 'engagement', deliveryId: id, action: 'notClicked' };
    expect((await manager.client.ok(COUNT, { c: notClicked, o: options })).countSegmentCondition.count).toBe(friends.length - 1);
    const saved = await manager.client.ok<{ createSegment: { segment: { id: string } } }>(CREATE_SEGMENT, {
      input: { name: '健診のご案内を開いていない人', condition: notClicked },
    });
    expect(saved.createSegment.segment.id).toBeTruthy();
  });

  it('without it sends plain redirects, and a segment condition on it is refused', async () => {
    const id = await create({ title: '計測だけのお知らせ' });
    const received = await sendForReal(id);
    for (const friend of friends) {
      const text = received.get(friend.userId)!;
      expect(text, friend.userId).not.toContain('liff.line.me');
      expect(PLAIN_LINK.test(text), text).toBe(true);
    }
    const runs = await manager.client.ok<{ delivery: { runs: Array<{ recordsEngagement: boolean }> } }>(RUNS, { id });
    expect(runs.delivery.runs.map((r) => r.recordsEngagement)).toEqual([false]);
    const res = await manager.client.request(CREATE_SEGMENT, {
      input: { name: '計測だけのお知らせに反応した人', condition: { type: 'engagement', deliveryId: id, action: 'clicked' } },
    });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.['fields']).toEqual({
      'condition.deliveryId':
        '配信「計測だけのお知らせ」は反応を記録していないため、条件に使えません（「反応を記録する」を選んで送った配信だけが使えます）。',
    });
  });

  it('is kept by a copy, changed by an update and audited with the send', async () => {
    const id = await create({ title: '複製の確認', recordEngagement: true });
    const copy = await manager.client.ok<{ duplicateDelivery: { delivery: { id: string; recordEngagement: boolean } } }>(DUPLICATE, { id });
    expect(copy.duplicateDelivery.delivery.recordEngagement).toBe(true);
    const off = await manager.client.ok<{ updateDelivery: { delivery: { recordEngagement: boolean } } }>(UPDATE, {
      id: copy.duplicateDelivery.delivery.id,
      input: { recordEngagement: false },
    });
    expect(off.updateDelivery.delivery.recordEngagement).toBe(false);
    // Leaving it out changes nothing.
    const untouched = await manager.client.ok<{ updateDelivery: { delivery: { recordEngagement: boolean } } }>(UPDATE, {
      id,
      input: { title: '複製の確認（改）' },
    });
    expect(untouched.updateDelivery.delivery.recordEngagement).toBe(true);
    await sendForReal(id);
    const [event] = await sql<{ summary: Record<string, unknown> }>(
      t.databaseUrl,
      `select summary::jsonb as summary from audit_event where action = 'deliveries.send' and target_id = $1`,
      [id],
    );
    expect(event!.summary).toMatchObject({ recordEngagement: true });
  });
});
