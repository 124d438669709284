import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/wait.js';
import { emulatorControl } from './support/emulator.js';

/**
 * "Never a duplicate, never a gap, even when a worker dies mid-run": a sender lane runs in a
 * process of its own and is killed with SIGKILL while LINE is answering one of its batches (LINE
 * goes on to deliver it); the lanes that take over must send every other batch once and that one
 * not again. Counted in the emulator, friend by friend.
 */

const CHANNEL = {
  channelId: '1660000888',
  channelSecret: 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecf',
  accessToken: 'kill-test-access-token-000000001',
};
const FRIENDS = 6_000; // 12 batches

let emulator: RunningEmulator;
let t: TestServer;
let channelId = '';
let child: ChildProcess | undefined;
const userIds: string[] = [];

const control = emulatorControl(() => emulator);

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: '停止市', basicId: '@killtest', monthlyMessageLimit: 1_000_000 });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '停止市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  // The emulator makes at most 1,000 friends per call.
  const friends: Array<{ userId: string }> = [];
  for (let left = FRIENDS; left > 0; left -= 1000) {
    const part = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
      count: Math.min(1000, left),
      sendFollowEvents: false,
    });
    friends.push(...part.friends);
  }
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  for (const { userId } of friends) {
    userIds.push(userId);
    em.persist(
      em.create(Resident, {
        channel,
        lineUserIdHash: userId,
        lineUserId: userId,
        followStatus: FollowStatus.FOLLOWING,
        followedAt: new Date(),
      }),
    );
  }
  await em.flush();
}, 180_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await t?.close();
  await emulator?.close();
});

describe('a worker killed mid-run', () => {
  it('resumes with zero duplicates and zero misses', async () => {
    const segment = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
      `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
      { input: { name: 'このチャネルの友だち', condition: { type: 'channel', channelId } } },
    );
    const delivery = await t.admin.ok<{ createDelivery: { delivery: { id: string } } }>(
      `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id } } }`,
      {
        input: {
          title: '停止からの再開',
          channelId,
          targetKind: 'SEGMENTS',
          segmentIds: [segment.createSegment.segment.id],
          variants: [{ language: 'ja', messages: [{ type: 'text', text: '再開テスト' }] }],
        },
      },
    );
    const deliveryId = delivery.createDelivery.delivery.id;
    await t.admin.ok(`mutation($id: ID!) { sendDelivery(id: $id) { delivery { id } } }`, { id: deliveryId });
    const [run] = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1`, [deliveryId]);
    const runId = run!.id;
    await t.app.modules.deliveries.runner.prepare(runId);
    const [{ batches }] = (await sql<{ batches: number }>(
      t.databaseUrl,
      `select count(*)::int as batches from delivery_batch where run_id = $1`,
      [runId],
    )) as [{ batches: number }];
    expect(batches).toBe(FRIENDS / 500);

    // LINE takes its time over every call, so the kill lands while one is in flight.
    await control('POST', '/_emulator/faults', {
      operation: 'multicast',
      channelId: CHANNEL.channelId,
      kind: 'delay',
      delayMs: 400,
      count: 100,
    });
    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/delivery-lane.ts', import.meta.url))], {
      // tsx reads the tsconfig of its working directory: the server's (decorators), wherever vitest runs from.
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ...t.env, RUN_ID: runId },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.on('exit', (_code, signal) => resolve(signal)));
    // Kill it once it has sent a few batches and is waiting on LINE for the next.
    await until(async () => {
      const [row] = await sql<{ sent: number }>(
        t.databaseUrl,
        `select count(*)::int as sent from delivery_batch where run_id = $1 and status = 'SENT'`,
        [runId],
      );
      return row!.sent >= 3 ? true : undefined;
    }, 60_000);
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The call it was waiting on still completes on LINE's side.
    await new Promise((r) => setTimeout(r, 600));
    const [mid] = await sql<{ sent: number }>(
      t.databaseUrl,
      `select count(*)::int as sent from delivery_batch where run_id = $1 and status = 'SENT'`,
      [runId],
    );
    expect(mid!.sent).toBeLessThan(batches);

    await control('DELETE', '/_emulator/faults');
    const runner = t.app.modules.deliveries.runner;
    await Promise.all([runner.sendLane(runId), runner.sendLane(runId)]);

    const counts = new Map<string, number>();
    for (let i = 0; i < userIds.length; i += 50) {
      await Promise.all(
        userIds.slice(i, i + 50).map(async (userId) => {
          const { messages } = await control<{ messages: Array<{ message: { text?: string } }> }>(
            'GET',
            `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}/received`,
          );
          counts.set(userId, messages.filter((m) => m.message.text === '再開テスト').length);
        }),
      );
    }
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    const misses = [...counts.values()].filter((n) => n === 0).length;
    expect({ duplicates, misses }).toEqual({ duplicates: 0, misses: 0 });
    // The kill landed while LINE was answering: that batch's retry key was sent twice, and LINE's
    // 409 for the second is what kept its friends from a duplicate.
    const [resent] = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from line_send_request l join delivery_batch b on b.retry_key = l.retry_key
       where b.run_id = $1 and l.attempts > 1`,
      [runId],
    );
    expect(resent!.n).toBeGreaterThanOrEqual(1);
    const [done] = await sql<{ status: string }>(t.databaseUrl, `select status from delivery_run where id = $1`, [runId]);
    expect(done!.status).toBe('COMPLETED');
  }, 180_000);
});
