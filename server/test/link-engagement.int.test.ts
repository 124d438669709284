import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineChannel } from '../src/modules/channels/index.js';
import type { LinkService } from '../src/modules/links/index.js';
import { checkCondition } from '../src/modules/segments/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import type { GqlClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/wait.js';

/** Who opened a delivery's links through the LIFF app, and the segment condition on it (docs/adr/0016). */

const LIFF_ID = '1234567890-AbCdEfGh';
const OPEN = `mutation($token: String!) { openTrackedLink(token: $token) { url identified } }`;
const COUNT = `query($c: JSONObject!, $o: SegmentCountOptions) { countSegmentCondition(condition: $c, options: $o) { count } }`;
const CREATE_SEGMENT = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`;
const CHOICES = `{ segmentEngagementDeliveries { deliveryId title sentAt residents } }`;
const STAFF_PERMISSIONS = ['segments.read', 'segments.manage', 'deliveries.read', 'deliveries.manage'];

let t: TestServer;
let f: Factories;
let links: LinkService;
let channel: LineChannel;
let staff: NewStaff;
let otherStaff: NewStaff;

const em = () => unscopedFork(t.app.orm.em);
const tokenOf = (url: string) => url.split('/r/')[1]!;

/** A draft delivery of the staff member's department (written directly: the deliveries module is tested elsewhere). */
async function newDelivery(by: NewStaff, title: string): Promise<string> {
  const id = randomUUID();
  await sql(
    t.databaseUrl,
    `insert into delivery (id, title, department_id, channel_id, variants, target_kind, timing)
     values ($1, $2, $3, $4, '[{"language":"ja","messages":[{"type":"text","text":"お知らせ"}]}]', 'SEGMENTS', 'IMMEDIATE')`,
    [id, title, by.departmentId, channel.id],
  );
  return id;
}

/** A delivery's links as its run makes them when staff ticked 「反応を記録する」: through the LIFF app. */
async function sendThroughLiff(deliveryId: string, urls: string[]): Promise<string[]> {
  const tracked = await links.trackMany(em(), { ownerType: 'delivery', ownerId: deliveryId }, urls, { identify: true });
  return urls.map((u) => tokenOf(tracked.get(u)!));
}

async function newFriend(): Promise<{ id: string; client: GqlClient }> {
  const { resident, client } = await f.newResident({ channel });
  await sql(t.databaseUrl, `update resident set follow_status = 'FOLLOWING' where id = $1`, [resident.id]);
  return { id: resident.id, client };
}

async function clickRows(deliveryId: string) {
  return sql<{ resident_id: string; link_id: string; first_clicked_at: Date }>(
    t.databaseUrl,
    `select resident_id, link_id, first_clicked_at from tracked_link_resident_click where owner_type = 'delivery' and owner_id = $1 order by resident_id`,
    [deliveryId],
  );
}

beforeAll(async () => {
  t = await startTestServer({ LIFF_ID, PUBLIC_URL: 'https://line.city.example.jp' });
  f = new Factories(t);
  links = t.app.modules.links.links;
  channel = await f.newChannel();
  staff = await f.newStaff({ permissions: STAFF_PERMISSIONS });
  otherStaff = await f.newStaff({ permissions: STAFF_PERMISSIONS });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('links sent through the LIFF app', () => {
  it('are LIFF addresses with the same token as the plain redirect, and stay marked as sent identified', async () => {
    const ownerId = randomUUID();
    const url = 'https://www.city.example.jp/kosodate/news?id=42';
    const identified = await links.trackMany(em(), { ownerType: 'delivery', ownerId }, [url], { identify: true });
    const token = tokenOf(identified.get(url)!);
    expect(identified.get(url)).toBe(`https://liff.line.me/${LIFF_ID}/r/${token}`);
    // A later run without the tick sends the plain redirect of the same link, which still counts as sent identified once.
    const plain = await links.trackMany(em(), { ownerType: 'delivery', ownerId }, [url]);
    expect(plain.get(url)).toBe(`https://line.city.example.jp/r/${token}`);
    const [row] = await sql<{ identified_at: Date | null }>(t.databaseUrl, `select identified_at from tracked_link where token = $1`, [
      token,
    ]);
    expect(row!.identified_at).toBeInstanceOf(Date);
  });

  it('records a signed-in resident once per delivery with their first tap, counts every tap, and leads only to the stored URL', async () => {
    const deliveryId = await newDelivery(staff, '子育て応援のお知らせ');
    const [first, second] = await sendThroughLiff(deliveryId, ['https://www.city.example.jp/a', 'https://www.city.example.jp/b']);
    const friend = await newFriend();
    const opened = await friend.client.ok(OPEN, { token: first });
    expect(opened.openTrackedLink).toEqual({ url: 'https://www.city.example.jp/a', identified: true });
    const [recorded] = await clickRows(deliveryId);
    expect(recorded!.resident_id).toBe(friend.id);

    await friend.client.ok(OPEN, { token: first });
    expect((await friend.client.ok(OPEN, { token: second })).openTrackedLink.url).toBe('https://www.city.example.jp/b');
    const rows = await clickRows(deliveryId);
    expect(rows).toHaveLength(1);
    const [linkA] = await sql<{ id: string }>(t.databaseUrl, `select id from tracked_link where token = $1`, [first]);
    expect(rows[0]!.link_id).toBe(linkA!.id);
    expect(rows[0]!.first_clicked_at.getTime()).toBe(recorded!.first_clicked_at.getTime());

    // Every tap is counted as the plain redirect counts it (the delivery's link clicks).
    await until(async () => (await links.clicks(em(), 'delivery', [deliveryId])).get(deliveryId)!.total === 3);
  });

  it('counts a tap without a session or by staff, and records no one', async () => {
    const deliveryId = await newDelivery(staff, '防災訓練のお知らせ');
    const [token] = await sendThroughLiff(deliveryId, ['https://www.city.example.jp/bousai']);
    const anonymous = await t.client().ok(OPEN, { token });
    expect(anonymous.openTrackedLink).toEqual({ url: 'https://www.city.example.jp/bousai', identified: false });
    // A staff member trying the link is counted, not recorded, and owes no audit event.
    const tried = await staff.client.ok(OPEN, { token });
    expect(tried.openTrackedLink.identified).toBe(false);
    expect(await clickRows(deliveryId)).toEqual([]);
    await until(async () => (await links.clicks(em(), 'delivery', [deliveryId])).get(deliveryId)!.total === 2);
  });

  it.each([
    ['an unknown token', 'Zm9vYmFyYmF6cXV4cXV1'],
    ['a URL instead of a token', 'https://evil.example/'],
    ['a short token', 'abc'],
    ['nothing', ''],
  ])('answers %s with NOT_FOUND and records nothing', async (_what, token) => {
    const friend = await newFriend();
    const res = await friend.client.request(OPEN, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
    const [n] = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from tracked_link_resident_click where resident_id = $1`,
      [friend.id],
    );
    expect(n!.n).toBe(0);
  });

  it("deletes a resident's taps with the resident", async () => {
    const deliveryId = await newDelivery(staff, '転出の手続き');
    const [token] = await sendThroughLiff(deliveryId, ['https://www.city.example.jp/tenshutsu']);
    const friend = await newFriend();
    await friend.client.ok(OPEN, { token });
    expect(await clickRows(deliveryId)).toHaveLength(1);
    await sql(t.databaseUrl, `delete from resident where id = $1`, [friend.id]);
    expect(await clickRows(deliveryId)).toEqual([]);
  });
});

describe('the engagement condition', () => {
  it('counts who opened a delivery’s links and who did not, through the bitmaps and in SQL alike', async () => {
    const ownChannel = await f.newChannel();
    const deliveryId = await newDelivery(staff, '健診のご案内');
    const [token] = await sendThroughLiff(deliveryId, ['https://www.city.example.jp/kenshin']);
    const friends = [];
    for (let i = 0; i < 5; i++) {
      const { resident, client } = await f.newResident({ channel: ownChannel });
      await sql(t.databaseUrl, `update resident set follow_status = 'FOLLOWING' where id = $1`, [resident.id]);
      friends.push({ id: resident.id, client });
    }
    for (const friend of friends.slice(0, 2)) await friend.client.ok(OPEN, { token });
    // A blocked resident who opened it is not a friend: never counted.
    await sql(t.databaseUrl, `update resident set follow_status = 'BLOCKED' where id = $1`, [friends[1]!.id]);

    const clicked = { type: 'engagement', deliveryId, action: 'clicked' };
    const notClicked = { type: 'engagement', deliveryId: deliveryId.toUpperCase(), action: 'notClicked' };
    const options = { channelId: ownChannel.id };
    expect((await staff.client.ok(COUNT, { c: clicked, o: options })).countSegmentCondition.count).toBe(1);
    expect((await staff.client.ok(COUNT, { c: notClicked, o: options })).countSegmentCondition.count).toBe(3);
    expect((await staff.client.ok(COUNT, { c: { type: 'not', condition: clicked }, o: options })).countSegmentCondition.count).toBe(3);

    // The live count above took the bitmaps (Migration20261217100000); both ways agree, before and
    // after a resident who opened it is deleted (the click goes with them, and so does its bit).
    const segments = t.app.modules.segments.segments;
    const bothWays = async (expected: Array<[Record<string, unknown>, number]>) => {
      for (const [raw, n] of expected) {
        const checked = checkCondition(raw, []);
        if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
        expect(await segments.countVia(em(), checked.resolved, 'bitmaps', options), JSON.stringify(raw)).toBe(n);
        expect(await segments.countVia(em(), checked.resolved, 'sql', options), JSON.stringify(raw)).toBe(n);
      }
      const [drift] = await sql<{ n: number }>(t.databaseUrl, 'select count(*)::int as n from segment_bitmap_mismatches()');
      expect(drift!.n).toBe(0);
    };
    await bothWays([
      [clicked, 1],
      [notClicked, 3],
      [{ type: 'not', condition: clicked }, 3],
    ]);
    await friends[2]!.client.ok(OPEN, { token });
    await sql(t.databaseUrl, `delete from resident_session where resident_id = $1`, [friends[0]!.id]);
    await sql(t.databaseUrl, `delete from resident where id = $1`, [friends[0]!.id]);
    await bothWays([
      [clicked, 1],
      [notClicked, 2],
    ]);
  });

  it('refuses a delivery the staff member cannot name, or one that records no one, with a Japanese message at its path', async () => {
    const recording = await newDelivery(staff, '子育てイベント');
    await sendThroughLiff(recording, ['https://www.city.example.jp/event']);
    const notRecording = await newDelivery(staff, 'ごみ収集日の変更');
    await links.trackMany(em(), { ownerType: 'delivery', ownerId: notRecording }, ['https://www.city.example.jp/gomi']);
    const elsewhere = await newDelivery(otherStaff, '他部署の配信');
    await sendThroughLiff(elsewhere, ['https://www.city.example.jp/other']);

    const condition = {
      type: 'all',
      conditions: [
        { type: 'engagement', deliveryId: recording, action: 'clicked' },
        { type: 'engagement', deliveryId: elsewhere, action: 'clicked' },
        { type: 'not', condition: { type: 'engagement', deliveryId: randomUUID(), action: 'clicked' } },
        { type: 'engagement', deliveryId: notRecording, action: 'notClicked' },
        { type: 'engagement', deliveryId: recording, action: 'opened' },
        { type: 'engagement', deliveryId: recording, action: 'maybe' },
        { type: 'engagement', deliveryId: 'not-a-delivery', action: 'clicked' },
      ],
    };
    const res = await staff.client.request(COUNT, { c: condition });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields).toEqual({
      'condition.conditions.1.deliveryId': '配信が見つかりません。',
      'condition.conditions.2.condition.deliveryId': '配信が見つかりません。',
      'condition.conditions.3.deliveryId':
        '配信「ごみ収集日の変更」は反応を記録していないため、条件に使えません（「反応を記録する」を選んで送った配信だけが使えます）。',
      'condition.conditions.4.action':
        'LINEは誰がメッセージを開封したかを提供しないため、「開封」は条件に使えません。リンクを開いたかどうか（反応あり・反応なし）を選んでください。',
      'condition.conditions.5.action': '反応の種類（反応あり・反応なし・回答あり・回答なし）を選んでください。',
      'condition.conditions.6.deliveryId': '配信を選んでください。',
    });

    // Saving is refused the same way, and nothing is saved.
    const created = await staff.client.request(CREATE_SEGMENT, {
      input: { name: '他部署の配信に反応した人', condition: { type: 'engagement', deliveryId: elsewhere, action: 'clicked' } },
    });
    expect(created.errors?.[0]?.extensions?.fields).toEqual({ 'condition.deliveryId': '配信が見つかりません。' });
    const [saved] = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from segment where name = $1`, [
      '他部署の配信に反応した人',
    ]);
    expect(saved!.n).toBe(0);

    // The delivery's own department may use it.
    const ok = await otherStaff.client.ok(CREATE_SEGMENT, {
      input: { name: '他部署の配信に反応した人', condition: { type: 'engagement', deliveryId: elsewhere, action: 'clicked' } },
    });
    expect(ok.createSegment.segment.id).toBeTruthy();
  });

  it("lists what it can name: the staff member's departments' deliveries sent through the LIFF app, most recent first", async () => {
    const lister = await f.newStaff({ permissions: STAFF_PERMISSIONS });
    const older = await newDelivery(lister, '先月のお知らせ');
    await sendThroughLiff(older, ['https://www.city.example.jp/old']);
    const plain = await newDelivery(lister, '計測なしのお知らせ');
    await links.trackMany(em(), { ownerType: 'delivery', ownerId: plain }, ['https://www.city.example.jp/plain']);
    const newer = await newDelivery(lister, '今月のお知らせ');
    const [token] = await sendThroughLiff(newer, ['https://www.city.example.jp/new']);
    await (await newFriend()).client.ok(OPEN, { token });
    await (await newFriend()).client.ok(OPEN, { token });
    const foreign = await newDelivery(otherStaff, '他部署の今月のお知らせ');
    await sendThroughLiff(foreign, ['https://www.city.example.jp/foreign']);

    const listed = (await lister.client.ok(CHOICES)).segmentEngagementDeliveries as Array<{
      deliveryId: string;
      title: string;
      residents: number;
    }>;
    expect(listed.map((d) => [d.title, d.residents])).toEqual([
      ['今月のお知らせ', 2],
      ['先月のお知らせ', 0],
    ]);

    const segmentsOnly = await f.newStaff({ permissions: ['segments.read'], departmentId: lister.departmentId });
    expect(await segmentsOnly.client.code(CHOICES)).toBe('FORBIDDEN');
  });
});
