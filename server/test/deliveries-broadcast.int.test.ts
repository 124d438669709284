import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { SEND_JOB } from '../src/modules/deliveries/delivery-runner.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { emulatorControl } from './support/emulator.js';

/**
 * "All friends" as one LINE broadcast (docs/adr/0014, "Broadcast") against the LINE emulator: a
 * real run of an ALL delivery with Japanese only is one broadcast call, which reaches every friend
 * LINE has (also those the system never knew), retried with its retry key and waiting for LINE's
 * hourly window without sending twice; several languages, and every test send, stay multicast.
 */

const CHANNEL = {
  channelId: '1660000555',
  channelSecret: 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecf',
  accessToken: 'emulator-access-token-for-broadcast-01',
};
/** Friends in the emulator; the first KNOWN of them are residents of the system (the rest added the account before it). */
const FRIENDS = 60;
const KNOWN = 54;
const TESTERS = 2;
const ENGLISH_EVERY = 9;

let emulator: RunningEmulator;
let t: TestServer;
let channelId = '';
const friends: Array<{ userId: string; known: boolean; english: boolean; tester: boolean }> = [];

const control = emulatorControl(() => emulator);

interface EmulatorRequest {
  requestId: string;
  kind: string;
  recipients: string[];
}

/** What the emulator accepted on the channel (every sending request, in order). */
async function requests(): Promise<EmulatorRequest[]> {
  return (await control<{ requests: EmulatorRequest[] }>('GET', `/_emulator/channels/${CHANNEL.channelId}/requests`)).requests;
}

