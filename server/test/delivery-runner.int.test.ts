import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { DeliveryRunner } from '../src/modules/deliveries/delivery-runner.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { keyring } from '../src/platform/crypto/keyring.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { emulatorControl } from './support/emulator.js';

/**
 * Preparing a run into batches (docs/adr/0014) in small chunks, so that a few hundred friends make
 * several: every recipient lands in exactly one batch, in their language, whether the preparer
 * runs through, dies between two chunks and is followed by another, or races a second one; a run
 * canceled meanwhile gets nothing more. And lanes with several sends in flight reach each friend
 * once, counted in the emulator's record of what it accepted.
 */

const CHANNEL = {
  channelId: '1660000999',
  channelSecret: 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef',
  accessToken: 'prepare-test-access-token-0000001',
};
const FOLLOWING = 1_234;
const BLOCKED = 40;
const ENGLISH_EVERY = 7; // an English variant exists
const FRENCH_EVERY = 11; // no French variant: they get Japanese
const CHUNKS = { first: 100, rest: 250 };

let emulator: RunningEmulator;
let t: TestServer;
let runner: DeliveryRunner;
let channelId = '';
let segmentId = '';
/** Resident id → language, for every friend a run should reach. */
const expected = new Map<string, string>();
/** Their LINE user ids. */
const recipientUserIds = new Set<string>();
/** Resident id → LINE user id. */
const userIdOf = new Map<string, string>();

class Stop extends Error {}

/** A job's touch() that stops the preparer (as if its worker died) once `chunks` chunks are committed. */
const dieAfter = (chunks: number) => {
  let committed = 0;
  return async () => {
    if (++committed >= chunks) throw new Stop(`stopped after ${committed} chunks`);
  };
};

const control = emulatorControl(() => emulator);

/** A delivery to the channel's friends (ja and en variants), sent: its real run, not yet prepared. */
async function newRun(title: string): Promise<string> {
  const created = await t.admin.ok<{ createDelivery: { delivery: { id: string } } }>(
    `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id } } }`,
    {
      input: {
        title,
        channelId,
        targetKind: 'SEGMENTS',
        segmentIds: [segmentId],
        variants: [
          { language: 'ja', messages: [{ type: 'text', text: `${title}のお知らせ` }] },
          { language: 'en', messages: [{ type: 'text', text: `${title} notice` }] },
        ],
      },
    },
  );
  const deliveryId = created.createDelivery.delivery.id;
  await t.admin.ok(`mutation($id: ID!) { sendDelivery(id: $id) { delivery { id } } }`, { id: deliveryId });
  const [run] = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [
    deliveryId,
  ]);
  return run!.id;
}

/** What the run's batches hold, checked against the friends: each exactly once, in their language. */
async function expectPreparedExactlyOnce(runId: string): Promise<void> {
  const batches = await sql<{
    seq: number;
    language: string;
    resident_ids: string[];
    line_user_ids: string;
    recipients: number;
    status: string;
  }>(
    t.databaseUrl,
    `select seq, language, resident_ids::text[] as resident_ids, line_user_ids, recipients, status
       from delivery_batch where run_id = $1 order by seq`,
    [runId],
  );
  const seen = new Map<string, number>();
  for (const batch of batches) {
    expect(batch.resident_ids.length).toBe(batch.recipients);
    // The batch carries its residents' LINE user ids, sealed, for the lane that sends it (docs/adr/0014).
    const opened = await keyring().decryptMany(batch.line_user_ids.split(' '));
    expect(new Set(opened)).toEqual(new Set(batch.resident_ids.map((id) => userIdOf.get(id))));
    expect(batch.recipients).toBeLessThanOrEqual(500);
    expect(batch.status).toBe('PENDING');
    for (const id of batch.resident_ids) {
      seen.set(id, (seen.get(id) ?? 0) + 1);
      expect(batch.language, id).toBe(expected.get(id) ?? 'not a recipient');
    }
  }
  expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i));
  expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
  expect(seen.size).toBe(expected.size);
  const [run] = await sql<{ batches_total: number; planned_recipients: number; prepared: boolean }>(
    t.databaseUrl,
    `select batches_total, planned_recipients, prepared_at is not null as prepared from delivery_run where id = $1`,
    [runId],
  );
  expect(run).toEqual({ batches_total: batches.length, planned_recipients: expected.size, prepared: true });
}

