import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/wait.js';
import { emulatorControl } from './support/emulator.js';

/**
 * Segment delivery end to end against the LINE emulator: runs are prepared into batches and sent
 * by lanes (called here directly, as the job runner would), and every check counts what friends
 * actually received in the emulator.
 */

const CHANNEL = {
  channelId: '1660000777',
  channelSecret: 'd0d1d2d3d4d5d6d7d8d9dadbdcdddedf',
  accessToken: 'emulator-access-token-for-deliveries-0001',
};
const FRIENDS = 1_300;
const PARENTS_EVERY = 3; // every third friend is tagged 子育て
const ENGLISH_EVERY = 10; // every tenth friend reads English

let emulator: RunningEmulator;
let t: TestServer;
let f: Factories;
let channelId = '';
let segmentId = '';
const friends: Array<{ userId: string; residentId: string; parent: boolean; english: boolean; tester: boolean }> = [];

const control = emulatorControl(() => emulator);

/** What each friend received from the account, by user id (texts of every message). */
async function received(): Promise<Map<string, string[]>> {
  const { friends: list } = await control<{ friends: Array<{ userId: string }> }>(
    'GET',
    `/_emulator/channels/${CHANNEL.channelId}/friends`,
  );
  const result = new Map<string, string[]>();
  for (let i = 0; i < list.length; i += 50)
    await Promise.all(
      list.slice(i, i + 50).map(async ({ userId }) => {
        const { messages } = await control<{ messages: Array<{ message: { type: string; text?: string; altText?: string } }> }>(
          'GET',
          `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
        );
        result.set(
          userId,
          messages.map((m) => m.message.text ?? m.message.altText ?? m.message.type),
        );
      }),
    );
  return result;
}

const runner = () => t.app.modules.deliveries.runner;

/** Runs a run to its end as the job runner would: the preparer and `lanes` sender lanes at once. */
async function drive(runId: string, lanes = 3): Promise<void> {
  await Promise.all([runner().prepare(runId), ...Array.from({ length: lanes }, () => runner().sendLane(runId))]);
  // Lanes that started before the first batch was written may have left; finish like the reconciler would.
  await Promise.all(Array.from({ length: lanes }, () => runner().sendLane(runId)));
}

const MESSAGES = (text: string) => [{ language: 'ja', messages: [{ type: 'text', text }] }];
const CREATE = `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id status targetKind } } }`;
const SEND = `mutation($id: ID!, $confirmAll: Boolean) { sendDelivery(id: $id, confirmAll: $confirmAll) { delivery { id status runs { id kind status } } } }`;
const TEST = `mutation($id: ID!) { sendTestDelivery(id: $id) { run { id kind status } } }`;
const RUN = `query($id: ID!) { deliveryRun(id: $id) { id status pauseReason preparedAt progress { batchesTotal batchesSent batchesPending recipientsPlanned recipientsSent recipientsFailed } } }`;
const PAUSE = `mutation($id: ID!) { pauseDeliveryRun(id: $id) { run { id status } } }`;
const RESUME = `mutation($id: ID!) { resumeDeliveryRun(id: $id) { run { id status } } }`;

async function createDelivery(client: TestServer['admin'], input: Record<string, unknown>): Promise<string> {
  const r = await client.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE, {
    input: { channelId, targetKind: 'SEGMENTS', segmentIds: [segmentId], ...input },
  });
  return r.createDelivery.delivery.id;
}

async function realRunOf(deliveryId: string): Promise<string> {
  const rows = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [
    deliveryId,
  ]);
  return rows[0]!.id;
}

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: '配信市', basicId: '@deliveries', monthlyMessageLimit: 100_000 });
  t = await startTestServer({
    LINE_API_BASE_URL: emulator.url,
    LINE_DATA_API_BASE_URL: emulator.url,
    PUBLIC_URL: 'https://line.city.example.jp',
  });
  f = new Factories(t);
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '配信市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  // The emulator makes at most 1,000 friends per call.
  const made: Array<{ userId: string }> = [];
  for (let left = FRIENDS; left > 0; left -= 1000) {
    const part = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
      count: Math.min(1000, left),
      sendFollowEvents: false,
    });
    made.push(...part.friends);
  }
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  made.forEach(({ userId }, i) => {
    const parent = i % PARENTS_EVERY === 0;
    const english = i % ENGLISH_EVERY === 0;
    const tester = i < 3;
    const resident = em.create(Resident, {
      channel,
      lineUserIdHash: userId,
      lineUserId: userId,
      followStatus: FollowStatus.FOLLOWING,
      followedAt: new Date(),
      language: english ? 'en' : 'ja',
      isTestRecipient: tester,
      tags: parent ? ['子育て'] : [],
    });
    em.persist(resident);
    friends.push({ userId, residentId: resident.id, parent, english, tester });
  });
  await em.flush();
  const segment = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
    `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
    { input: { name: '子育て世帯', condition: { type: 'tag', tag: '子育て' } } },
  );
  segmentId = segment.createSegment.segment.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('composing', () => {
  it('refuses messages over LINE limits with a Japanese message naming the field, and saves nothing', async () => {
    const before = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery`);
    const res = await t.admin.request(CREATE, {
      input: {
        title: '長すぎる本文',
        channelId,
        targetKind: 'SEGMENTS',
        segmentIds: [segmentId],
        variants: [{ language: 'ja', messages: [{ type: 'text', text: 'あ'.repeat(5001) }] }],
      },
    });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const fields = res.errors?.[0]?.extensions?.['fields'] as Record<string, string>;
    expect(Object.keys(fields)).toEqual(['variants.0.messages.0.text']);
    expect(fields['variants.0.messages.0.text']).toMatch(/5000/);
    const tooMany = await t.admin.request(CREATE, {
      input: {
        title: '6通',
        channelId,
        variants: [{ language: 'ja', messages: Array.from({ length: 6 }, (_, i) => ({ type: 'text', text: `${i}` })) }],
      },
    });
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const noJapanese = await t.admin.request(CREATE, {
      input: { title: '英語だけ', channelId, variants: [{ language: 'en', messages: [{ type: 'text', text: 'Hello' }] }] },
    });
    expect(Object.keys(noJapanese.errors?.[0]?.extensions?.['fields'] ?? {})).toContain('variants');
    const after = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('recording engagement without a LIFF app', () => {
  it('is impossible here: canRecordEngagement is false, and a tick is refused on recordEngagement in Japanese, saving nothing', async () => {
    expect((await t.admin.ok<{ canRecordEngagement: boolean }>(`{ canRecordEngagement }`)).canRecordEngagement).toBe(false);
    const before = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery`);
    const refused = await t.admin.request(CREATE, {
      input: { title: '反応を記録したい', channelId, targetKind: 'SEGMENTS', segmentIds: [segmentId], recordEngagement: true },
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.['fields']).toEqual({
      recordEngagement: expect.stringMatching(/LIFFアプリが設定されていない/),
    });
    const after = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery`);
    expect(after[0]!.n).toBe(before[0]!.n);

    const id = await createDelivery(t.admin, { title: '反応を記録しない配信', variants: MESSAGES('お知らせ'), recordEngagement: false });
    const update = await t.admin.request(
      `mutation($id: ID!, $input: DeliveryInput!) { updateDelivery(id: $id, input: $input) { delivery { id } } }`,
      {
        id,
        input: { recordEngagement: true },
      },
    );
    expect(update.errors?.[0]?.extensions?.['fields']).toHaveProperty('recordEngagement');
    const [row] = await sql<{ record_engagement: boolean }>(t.databaseUrl, `select record_engagement from delivery where id = $1`, [id]);
    expect(row!.record_engagement).toBe(false);
  });
});

describe('sending', () => {
  it('a test send reaches only the testers and is not the real run', async () => {
    const before = await received();
    const id = await createDelivery(t.admin, { title: 'テスト配信の確認', variants: MESSAGES('テストです') });
    const test = await t.admin.ok<{ sendTestDelivery: { run: { id: string; kind: string } } }>(TEST, { id });
    expect(test.sendTestDelivery.run.kind).toBe('TEST');
    await drive(test.sendTestDelivery.run.id);
    const after = await received();
    for (const friend of friends) {
      const got = (after.get(friend.userId) ?? []).length - (before.get(friend.userId) ?? []).length;
      expect(got, friend.userId).toBe(friend.tester ? 1 : 0);
    }
    const delivery = await t.admin.ok<{ delivery: { status: string; lastTestedAt: string | null } }>(
      `query($id: ID!) { delivery(id: $id) { status lastTestedAt } }`,
      { id },
    );
    expect(delivery.delivery.status).toBe('DRAFT');
    expect(delivery.delivery.lastTestedAt).not.toBeNull();
  });

  it('sends each matching friend exactly once, in their language, and nobody else', async () => {
    const before = await received();
    const id = await createDelivery(t.admin, {
      title: '子育てイベントのお知らせ',
      variants: [
        { language: 'ja', messages: [{ type: 'text', text: '子育て広場を開きます' }] },
        { language: 'en', messages: [{ type: 'text', text: 'Family day at the city hall' }] },
      ],
    });
    const sent = await t.admin.ok<{ sendDelivery: { delivery: { status: string } } }>(SEND, { id });
    expect(sent.sendDelivery.delivery.status).toBe('SENDING');
    const runId = await realRunOf(id);
    await drive(runId);
    const after = await received();
    let reached = 0;
    for (const friend of friends) {
      const got = (after.get(friend.userId) ?? []).slice((before.get(friend.userId) ?? []).length);
      if (!friend.parent) expect(got, friend.userId).toEqual([]);
      else {
        reached++;
        expect(got, friend.userId).toEqual([friend.english ? 'Family day at the city hall' : '子育て広場を開きます']);
      }
    }
    const run = await t.admin.ok<{ deliveryRun: any }>(RUN, { id: runId });
    expect(run.deliveryRun.status).toBe('COMPLETED');
    expect(run.deliveryRun.progress.recipientsSent).toBe(reached);
    expect(run.deliveryRun.progress.batchesPending).toBe(0);
    // Two languages, 500 per batch at most.
    expect(run.deliveryRun.progress.batchesTotal).toBe(Math.ceil(friends.filter((x) => x.parent && !x.english).length / 500) + 1);
    const status = await t.admin.ok<{ delivery: { status: string } }>(`query($id: ID!) { delivery(id: $id) { status } }`, { id });
    expect(status.delivery.status).toBe('SENT');
  });

  it('estimates two overlapping segments as the friends the run then reaches, each once', async () => {
    const english = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
      `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
      { input: { name: '英語で読む人', condition: { type: 'language', language: 'en' } } },
    );
    const id = await createDelivery(t.admin, {
      title: '重なる二つのセグメント',
      segmentIds: [segmentId, english.createSegment.segment.id],
      variants: MESSAGES('二つのセグメントへのお知らせ'),
    });
    const expected = friends.filter((x) => x.parent || x.english).length;
    // Fewer than the two segments' sizes added up: the friends in both count once.
    expect(expected).toBeLessThan(friends.filter((x) => x.parent).length + friends.filter((x) => x.english).length);
    const estimate = await t.admin.ok<{ deliveryEstimate: { recipients: number; messages: number } }>(
      `query($id: ID!) { deliveryEstimate(id: $id) { recipients messages } }`,
      { id },
    );
    expect(estimate.deliveryEstimate).toEqual({ recipients: expected, messages: expected });
    await t.admin.ok(SEND, { id });
    const runId = await realRunOf(id);
    await runner().prepare(runId);
    const [run] = await sql<{ planned: number }>(t.databaseUrl, `select planned_recipients as planned from delivery_run where id = $1`, [
      runId,
    ]);
    expect(run).toEqual({ planned: expected });
    await t.admin.ok(`mutation($id: ID!) { cancelDeliveryRun(id: $id) { run { id } } }`, { id: runId });
  });

  it('sends links as tracked redirects that lead exactly to the composed URL and count the taps (SEG-15)', async () => {
    const target = 'https://www.city.example.jp/kosodate/event?id=42';
    const id = await createDelivery(t.admin, {
      title: 'リンクつきのお知らせ',
      variants: MESSAGES(`子育て広場のご案内はこちら ${target}`),
    });
    await t.admin.ok(SEND, { id });
    await drive(await realRunOf(id));
    const parent = friends.find((x) => x.parent && !x.english)!;
    const { messages } = await control<{ messages: Array<{ message: { text?: string } }> }>(
      'GET',
      `/_emulator/channels/${CHANNEL.channelId}/friends/${parent.userId}/received`,
    );
    const text = messages.at(-1)!.message.text!;
    expect(text).not.toContain(target);
    const tracked = /https:\/\/line\.city\.example\.jp\/r\/([A-Za-z0-9_-]+)/.exec(text);
    expect(tracked, text).not.toBeNull();
    // The redirect answers on our server (PUBLIC_URL is the address LINE users see).
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${t.url}/r/${tracked![1]}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(target);
    }
    const CLICKS = `query($id: ID!) { delivery(id: $id) { clicks { total links { url clicks } } } }`;
    const clicks = await until(async () => {
      const r = await t.admin.ok<{ delivery: { clicks: { total: number; links: Array<{ url: string; clicks: number }> } } }>(CLICKS, {
        id,
      });
      return r.delivery.clicks.total === 3 ? r.delivery.clicks : undefined;
    }, 10_000);
    expect(clicks.links).toEqual([{ url: target, clicks: 3 }]);
  });

  it('retries a batch LINE accepted but answered 500 for, with the same retry key: nobody gets it twice', async () => {
    const before = await received();
    const id = await createDelivery(t.admin, { title: '再送の確認', variants: MESSAGES('再送テスト') });
    await t.admin.ok(SEND, { id });
    await control('POST', '/_emulator/faults', {
      operation: 'multicast',
      channelId: CHANNEL.channelId,
      kind: 'error',
      status: 500,
      phase: 'after',
      count: 2,
    });
    await drive(await realRunOf(id), 1);
    const after = await received();
    for (const friend of friends) {
      const got = (after.get(friend.userId) ?? []).slice((before.get(friend.userId) ?? []).length);
      expect(got, friend.userId).toEqual(friend.parent ? ['再送テスト'] : []);
    }
    const keys = await sql<{ attempts: number }>(
      t.databaseUrl,
      `select l.attempts from line_send_request l join delivery_batch b on b.retry_key = l.retry_key
       join delivery_run r on r.id = b.run_id where r.delivery_id = $1 order by b.seq`,
      [id],
    );
    expect(keys.some((k) => k.attempts > 1)).toBe(true);
  });

  it('a paused run sends nothing more until it is resumed, then finishes without duplicates', async () => {
    const before = await received();
    // Every friend of the channel: three batches, so a pause can land between them.
    const everyone = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
      `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
      { input: { name: 'チャネルの友だち全員', condition: { type: 'channel', channelId } } },
    );
    const id = await createDelivery(t.admin, {
      title: '一時停止の確認',
      segmentIds: [everyone.createSegment.segment.id],
      variants: MESSAGES('一時停止テスト'),
    });
    await t.admin.ok(SEND, { id });
    const runId = await realRunOf(id);
    await runner().prepare(runId);
    // Slow LINE down so the pause lands mid-run.
    await control('POST', '/_emulator/faults', {
      operation: 'multicast',
      channelId: CHANNEL.channelId,
      kind: 'delay',
      delayMs: 300,
      count: 3,
    });
    const lane = runner().sendLane(runId);
    await new Promise((r) => setTimeout(r, 100));
    const paused = await t.admin.ok<{ pauseDeliveryRun: { run: { status: string } } }>(PAUSE, { id: runId });
    expect(paused.pauseDeliveryRun.run.status).toBe('PAUSED');
    // The pause returned only after the batch in flight was answered: from here on nothing arrives.
    const atPause = await received();
    await lane;
    await runner().sendLane(runId);
    await new Promise((r) => setTimeout(r, 300));
    const later = await received();
    const count = (m: Map<string, string[]>) => [...m.values()].reduce((n, v) => n + v.length, 0);
    expect(count(later)).toBe(count(atPause));
    const mid = await t.admin.ok<{ deliveryRun: any }>(RUN, { id: runId });
    expect(mid.deliveryRun.progress.batchesPending).toBeGreaterThan(0);

    await t.admin.ok(RESUME, { id: runId });
    await drive(runId);
    const after = await received();
    for (const friend of friends) {
      const got = (after.get(friend.userId) ?? []).slice((before.get(friend.userId) ?? []).length);
      expect(got, friend.userId).toEqual(['一時停止テスト']);
    }
  });

  it('to every friend only after a test send and a second confirmation', async () => {
    const id = await createDelivery(t.admin, {
      title: '全員へのお知らせ',
      targetKind: 'ALL',
      segmentIds: [],
      variants: MESSAGES('全員へ'),
    });
    const untested = await t.admin.request(SEND, { id, confirmAll: true });
    expect(untested.errors?.[0]?.extensions?.['reason']).toBe('TEST_SEND_REQUIRED');
    const test = await t.admin.ok<{ sendTestDelivery: { run: { id: string } } }>(TEST, { id });
    await drive(test.sendTestDelivery.run.id);
    const unconfirmed = await t.admin.request(SEND, { id });
    expect(unconfirmed.errors?.[0]?.extensions?.['reason']).toBe('CONFIRMATION_REQUIRED');
    const runs = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from delivery_run where delivery_id = $1 and kind = 'REAL'`,
      [id],
    );
    expect(runs[0]!.n).toBe(0);
  });

  it('refuses a run the month’s remaining quota cannot finish', async () => {
    await control('PATCH', `/_emulator/channels/${CHANNEL.channelId}`, { monthlyMessageLimit: 10 });
    try {
      const id = await createDelivery(t.admin, { title: '通数不足', variants: MESSAGES('通数') });
      const res = await t.admin.request(SEND, { id });
      expect(res.errors?.[0]?.extensions?.['reason']).toBe('QUOTA_EXCEEDED');
      expect(res.errors?.[0]?.message).toMatch(/残り通数/);
      const runs = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery_run where delivery_id = $1`, [id]);
      expect(runs[0]!.n).toBe(0);
    } finally {
      await control('PATCH', `/_emulator/channels/${CHANNEL.channelId}`, { monthlyMessageLimit: 100_000 });
    }
  });
});

describe('who may send', () => {
  it('a role without deliveries.send asks for approval; a second staff member approves; nobody approves their own', async () => {
    const composer = await f.newStaff({ permissions: ['deliveries.read', 'deliveries.manage', 'segments.read', 'segments.manage'] });
    const approver = await f.newStaff({
      permissions: ['deliveries.read', 'deliveries.approve', 'deliveries.manage'],
      departmentId: composer.departmentId,
    });
    const segment = await composer.client.ok<{ createSegment: { segment: { id: string } } }>(
      `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
      { input: { name: '該当者なし', condition: { type: 'tag', tag: '存在しないタグ' } } },
    );
    // The admin's segment belongs to another department: the composer cannot target it (SEG-03 scope).
    const foreign = await composer.client.request(CREATE, {
      input: { title: '他部署のセグメント', channelId, targetKind: 'SEGMENTS', segmentIds: [segmentId], variants: MESSAGES('x') },
    });
    expect(foreign.errors?.[0]?.extensions?.['fields']).toHaveProperty('segmentIds');
    const created = await composer.client.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE, {
      input: {
        title: '承認が必要な配信',
        channelId,
        targetKind: 'SEGMENTS',
        segmentIds: [segment.createSegment.segment.id],
        variants: MESSAGES('承認'),
      },
    });
    const id = created.createDelivery.delivery.id;
    const direct = await composer.client.request(SEND, { id });
    expect(direct.errors?.[0]?.extensions?.['reason']).toBe('APPROVAL_REQUIRED');
    await composer.client.ok(`mutation($id: ID!) { requestDeliveryApproval(id: $id) { delivery { status } } }`, { id });
    const self = await composer.client.request(`mutation($id: ID!) { approveDelivery(id: $id) { delivery { status } } }`, { id });
    expect(self.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await approver.client.ok(`mutation($id: ID!) { approveDelivery(id: $id) { delivery { approvedAt } } }`, { id });
    const sent = await composer.client.ok<{ sendDelivery: { delivery: { status: string } } }>(SEND, { id });
    expect(sent.sendDelivery.delivery.status).toBe('SENDING');
  });

  it('another department’s deliveries and runs are NOT_FOUND', async () => {
    const id = await createDelivery(t.admin, { title: '他部署から見えない', variants: MESSAGES('部署') });
    const outsider = await f.newStaff({ permissions: ['deliveries.read', 'deliveries.manage', 'deliveries.send'] });
    const res = await outsider.client.request(`query($id: ID!) { delivery(id: $id) { id } }`, { id });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const send = await outsider.client.request(SEND, { id });
    expect(send.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