/** The texts each friend received, by user id. */
async function received(): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  await Promise.all(
    friends.map(async ({ userId }) => {
      const { messages } = await control<{ messages: Array<{ message: { text?: string } }> }>(
        'GET',
        `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
      );
      result.set(
        userId,
        messages.map((m) => m.message.text ?? ''),
      );
    }),
  );
  return result;
}

/** How many times each friend received `text`. */
async function receivedCounts(text: string): Promise<Map<string, number>> {
  const all = await received();
  return new Map([...all].map(([userId, texts]) => [userId, texts.filter((x) => x === text).length]));
}

const runner = () => t.app.modules.deliveries.runner;

/** Runs a run to its end as the job runner would: the preparer and sender lanes at once, then lanes again. */
async function drive(runId: string, lanes = 2): Promise<void> {
  await Promise.all([runner().prepare(runId), ...Array.from({ length: lanes }, () => runner().sendLane(runId))]);
  await Promise.all(Array.from({ length: lanes }, () => runner().sendLane(runId)));
}

const CREATE = `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id sendMode } } }`;
const SEND = `mutation($id: ID!) { sendDelivery(id: $id, confirmAll: true) { delivery { id status } } }`;
const TEST = `mutation($id: ID!) { sendTestDelivery(id: $id) { run { id } } }`;
const RUN = `query($id: ID!) { deliveryRun(id: $id) { id kind status sendMode plannedRecipients
  progress { batchesTotal batchesSent batchesPending batchesFailed recipientsPlanned recipientsSent recipientsFailed }
  stats { sent opens { count withheld } clicks { count withheld } collectedAt } } }`;

interface RunView {
  id: string;
  kind: string;
  status: string;
  sendMode: string;
  plannedRecipients: number;
  progress: Record<string, number>;
  stats: { sent: number; opens: { count: number | null; withheld: boolean }; clicks: { count: number | null; withheld: boolean } };
}

const runView = async (id: string) => (await t.admin.ok<{ deliveryRun: RunView }>(RUN, { id })).deliveryRun;

/** An ALL delivery with these variants, tested (a send to everyone needs it) and then sent; its real run's id, not yet prepared. */
async function sentToAll(
  title: string,
  variants: Array<{ language: string; text: string }>,
): Promise<{ deliveryId: string; runId: string; testRunId: string; sendMode: string }> {
  const created = await t.admin.ok<{ createDelivery: { delivery: { id: string; sendMode: string } } }>(CREATE, {
    input: {
      title,
      channelId,
      targetKind: 'ALL',
      segmentIds: [],
      variants: variants.map((v) => ({ language: v.language, messages: [{ type: 'text', text: v.text }] })),
    },
  });
  const deliveryId = created.createDelivery.delivery.id;
  const test = await t.admin.ok<{ sendTestDelivery: { run: { id: string } } }>(TEST, { id: deliveryId });
  await drive(test.sendTestDelivery.run.id);
  await t.admin.ok(SEND, { id: deliveryId });
  const [run] = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [
    deliveryId,
  ]);
  return { deliveryId, runId: run!.id, testRunId: test.sendTestDelivery.run.id, sendMode: created.createDelivery.delivery.sendMode };
}

async function batchesOf(runId: string) {
  return sql<{
    kind: string;
    status: string;
    recipients: number;
    residents: number;
    attempts: number;
    retry_key: string;
    line_request_id: string | null;
    due_in_s: number | null;
    last_error: string | null;
  }>(
    t.databaseUrl,
    `select kind, status, recipients, cardinality(resident_ids) as residents, attempts, retry_key::text, line_request_id,
            extract(epoch from not_before - now())::float as due_in_s, last_error
       from delivery_batch where run_id = $1 order by seq`,
    [runId],
  );
}

beforeAll(async () => {
  emulator = await createEmulator();
  await control('POST', '/_emulator/channels', {
    ...CHANNEL,
    displayName: '一斉市',
    basicId: '@broadcast',
    monthlyMessageLimit: 1_000_000,
  });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '一斉市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  const made = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
    count: FRIENDS,
    sendFollowEvents: false,
  });
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  made.friends.forEach(({ userId }, i) => {
    const known = i < KNOWN;
    const english = i % ENGLISH_EVERY === 0;
    const tester = i < TESTERS;
    friends.push({ userId, known, english, tester });
    if (!known) return;
    em.persist(
      em.create(Resident, {
        channel,
        lineUserIdHash: userId,
        lineUserId: userId,
        followStatus: FollowStatus.FOLLOWING,
        followedAt: new Date(),
        language: english ? 'en' : 'ja',
        isTestRecipient: tester,
      }),
    );
  });
  await em.flush();
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
  await emulator?.close();
});

describe('a real run to all friends in Japanese only', () => {
  let runId = '';

  it('is one LINE broadcast that reaches every friend LINE has, and completes with the friends we know of as its progress', async () => {
    const before = await requests();
    const sent = await sentToAll('全員へのお知らせ', [{ language: 'ja', text: '一斉配信のお知らせです' }]);
    runId = sent.runId;
    expect(sent.sendMode).toBe('BROADCAST');
    expect((await runView(runId)).sendMode).toBe('BROADCAST');
    const afterTest = await requests();
    await drive(runId);
    const made = (await requests()).slice(afterTest.length);
    expect(made.map((r) => r.kind)).toEqual(['broadcast']);
    // Every friend of the channel, also the six the system never knew.
    expect(new Set(made[0]!.recipients)).toEqual(new Set(friends.map((f) => f.userId)));
    const counts = await receivedCounts('一斉配信のお知らせです');
    for (const friend of friends) expect(counts.get(friend.userId), friend.userId).toBe(friend.tester ? 2 : 1);

    const batches = await batchesOf(runId);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ kind: 'BROADCAST', status: 'SENT', recipients: KNOWN, residents: 0, attempts: 1 });
    expect(batches[0]!.line_request_id).toBe(made[0]!.requestId);
    const run = await runView(runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.progress).toMatchObject({
      batchesTotal: 1,
      batchesSent: 1,
      batchesPending: 0,
      batchesFailed: 0,
      recipientsPlanned: KNOWN,
      recipientsSent: KNOWN,
      recipientsFailed: 0,
    });
    const [record] = await sql<{ endpoint: string; status: string }>(
      t.databaseUrl,
      `select endpoint, status from line_send_request where retry_key = $1::uuid`,
      [batches[0]!.retry_key],
    );
    expect(record).toEqual({ endpoint: 'broadcast', status: 'ACCEPTED' });
    expect(before.length).toBeLessThan(afterTest.length);
  });

  it('its test send stayed a multicast to the testers only', async () => {
    const [test] = await sql<{ id: string }>(
      t.databaseUrl,
      `select t.id from delivery_run t join delivery_run r on r.delivery_id = t.delivery_id where r.id = $1 and t.kind = 'TEST'`,
      [runId],
    );
    const batches = await batchesOf(test!.id);
    expect(batches.map((b) => [b.kind, b.residents])).toEqual([['MULTICAST', TESTERS]]);
    expect((await runView(test!.id)).sendMode).toBe('MULTICAST');
    const [made] = await sql<{ endpoint: string; recipients: number }>(
      t.databaseUrl,
      `select l.endpoint, l.recipients from line_send_request l join delivery_batch b on b.retry_key = l.retry_key where b.run_id = $1`,
      [test!.id],
    );
    expect(made).toEqual({ endpoint: 'multicast', recipients: TESTERS });
  });

  it("its statistics are LINE's for the broadcast's request id; what LINE withholds stays withheld, not 0", async () => {
    // 25 friends open it (over LINE's threshold of 20); nobody taps a link (under it: withheld).
    for (const friend of friends.slice(0, 25))
      await control('POST', `/_emulator/channels/${CHANNEL.channelId}/friends/${friend.userId}/read`, {});
    const result = await t.app.modules.deliveries.stats.collect();
    expect(result.failed).toBe(0);
    const [row] = await sql<{ unique_impression: number | null; unique_click: number | null; collected: boolean }>(
      t.databaseUrl,
      `select unique_impression, unique_click, collected_at is not null as collected from delivery_stat where run_id = $1`,
      [runId],
    );
    expect(row).toEqual({ unique_impression: 25, unique_click: null, collected: true });
    const run = await runView(runId);
    expect(run.stats.opens).toEqual({ count: 25, withheld: false });
    expect(run.stats.clicks).toEqual({ count: null, withheld: true });
  });
});

describe('a real run to all friends in several languages', () => {
  it('stays multicast, each resident in their language, and nobody the system does not know', async () => {
    const sent = await sentToAll('多言語のお知らせ', [
      { language: 'ja', text: '多言語のお知らせです' },
      { language: 'en', text: 'A notice in several languages' },
    ]);
    expect(sent.sendMode).toBe('MULTICAST');
    const afterTest = await requests();
    await drive(sent.runId);
    const made = (await requests()).slice(afterTest.length);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((r) => r.kind === 'multicast')).toBe(true);
    const all = await received();
    for (const friend of friends) {
      const texts = (all.get(friend.userId) ?? []).filter((x) => x === '多言語のお知らせです' || x === 'A notice in several languages');
      const expected = friend.english ? 'A notice in several languages' : '多言語のお知らせです';
      expect(texts, friend.userId).toEqual(!friend.known ? [] : friend.tester ? [expected, expected] : [expected]);
    }
    const run = await runView(sent.runId);
    expect(run.sendMode).toBe('MULTICAST');
    expect(run.status).toBe('COMPLETED');
    expect(run.progress.recipientsSent).toBe(KNOWN);
    expect((await batchesOf(sent.runId)).every((b) => b.kind === 'MULTICAST')).toBe(true);
  });
});

describe('when LINE fails', () => {
  it('a 500 after LINE accepted is retried by the next attempt with the same retry key: one broadcast, each friend once', async () => {
    const sent = await sentToAll('再送の一斉配信', [{ language: 'ja', text: '再送の一斉配信です' }]);
    const afterTest = await requests();
    // LINE accepts the first call but answers 500, then fails every retry the gateway makes: the batch waits for the next attempt.
    await control('POST', '/_emulator/faults', {
      operation: 'broadcast',
      channelId: CHANNEL.channelId,
      kind: 'error',
      status: 500,
      phase: 'after',
      count: 1,
    });
    await control('POST', '/_emulator/faults', {
      operation: 'broadcast',
      channelId: CHANNEL.channelId,
      kind: 'error',
      status: 500,
      count: 3,
    });
    await runner().prepare(sent.runId);
    const lane = runner().sendLane(sent.runId);
    const [failed] = await until(async () => {
      const rows = await batchesOf(sent.runId);
      return rows[0]?.attempts === 1 ? rows : undefined;
    });
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(failed!.due_in_s).toBeGreaterThan(0);
    // The lane itself tries again when the batch is due (after 10 s).
    await lane;
    await drive(sent.runId);
    const made = (await requests()).slice(afterTest.length);
    expect(made.map((r) => r.kind)).toEqual(['broadcast']);
    const counts = await receivedCounts('再送の一斉配信です');
    for (const friend of friends) expect(counts.get(friend.userId), friend.userId).toBe(friend.tester ? 2 : 1);
    const [batch] = await batchesOf(sent.runId);
    expect(batch).toMatchObject({ status: 'SENT', attempts: 2, line_request_id: made[0]!.requestId });
    const records = await sql<{ retry_key: string; attempts: number; status: string }>(
      t.databaseUrl,
      `select retry_key::text, attempts, status from line_send_request where ref = $1`,
      [
        `delivery-batch:${(await sql<{ id: string }>(t.databaseUrl, `select id::text from delivery_batch where run_id = $1`, [sent.runId]))[0]!.id}`,
      ],
    );
    // One key for every call: four by the first attempt, the one answered 409 by the second.
    expect(records).toEqual([{ retry_key: batch!.retry_key, attempts: 5, status: 'ACCEPTED' }]);
    expect((await runView(sent.runId)).status).toBe('COMPLETED');
  }, 60_000);

  it('a 429 (the hour’s broadcasts used up) leaves the batch pending until the window frees, then sends it once', async () => {
    const schedule = vi.spyOn(t.app.scheduler, 'schedule');
    const sent = await sentToAll('時間あたりの上限', [{ language: 'ja', text: '上限のあとのお知らせです' }]);
    const afterTest = await requests();
    // LINE's window for the channel's broadcasts is full (60 this hour).
    await control('POST', '/_emulator/rate-limits', { channelId: CHANNEL.channelId, operation: 'broadcast' });
    try {
      await drive(sent.runId);
      const [waiting] = await batchesOf(sent.runId);
      expect(waiting).toMatchObject({ kind: 'BROADCAST', status: 'PENDING', attempts: 0 });
      expect(waiting!.last_error).toMatch(/429/);
      // Not within the lanes' backoff: later, when LINE's window may have freed.
      expect(waiting!.due_in_s).toBeGreaterThan(300);
      expect((await requests()).slice(afterTest.length)).toEqual([]);
      expect((await receivedCounts('上限のあとのお知らせです')).get(friends.at(-1)!.userId)).toBe(0);
      const run = await runView(sent.runId);
      expect(run.status).toBe('SENDING');
      expect(run.progress).toMatchObject({ batchesPending: 1, recipientsSent: 0 });
      // The lanes left the run to a lane scheduled for when the batch is due, instead of waiting in a job.
      const handedOver = schedule.mock.calls.filter(([, name, data]) => name === SEND_JOB && data?.['runId'] === sent.runId);
      expect(handedOver.length).toBeGreaterThan(0);
      for (const [when] of handedOver) expect(when.getTime()).toBeGreaterThan(Date.now() + 300_000);
    } finally {
      await control('DELETE', '/_emulator/rate-limits');
    }
    // The hour has passed: the scheduled lane runs (and another one after it).
    await sql(t.databaseUrl, `update delivery_batch set not_before = now() - interval '1 second' where run_id = $1`, [sent.runId]);
    await runner().sendLane(sent.runId);
    await runner().sendLane(sent.runId);
    const made = (await requests()).slice(afterTest.length);
    expect(made.map((r) => r.kind)).toEqual(['broadcast']);
    const counts = await receivedCounts('上限のあとのお知らせです');
    for (const friend of friends) expect(counts.get(friend.userId), friend.userId).toBe(friend.tester ? 2 : 1);
    const [batch] = await batchesOf(sent.runId);
    expect(batch).toMatchObject({ status: 'SENT', attempts: 1, last_error: null });
    const run = await runView(sent.runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.progress).toMatchObject({ batchesSent: 1, recipientsSent: KNOWN });
  }, 60_000);
});

describe('our own hourly window', () => {
  it('when the hour’s broadcasts are used up here, the batch waits, unattempted, for exactly the end of our window', async () => {
    const sent = await sentToAll('こちらの上限', [{ language: 'ja', text: 'こちらの上限のあとのお知らせです' }]);
    const afterTest = await requests();
    const key = `line:${channelId}:broadcast`;
    // Another process of the deployment spent the channel's 60 broadcasts of this hour.
    await sql(
      t.databaseUrl,
      `insert into rate_limit_bucket (key, window_start, count) values ($1, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), 60)
       on conflict (key, window_start) do update set count = 60`,
      [key],
    );
    class Stop extends Error {}
    try {
      await runner().prepare(sent.runId);
      // A lane that would wait (the hour ends within minutes) is stopped at its first wait, as a job runner's would be.
      await runner()
        .sendLane(sent.runId, async () => {
          throw new Stop();
        })
        .catch((err: unknown) => {
          if (!(err instanceof Stop)) throw err;
        });
      const [waiting] = await batchesOf(sent.runId);
      expect(waiting).toMatchObject({ kind: 'BROADCAST', status: 'PENDING', attempts: 0 });
      expect(waiting!.last_error).toMatch(/used up/);
      const toHourEnd = 3600 - ((Date.now() / 1000) % 3600);
      expect(Math.abs(waiting!.due_in_s! - toHourEnd)).toBeLessThan(10);
      expect((await requests()).slice(afterTest.length)).toEqual([]);
    } finally {
      await sql(t.databaseUrl, `delete from rate_limit_bucket where key = $1`, [key]);
    }
    await sql(t.databaseUrl, `update delivery_batch set not_before = now() - interval '1 second' where run_id = $1`, [sent.runId]);
    await drive(sent.runId);
    expect((await requests()).slice(afterTest.length).map((r) => r.kind)).toEqual(['broadcast']);
    const counts = await receivedCounts('こちらの上限のあとのお知らせです');
    for (const friend of friends) expect(counts.get(friend.userId), friend.userId).toBe(friend.tester ? 2 : 1);
    expect((await runView(sent.runId)).status).toBe('COMPLETED');
  }, 60_000);
});

/** Polls until the probe gives a value. */
async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