/**
 * After the lanes are done: every batch of the run SENT under a LINE request id of its own, and
 * each friend in exactly one of the requests the emulator accepted for them.
 */
async function expectSentExactlyOnce(runId: string): Promise<Array<{ status: string; line_request_id: string }>> {
  const batches = await sql<{ status: string; line_request_id: string }>(
    t.databaseUrl,
    `select status, line_request_id from delivery_batch where run_id = $1`,
    [runId],
  );
  expect(new Set(batches.map((b) => b.status))).toEqual(new Set(['SENT']));
  const ids = new Set(batches.map((b) => b.line_request_id));
  expect(ids.size).toBe(batches.length);
  const { requests } = await control('GET', `/_emulator/channels/${CHANNEL.channelId}/requests`);
  const received = new Map<string, string[]>();
  for (const request of requests as Array<{ requestId: string; recipients: string[] }>) {
    if (!ids.has(request.requestId)) continue;
    for (const userId of request.recipients) received.set(userId, [...(received.get(userId) ?? []), request.requestId]);
  }
  expect([...received.values()].filter((got) => got.length > 1)).toEqual([]);
  expect(new Set(received.keys())).toEqual(recipientUserIds);
  return batches;
}

beforeAll(async () => {
  emulator = await createEmulator();
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: '準備市', basicId: '@prepare', monthlyMessageLimit: 1_000_000 });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '準備市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  // Friends of the channel in the emulator too (at most 1,000 per call), so that what lanes send can be counted per friend.
  const userIds: string[] = [];
  for (let left = FOLLOWING + BLOCKED; left > 0; left -= 1000) {
    const part = await control('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
      count: Math.min(1000, left),
      sendFollowEvents: false,
    });
    userIds.push(...(part.friends as Array<{ userId: string }>).map((f) => f.userId));
  }
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  for (let i = 0; i < FOLLOWING + BLOCKED; i++) {
    const userId = userIds[i]!;
    const following = i < FOLLOWING;
    const language = i % ENGLISH_EVERY === 0 ? 'en' : i % FRENCH_EVERY === 0 ? 'fr' : 'ja';
    const resident = em.create(Resident, {
      channel,
      lineUserIdHash: userId,
      lineUserId: userId,
      language,
      followStatus: following ? FollowStatus.FOLLOWING : FollowStatus.BLOCKED,
      followedAt: new Date(),
    });
    em.persist(resident);
    if (following) {
      expected.set(resident.id, language === 'en' ? 'en' : 'ja');
      recipientUserIds.add(userId);
    }
    userIdOf.set(resident.id, userId);
  }
  await em.flush();
  const segment = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
    `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
    { input: { name: '準備市の友だち', condition: { type: 'channel', channelId } } },
  );
  segmentId = segment.createSegment.segment.id;
  const { channels, segments, audit } = t.app.modules;
  runner = new DeliveryRunner(
    t.app.orm,
    t.app.lineGateway,
    channels.lineChannels,
    segments.segments,
    audit.audit,
    t.app.scheduler,
    t.app.pubsub,
    t.app.logger,
    { chunks: CHUNKS },
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('preparing a run', () => {
  it('writes every recipient into exactly one batch, in their language, chunk after chunk', async () => {
    const runId = await newRun('一度で');
    await runner.prepare(runId);
    await expectPreparedExactlyOnce(runId);
    const [{ n }] = (await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery_batch where run_id = $1`, [
      runId,
    ])) as [{ n: number }];
    // Several chunks, each split by language: more batches than one per 500.
    expect(n).toBeGreaterThan(Math.ceil(FOLLOWING / 500));
  });

  it('a preparer that dies between chunks is followed by one that writes only the rest', async () => {
    const runId = await newRun('再開');
    await expect(runner.prepare(runId, dieAfter(3))).rejects.toBeInstanceOf(Stop);
    const [mid] = await sql<{ planned: number; prepared: boolean }>(
      t.databaseUrl,
      `select planned_recipients as planned, prepared_at is not null as prepared from delivery_run where id = $1`,
      [runId],
    );
    expect(mid).toEqual({ planned: CHUNKS.first + 2 * CHUNKS.rest, prepared: false });
    await runner.prepare(runId);
    await expectPreparedExactlyOnce(runId);
  });

  it('two preparers at once write each recipient once', async () => {
    const runId = await newRun('同時');
    // Both past the first chunk, so that they race over the rest.
    await expect(runner.prepare(runId, dieAfter(1))).rejects.toBeInstanceOf(Stop);
    await Promise.all([runner.prepare(runId), runner.prepare(runId), t.app.modules.deliveries.runner.prepare(runId)]);
    await expectPreparedExactlyOnce(runId);
  });

  it('lanes with several sends in flight deliver every recipient exactly once', async () => {
    const { channels, segments, audit } = t.app.modules;
    const lanes = new DeliveryRunner(
      t.app.orm,
      t.app.lineGateway,
      channels.lineChannels,
      segments.segments,
      audit.audit,
      t.app.scheduler,
      t.app.pubsub,
      t.app.logger,
      { chunks: CHUNKS, sendsPerLane: 3 },
    );
    const runId = await newRun('並行');
    await Promise.all([lanes.prepare(runId), lanes.sendLane(runId), lanes.sendLane(runId)]);
    // Lanes that found nothing yet while the first chunk was written may have left; go on as the reconciler would.
    await Promise.all([lanes.sendLane(runId), lanes.sendLane(runId)]);
    const batches = await expectSentExactlyOnce(runId);
    // One claim per batch: each went to LINE once (no fault was injected), not once per send that raced for it.
    // And each send's record says LINE accepted it, with the request id the batch has (committed with the batch).
    const calls = await sql<{ attempts: number; status: string; same: boolean; batches: number }>(
      t.databaseUrl,
      `select l.attempts, l.status, l.line_request_id = b.line_request_id as same, count(*)::int as batches
         from delivery_batch b join line_send_request l on l.retry_key = b.retry_key
        where b.run_id = $1 group by 1, 2, 3`,
      [runId],
    );
    expect(calls).toEqual([{ attempts: 1, status: 'ACCEPTED', same: true, batches: batches.length }]);
    // Sent, a batch no longer holds a copy of its residents' LINE user ids.
    const copies = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from delivery_batch where run_id = $1 and line_user_ids is not null`,
      [runId],
    );
    expect(copies).toEqual([{ n: 0 }]);
    const [{ done }] = (await sql<{ done: string }>(t.databaseUrl, `select status as done from delivery_run where id = $1`, [runId])) as [
      { done: string },
    ];
    expect(done).toBe('COMPLETED');
  });

  it('a batch written without the LINE user ids (before Migration20261219090000) is sent from the residents', async () => {
    const runId = await newRun('移行前');
    await runner.prepare(runId);
    await sql(t.databaseUrl, `update delivery_batch set line_user_ids = null where run_id = $1 and seq % 2 = 0`, [runId]);
    await Promise.all([runner.sendLane(runId), runner.sendLane(runId)]);
    await expectSentExactlyOnce(runId);
  });

  it('a batch whose copy cannot be opened (its key removed after a rotation) is sent from the residents', async () => {
    const runId = await newRun('鍵の更新');
    await runner.prepare(runId);
    // Sealed with a key this installation no longer has.
    await sql(t.databaseUrl, `update delivery_batch set line_user_ids = 'v1.retired.AAAA.AAAA.AAAA' where run_id = $1 and seq = 1`, [
      runId,
    ]);
    await Promise.all([runner.sendLane(runId), runner.sendLane(runId)]);
    await expectSentExactlyOnce(runId);
  });

  it('a run canceled while it is prepared gets no more batches', async () => {
    const runId = await newRun('取消');
    let chunks = 0;
    await runner.prepare(runId, async () => {
      if (++chunks === 2) await t.admin.ok(`mutation($id: ID!) { cancelDeliveryRun(id: $id) { run { id status } } }`, { id: runId });
    });
    expect(chunks).toBe(2);
    const rows = await sql<{ status: string; batches: number; recipients: number }>(
      t.databaseUrl,
      `select status, count(*)::int as batches, sum(recipients)::int as recipients from delivery_batch where run_id = $1 group by status`,
      [runId],
    );
    expect(rows).toEqual([{ status: 'CANCELED', batches: expect.any(Number), recipients: CHUNKS.first + CHUNKS.rest }]);
    // Canceled batches keep no copy of the LINE user ids either.
    const copies = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from delivery_batch where run_id = $1 and line_user_ids is not null`,
      [runId],
    );
    expect(copies).toEqual([{ n: 0 }]);
    const [run] = await sql<{ status: string; prepared: boolean }>(
      t.databaseUrl,
      `select status, prepared_at is not null as prepared from delivery_run where id = $1`,
      [runId],
    );
    expect(run).toEqual({ status: 'CANCELED', prepared: false });
  });
});
