import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/wait.js';
import { emulatorControl } from './support/emulator.js';

/**
 * Delivery statistics against the LINE emulator (SEG-14/15/17): runs are sent as the job runner
 * would, the emulator's residents open and tap what they received, the collector asks the
 * emulator's insight ("get statistics per unit"), and the API and the exports show what LINE said,
 * withheld counts as withheld.
 */

const CHANNEL = {
  channelId: '1660000888',
  channelSecret: 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef',
  accessToken: 'emulator-access-token-for-delivery-stats-01',
};
const FRIENDS = 12;
/** The emulator withholds counts under this (LINE: 20), so a handful of taps shows both sides. */
const THRESHOLD = 3;
const LINK = 'https://www.city.example.jp/bousai/kunren';
const DANGEROUS_TITLE = '=HYPERLINK("http://evil.example","防災訓練")';

let emulator: RunningEmulator;
let t: TestServer;
let f: Factories;
let channelId = '';
let userIds: string[] = [];
let staffA: NewStaff;
let staffB: NewStaff;
let segmentA = '';
let segmentB = '';
/** The first department's delivery (the dangerous title) and the second department's. */
let deliveryA = '';
let deliveryB = '';

const control = emulatorControl(() => emulator);

const friendPath = (userId: string) => `/_emulator/channels/${CHANNEL.channelId}/friends/${userId}`;

/** The friend's message from this delivery (its aggregation unit names the delivery). */
async function receivedFrom(userId: string, deliveryId: string): Promise<{ id: string; message: { text?: string } }> {
  const unit = `d_${deliveryId.replace(/-/g, '').slice(0, 26)}`;
  const { messages } = await control<{
    messages: Array<{ id: string; message: { text?: string }; delivery?: { customAggregationUnit?: string } }>;
  }>('GET', `${friendPath(userId)}/received`);
  const found = messages.find((m) => m.delivery?.customAggregationUnit === unit);
  if (!found) throw new Error(`${userId} received nothing from ${deliveryId}`);
  return found;
}

/** The resident taps the delivery's link in LINE (a click LINE's insight counts). */
async function tap(userId: string, deliveryId: string): Promise<string> {
  const entry = await receivedFrom(userId, deliveryId);
  const uri = /https:\/\/\S+/.exec(entry.message.text ?? '')![0];
  await control('POST', `${friendPath(userId)}/actions`, { action: { type: 'uri', uri }, messageId: entry.id });
  return uri;
}

const runner = () => t.app.modules.deliveries.runner;
const collector = () => t.app.modules.deliveries.stats;

async function sendAndDrive(
  staff: NewStaff,
  segmentId: string,
  title: string,
  text: string,
): Promise<{ deliveryId: string; runId: string }> {
  const created = await staff.client.ok<{ createDelivery: { delivery: { id: string } } }>(
    `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id } } }`,
    {
      input: {
        title,
        channelId,
        targetKind: 'SEGMENTS',
        segmentIds: [segmentId],
        variants: [{ language: 'ja', messages: [{ type: 'text', text }] }],
      },
    },
  );
  const deliveryId = created.createDelivery.delivery.id;
  await staff.client.ok(`mutation($id: ID!) { sendDelivery(id: $id) { delivery { id } } }`, { id: deliveryId });
  const [run] = await sql<{ id: string }>(t.databaseUrl, `select id from delivery_run where delivery_id = $1 and kind = 'REAL'`, [
    deliveryId,
  ]);
  await Promise.all([runner().prepare(run!.id), runner().sendLane(run!.id), runner().sendLane(run!.id)]);
  await runner().sendLane(run!.id);
  return { deliveryId, runId: run!.id };
}

const STATS = `targeted sent failed opens { count rate withheld } clicks { count rate withheld } linkClicks collectedAt`;
const DELIVERY_STATS = `query($id: ID!) { delivery(id: $id) { stats { ${STATS} } runs { kind stats { ${STATS} } } } }`;

async function statsOf(staff: NewStaff, deliveryId: string) {
  const r = await staff.client.ok<{ delivery: { stats: any; runs: Array<{ kind: string; stats: any }> } }>(DELIVERY_STATS, {
    id: deliveryId,
  });
  return r.delivery;
}

async function download(staff: NewStaff, path: string, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) {
  return fetch(`${t.url}${path}`, { headers: { cookie: staff.cookie, ...headers } });
}

async function csvRows(staff: NewStaff): Promise<string[][]> {
  const res = await download(staff, '/api/delivery-history.csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/delivery-history-\d{4}-\d{2}-\d{2}\.csv/);
  const text = Buffer.from(await res.arrayBuffer())
    .subarray(3)
    .toString('utf8');
  return parseCsv(text, {});
}

const HEADER = [
  '件名',
  '状態',
  '配信先',
  '送信日時',
  '対象数',
  '送信数',
  '失敗数',
  '開封数',
  '開封率',
  'クリック数',
  'クリック率',
  '回答数',
  '回答率',
];

beforeAll(async () => {
  emulator = await createEmulator({ insightPrivacyThreshold: THRESHOLD });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: '統計市', basicId: '@stats', monthlyMessageLimit: 100_000 });
  t = await startTestServer({
    LINE_API_BASE_URL: emulator.url,
    LINE_DATA_API_BASE_URL: emulator.url,
    PUBLIC_URL: 'https://line.city.example.jp',
  });
  f = new Factories(t);
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '統計市',
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
  userIds = made.friends.map((x) => x.userId);
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  for (const userId of userIds)
    em.persist(
      em.create(Resident, {
        channel,
        lineUserIdHash: userId,
        lineUserId: userId,
        followStatus: FollowStatus.FOLLOWING,
        followedAt: new Date(),
        language: 'ja',
        tags: ['防災'],
      }),
    );
  await em.flush();
  const permissions = ['deliveries.read', 'deliveries.manage', 'deliveries.send', 'segments.read', 'segments.manage'];
  staffA = await f.newStaff({ permissions });
  staffB = await f.newStaff({ permissions });
  const segment = async (staff: NewStaff, name: string) =>
    (
      await staff.client.ok<{ createSegment: { segment: { id: string } } }>(
        `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
        { input: { name, condition: { type: 'tag', tag: '防災' } } },
      )
    ).createSegment.segment.id;
  segmentA = await segment(staffA, '防災の登録者');
  segmentB = await segment(staffB, '防災の登録者（別部署）');
}, 120_000);

afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('statistics of a sent delivery (SEG-14/15)', () => {
  it('shows opens from LINE’s statistics per unit, and a count LINE withholds as withheld, never 0', async () => {
    ({ deliveryId: deliveryA } = await sendAndDrive(staffA, segmentA, DANGEROUS_TITLE, `防災訓練のお知らせ ${LINK}`));

    const before = await statsOf(staffA, deliveryA);
    expect(before.stats).toMatchObject({ targeted: FRIENDS, sent: FRIENDS, failed: 0, collectedAt: null });
    // Not asked yet: unknown, which is not the same as withheld.
    expect(before.stats.opens).toEqual({ count: null, rate: null, withheld: false });

    // Four residents open it (over the threshold); two tap its link (under it).
    for (const userId of userIds.slice(0, 4)) await control('POST', `${friendPath(userId)}/read`);
    const tracked = await tap(userIds[0]!, deliveryA);
    await tap(userIds[1]!, deliveryA);
    expect(tracked).toMatch(/^https:\/\/line\.city\.example\.jp\/r\//);

    const first = await collector().collect();
    expect(first).toEqual({ refreshed: 1, failed: 0, limited: false });
    const after = await statsOf(staffA, deliveryA);
    expect(after.stats.opens).toEqual({ count: 4, rate: 4 / FRIENDS, withheld: false });
    expect(after.stats.clicks).toEqual({ count: null, rate: null, withheld: true });
    expect(after.stats.collectedAt).not.toBeNull();
    const [realRun] = after.runs.filter((r) => r.kind === 'REAL');
    expect(realRun!.stats).toMatchObject({ sent: FRIENDS, opens: { count: 4, withheld: false }, clicks: { count: null, withheld: true } });
    // Stored as LINE said it: null, not 0.
    const [row] = await sql<{ unique_impression: number | null; unique_click: number | null }>(
      t.databaseUrl,
      `select unique_impression, unique_click from delivery_stat where delivery_id = $1`,
      [deliveryA],
    );
    expect(row).toEqual({ unique_impression: 4, unique_click: null });

    // A third resident taps: over the threshold, LINE reports it at the next collection.
    await tap(userIds[2]!, deliveryA);
    await collector().collect();
    const later = await statsOf(staffA, deliveryA);
    expect(later.stats.clicks).toEqual({ count: 3, rate: 3 / FRIENDS, withheld: false });

    // Our own count of taps on the tracked link (the redirect), beside LINE's.
    const redirect = await fetch(`${t.url}/r/${tracked.split('/r/')[1]}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const taps = await until(async () => {
      const s = await statsOf(staffA, deliveryA);
      return s.stats.linkClicks === 1 ? s.stats.linkClicks : undefined;
    }, 10_000);
    expect(taps).toBe(1);
  });

  it('charts the last deliveries of your departments, oldest first, with their rates', async () => {
    ({ deliveryId: deliveryB } = await sendAndDrive(staffB, segmentB, '他部署の配信', '別部署からのお知らせ'));
    await collector().collect();
    const HISTORY = `query($last: Int) { deliveryHistory(last: $last) { deliveryId title runs sentAt stats { sent opens { count rate withheld } clicks { rate withheld } } } }`;
    const a = await staffA.client.ok<{ deliveryHistory: any[] }>(HISTORY, { last: 10 });
    expect(a.deliveryHistory.map((h) => h.deliveryId)).toEqual([deliveryA]);
    expect(a.deliveryHistory[0]).toMatchObject({
      title: DANGEROUS_TITLE,
      runs: 1,
      stats: { sent: FRIENDS, opens: { count: 4, rate: 4 / FRIENDS }, clicks: { rate: 3 / FRIENDS, withheld: false } },
    });
    const b = await staffB.client.ok<{ deliveryHistory: any[] }>(HISTORY, { last: 10 });
    expect(b.deliveryHistory.map((h) => h.deliveryId)).toEqual([deliveryB]);
    // Nobody opened it: LINE withholds 0 as it withholds any small number.
    expect(b.deliveryHistory[0].stats.opens).toEqual({ count: null, rate: null, withheld: true });
    const all = await t.admin.ok<{ deliveryHistory: any[] }>(HISTORY, { last: 10 });
    expect(all.deliveryHistory.map((h) => h.deliveryId)).toEqual([deliveryA, deliveryB]);
    const latest = await t.admin.ok<{ deliveryHistory: any[] }>(HISTORY, { last: 1 });
    expect(latest.deliveryHistory.map((h) => h.deliveryId)).toEqual([deliveryB]);
    const refused = await t.admin.request(HISTORY, { last: 0 });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('the delivery history export (SEG-17)', () => {
  it('has a row per run with Japanese columns, neutralised cells, and only your departments’ deliveries; each export is audited', async () => {
    const rows = await csvRows(staffA);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(2);
    const [title, status, target, sentAt, targeted, sent, failed, opens, openRate, clicks, clickRate, answers, answerRate] = rows[1]!;
    expect(title).toBe(`'${DANGEROUS_TITLE}`);
    expect({ status, target, targeted, sent, failed, opens, openRate, clicks, clickRate, answers, answerRate }).toEqual({
      status: '送信完了',
      target: '防災の登録者',
      targeted: String(FRIENDS),
      sent: String(FRIENDS),
      failed: '0',
      opens: '4',
      openRate: '33.3%',
      clicks: '3',
      clickRate: '25.0%',
      // It carried no form: no answers to count.
      answers: '',
      answerRate: '',
    });
    expect(sentAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.flat().some((c) => c.includes('他部署の配信'))).toBe(false);

    // The other department sees its own row only, its withheld opens said as such.
    const other = await csvRows(staffB);
    expect(other.map((r) => r[0])).toEqual(['件名', '他部署の配信']);
    expect(other[1]![7]).toBe('非公開（20人未満）');
    expect(other[1]![8]).toBe('非公開（20人未満）');

    const audited = await sql<{ actor_id: string; summary: string }>(
      t.databaseUrl,
      `select actor_id, summary from audit_event where action = 'deliveries.export' order by seq`,
    );
    expect(audited.map((a) => [a.actor_id, (JSON.parse(a.summary) as { format: string }).format])).toEqual([
      [staffA.staff.id, 'csv'],
      [staffB.staff.id, 'csv'],
    ]);
  });

  it('names no segment to a reader without segments.read', async () => {
    const reader = await f.newStaff({ permissions: ['deliveries.read'], departmentId: staffA.departmentId });
    const rows = await csvRows(reader);
    expect(rows[1]![2]).toBe('セグメント1件');
    const refused = await f.newStaff({ permissions: ['segments.read'], departmentId: staffA.departmentId });
    expect((await download(refused, '/api/delivery-history.csv')).status).toBe(403);
  });

  it('is an Excel file too, with the same neutralised cells, asked for from our own pages only', async () => {
    const res = await download(staffA, '/api/delivery-history.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(HEADER);
    expect(values(2).slice(0, 3)).toEqual([`'${DANGEROUS_TITLE}`, '送信完了', '防災の登録者']);
    expect(values(2).slice(4, 8)).toEqual([FRIENDS, FRIENDS, 0, 4]);
    expect(sheet.rowCount).toBe(2);

    const crossSite = await download(staffA, '/api/delivery-history.xlsx', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const anonymous = await fetch(`${t.url}/api/delivery-history.xlsx`);
    expect(anonymous.status).toBe(401);
  });
});

describe('collection within LINE’s hourly limit', () => {
  it('asks about the longest-waiting runs first, at most the calls it is given', async () => {
    const attempted = async () =>
      new Map(
        (await sql<{ delivery_id: string; attempted_at: Date }>(t.databaseUrl, `select delivery_id, attempted_at from delivery_stat`)).map(
          (r) => [r.delivery_id, new Date(r.attempted_at).getTime()],
        ),
      );
    const start = await attempted();
    const oldest = start.get(deliveryA)! < start.get(deliveryB)! ? deliveryA : deliveryB;
    const newest = oldest === deliveryA ? deliveryB : deliveryA;
    expect(await collector().collect({ maxCalls: 1 })).toEqual({ refreshed: 1, failed: 0, limited: false });
    const once = await attempted();
    expect(once.get(oldest)).toBeGreaterThan(start.get(oldest)!);
    expect(once.get(newest)).toBe(start.get(newest));
    await collector().collect({ maxCalls: 1 });
    const twice = await attempted();
    expect(twice.get(newest)).toBeGreaterThan(start.get(newest)!);
    expect(twice.get(oldest)).toBe(once.get(oldest));
  });

  it('stops at once, without waiting for the next hour, when the hour’s calls are used up', async () => {
    const key = `line:${channelId}:statisticsPerUnit`;
    // This hour's and the next one's windows, in case the test runs across the turn of the hour.
    await sql(
      t.databaseUrl,
      `insert into rate_limit_bucket (key, window_start, count)
       select $1, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600 + h * 3600), 60 from generate_series(0, 1) h
       on conflict (key, window_start) do update set count = 60`,
      [key],
    );
    try {
      const before = await sql<{ attempted_at: Date }>(t.databaseUrl, `select attempted_at from delivery_stat order by delivery_id`);
      const started = Date.now();
      expect(await collector().collect()).toEqual({ refreshed: 0, failed: 0, limited: true });
      expect(Date.now() - started).toBeLessThan(5_000);
      // Nothing was recorded as a failure: the runs wait for the next collection as they were.
      expect(await sql(t.databaseUrl, `select attempted_at from delivery_stat order by delivery_id`)).toEqual(before);
    } finally {
      await sql(t.databaseUrl, `delete from rate_limit_bucket where key = $1`, [key]);
    }
  });
});
