import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { WebhookConsumer, WEBHOOK_WAKE_CHANNEL } from '../src/modules/webhook/webhook.consumer.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { sql } from './support/database.js';
import { until } from './support/wait.js';

const samplesDir = fileURLToPath(new URL('../../../shared/data/line-webhook-samples', import.meta.url));
const present = existsSync(`${samplesDir}/python-sdk/webhook-v3.json`);
if (!present) console.warn(`LINE webhook samples not found at ${samplesDir}: the webhook sample tests cannot run here.`);

const SECRET = 'fedcba9876543210fedcba9876543210';
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

let t: TestServer;
let channelId: string;

beforeAll(async () => {
  // No LINE emulator in this file: profile look-ups and greetings fail and must not stop processing.
  t = await startTestServer({ LINE_API_BASE_URL: 'http://127.0.0.1:9' });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: 'テスト市',
      purpose: 'TRAINING',
      messagingChannelId: '2000000001',
      channelSecret: SECRET,
      channelAccessToken: 'dGVzdC10b2tlbi1mb3Itd2ViaG9vay10ZXN0cw==',
    },
  });
  channelId = created.createLineChannel.channel.id;
});
afterAll(async () => {
  await t?.close();
});

function post(body: string, signature: string | undefined) {
  return fetch(`${t.url}/webhook/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) },
    body,
  });
}

/** LINE's SDK fixture, with the distinct webhookEventIds real LINE traffic always has. */
function sampleBody(): string {
  const body = JSON.parse(readFileSync(`${samplesDir}/python-sdk/webhook-v3.json`, 'utf8')) as { events: Array<Record<string, unknown>> };
  body.events.forEach((e, i) => (e['webhookEventId'] = `01SAMPLE${String(i).padStart(18, '0')}`));
  return JSON.stringify(body);
}

describe('webhook', () => {
  it('answers 401 to a bad signature and stores nothing', async () => {
    const body = JSON.stringify({
      destination: 'U0',
      events: [{ type: 'follow', webhookEventId: '01BAD', timestamp: Date.now(), source: { type: 'user', userId: 'U1' } }],
    });
    expect((await post(body, sign(body, '0'.repeat(32)))).status).toBe(401);
    expect((await post(body, undefined)).status).toBe(401);
    expect((await post(body, sign(body + ' '))).status).toBe(401);
    expect(await sql(t.databaseUrl, `select 1 from line_webhook_event`)).toHaveLength(0);
  });

  it("answers an unknown channel as it answers a bad signature (401), and 200 to LINE's empty verification call", async () => {
    const empty = JSON.stringify({ destination: 'U0', events: [] });
    expect(
      (
        await fetch(`${t.url}/webhook/00000000-0000-0000-0000-000000000000`, {
          method: 'POST',
          body: empty,
          headers: { 'x-line-signature': sign(empty) },
        })
      ).status,
    ).toBe(401);
    expect((await post(empty, sign(empty))).status).toBe(200);
  });

  it('refuses a body larger than LINE ever sends with 413, and stores nothing', async () => {
    const before = await sql(t.databaseUrl, `select 1 from line_webhook_event`);
    const huge = JSON.stringify({
      destination: 'U0',
      events: [{ type: 'message', webhookEventId: '01HUGE', padding: 'x'.repeat(1_100_000) }],
    });
    expect((await post(huge, sign(huge))).status).toBe(413);
    expect(await sql(t.databaseUrl, `select 1 from line_webhook_event`)).toHaveLength(before.length);
    // Only POST is LINE's: other methods get the ordinary 404.
    expect((await fetch(`${t.url}/webhook/${channelId}`)).status).toBe(404);
  });

  describe.skipIf(!present)(
    `LINE's SDK sample payloads${present ? '' : ` (skipped: ${samplesDir} not found; CI has it beside the checkout)`}`,
    () => {
      it('stores every event once, processes follow/unfollow/message/postback and ignores the rest', async () => {
        const body = sampleBody();
        const res = await post(body, sign(body));
        expect(res.status).toBe(200);
        await until(async () => (await sql(t.databaseUrl, `select 1 from line_webhook_event where status = 'PENDING'`)).length === 0);
        const rows = await sql<{ type: string; status: string }>(t.databaseUrl, `select type, status from line_webhook_event order by id`);
        expect(rows).toHaveLength(28);
        const status = (type: string) => [...new Set(rows.filter((r) => r.type === type).map((r) => r.status))];
        for (const type of ['follow', 'unfollow', 'message', 'postback']) expect(status(type)).toEqual(['PROCESSED']);
        for (const type of ['join', 'leave', 'beacon', 'memberJoined', 'undefined']) expect(status(type)).toEqual(['IGNORED']);

        // The user-sourced events belong to one resident; group and room messages are not 1:1 talk.
        const residents = await sql<{ follow_status: string; line_user_id: string }>(
          t.databaseUrl,
          `select follow_status, line_user_id from resident`,
        );
        expect(residents).toHaveLength(1);
        expect(residents[0]!.line_user_id).not.toContain('U206d25c2ea6bd87c17655609a1c37cb8');
        // The fixture's order is follow, then unfollow, then more messages: a message means a friend again.
        expect(residents[0]!.follow_status).toBe('FOLLOWING');
        const history = await sql<{ kind: string }>(t.databaseUrl, `select kind from resident_follow_event order by occurred_at, id`);
        expect(history.map((h) => h.kind).sort()).toEqual(['FOLLOW', 'UNFOLLOW']);

        const talk = await t.admin.ok(
          `{ residents(first: 5) { edges { node { id followStatus talkLog(first: 50) { totalCount edges { node { direction messageType content } } } } } } }`,
        );
        const log = talk.residents.edges[0].node.talkLog;
        const types = log.edges.map((e: { node: { messageType: string } }) => e.node.messageType);
        expect(types).toEqual(expect.arrayContaining(['text', 'image', 'video', 'audio', 'location', 'sticker', 'file', 'postback']));
        const location = log.edges.find((e: { node: { messageType: string } }) => e.node.messageType === 'location').node.content;
        expect(location).toMatch(/^\[位置情報 /);
        const original = JSON.parse(body).events.find((e: { message?: { type: string } }) => e.message?.type === 'location').message
          .address as string;
        expect(JSON.stringify(log)).not.toContain(original);
        // Text is personal data: never in plaintext in the table.
        const rawTalk = JSON.stringify(await sql(t.databaseUrl, `select content from talk_log_entry`));
        const text = JSON.parse(body).events.find((e: { message?: { type: string } }) => e.message?.type === 'text').message.text as string;
        expect(rawTalk).not.toContain(text);
        expect(JSON.stringify(await sql(t.databaseUrl, `select payload from line_webhook_event`))).not.toContain(
          'U206d25c2ea6bd87c17655609a1c37cb8',
        );
      });

      it('exports the talk log as CSV for staff allowed to, without addresses, and logs the export', async () => {
        const res = await fetch(`${t.url}/api/talk-log.csv`, {
          headers: { cookie: t.admin.cookieHeader(), 'sec-fetch-site': 'same-origin' },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="talk-log-/);
        const text = Buffer.from(await res.arrayBuffer())
          .subarray(3)
          .toString('utf8');
        const lines = text.trim().split('\n');
        expect(lines[0]).toBe('日時,住民ID,方向,種類,内容,送信元機能');
        expect(lines.some((l) => l.includes(',受信,location,'))).toBe(true);
        const address = JSON.parse(sampleBody()).events.find((e: { message?: { type: string } }) => e.message?.type === 'location').message
          .address as string;
        expect(text).not.toContain(address);
        expect(await sql(t.databaseUrl, `select 1 from audit_event where action = 'talklog.export'`)).toHaveLength(1);
        expect((await fetch(`${t.url}/api/talk-log.csv`)).status).toBe(401);
      });

      it('recognises a redelivery and processes it only once', async () => {
        const before = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from talk_log_entry`);
        const redelivered = JSON.parse(sampleBody()) as { events: Array<{ deliveryContext: { isRedelivery: boolean } }> };
        redelivered.events.forEach((e) => (e.deliveryContext = { isRedelivery: true }));
        const body = JSON.stringify(redelivered);
        expect((await post(body, sign(body))).status).toBe(200);
        // The 200 comes once the events are stored: no waiting needed before looking.
        expect(await sql(t.databaseUrl, `select 1 from line_webhook_event where webhook_event_id like '01SAMPLE%'`)).toHaveLength(28);
        // Each event was seen once more; events the fixture already flags as redelivered count one extra.
        const flagged = (
          JSON.parse(sampleBody()) as { events: Array<{ webhookEventId: string; deliveryContext?: { isRedelivery?: boolean } }> }
        ).events;
        const counted = await sql<{ webhook_event_id: string; redeliveries: number }>(
          t.databaseUrl,
          `select webhook_event_id, redeliveries from line_webhook_event where webhook_event_id like '01SAMPLE%'`,
        );
        for (const row of counted) {
          const first = flagged.find((e) => e.webhookEventId === row.webhook_event_id)!.deliveryContext?.isRedelivery ? 1 : 0;
          expect(row.redeliveries).toBe(first + 1);
        }
        const after = await sql<{ n: string }>(t.databaseUrl, `select count(*)::text as n from talk_log_entry`);
        expect(after[0]!.n).toBe(before[0]!.n);
      });
    },
  );

  it('retries a failing event with backoff, marks it failed after five attempts, and lets an administrator retry it', async () => {
    let fail = true;
    t.app.webhookRouter.register({
      type: 'things',
      name: 'test.things',
      handle: async () => {
        if (fail) throw new Error('downstream unavailable');
      },
    });
    const body = JSON.stringify({
      destination: 'U0',
      events: [
        { type: 'things', webhookEventId: '01THINGS', timestamp: Date.now(), mode: 'active', source: { type: 'user', userId: 'U1' } },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    const state = async () =>
      (
        await sql<{ id: string; status: string; attempts: number; last_error: string }>(
          t.databaseUrl,
          `select id::text, status, attempts, last_error from line_webhook_event where webhook_event_id = '01THINGS'`,
        )
      )[0]!;
    await until(async () => (await state()).attempts === 1);
    expect(await state()).toMatchObject({ status: 'PENDING', last_error: 'test.things: downstream unavailable' });
    for (let attempts = 2; attempts <= 5; attempts++) {
      await sql(
        t.databaseUrl,
        `update line_webhook_event set next_attempt_at = now() - interval '1 second' where webhook_event_id = '01THINGS'`,
      );
      // The job runner's sweep or the consumer's next look, whichever comes first, retries it once.
      await t.app.modules.webhook.processor.processPending();
      await until(async () => (await state()).attempts === attempts);
    }
    expect(await state()).toMatchObject({ status: 'FAILED', attempts: 5 });

    const failed = await t.admin.ok(`{ lineWebhookEvents(filter: { status: FAILED }) { edges { node { id type attempts lastError } } } }`);
    expect(failed.lineWebhookEvents.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual(['things']);
    fail = false;
    const retried = await t.admin.ok(`mutation($id: ID!) { retryLineWebhookEvent(id: $id) { event { status } } }`, {
      id: (await state()).id,
    });
    expect(retried.retryLineWebhookEvent.event.status).toBe('PROCESSED');
  });
});

describe('fan-out to every handler of a type', () => {
  it('runs each handler in the order registered, and retries only the one that failed', async () => {
    const ran: string[] = [];
    let secondFails = true;
    t.app.webhookRouter.register({ type: 'fanout', name: 'test.fanout.first', handle: async () => void ran.push('first') });
    t.app.webhookRouter.register({
      type: 'fanout',
      name: 'test.fanout.second',
      handle: async () => {
        ran.push('second');
        if (secondFails) throw new Error('second is down');
      },
    });
    t.app.webhookRouter.register({ type: 'fanout', name: 'test.fanout.third', handle: async () => void ran.push('third') });
    const body = JSON.stringify({
      destination: 'U0',
      events: [
        { type: 'fanout', webhookEventId: '01FANOUT', timestamp: Date.now(), mode: 'active', source: { type: 'user', userId: 'Ufan' } },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    const state = async () =>
      (
        await sql<{ status: string; attempts: number; handled: string[]; last_error: string | null }>(
          t.databaseUrl,
          `select status, attempts, handled, last_error from line_webhook_event where webhook_event_id = '01FANOUT'`,
        )
      )[0]!;
    await until(async () => (await state()).attempts === 1);
    expect(ran).toEqual(['first', 'second', 'third']);
    expect(await state()).toMatchObject({
      status: 'PENDING',
      handled: ['test.fanout.first', 'test.fanout.third'],
      last_error: 'test.fanout.second: second is down',
    });

    secondFails = false;
    await sql(
      t.databaseUrl,
      `update line_webhook_event set next_attempt_at = now() - interval '1 second' where webhook_event_id = '01FANOUT'`,
    );
    await t.app.modules.webhook.processor.processPending();
    await until(async () => (await state()).status === 'PROCESSED');
    expect(ran).toEqual(['first', 'second', 'third', 'second']);
    expect((await state()).handled.sort()).toEqual(['test.fanout.first', 'test.fanout.second', 'test.fanout.third']);
  });

  it('gives a message to the talk log and to another feature alike', async () => {
    const seen: string[] = [];
    t.app.webhookRouter.register({
      type: 'message',
      name: 'test.chat',
      handle: async (_channelId, event) => void seen.push(event.message?.text ?? ''),
    });
    const body = JSON.stringify({
      destination: 'U0',
      events: [
        {
          type: 'message',
          webhookEventId: '01FANMESSAGE',
          timestamp: Date.now(),
          mode: 'active',
          source: { type: 'user', userId: 'Ufanmessage' },
          message: { type: 'text', id: 'm1', text: '両方に届きますか' },
        },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    await until(async () => seen.includes('両方に届きますか'));
    await until(
      async () =>
        (await sql(t.databaseUrl, `select 1 from talk_log_entry where source_event_id = '01FANMESSAGE'`)).length === 1 &&
        (await sql(t.databaseUrl, `select 1 from line_webhook_event where webhook_event_id = '01FANMESSAGE' and status = 'PROCESSED'`))
          .length === 1,
    );
  });

  it('refuses a second handler under a name already registered', () => {
    expect(() =>
      t.app.webhookRouter.register({ type: 'message', name: 'residents.talkLog.message', handle: async () => undefined }),
    ).toThrow(/registered twice/);
  });
});

describe('processing claims', () => {
  it('processes an event once even when two consumers reach for it at the same time', async () => {
    let calls = 0;
    t.app.webhookRouter.register({
      type: 'claimtest',
      name: 'test.claimtest',
      handle: async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 50));
      },
    });
    const body = JSON.stringify({
      destination: 'U0',
      events: [
        { type: 'claimtest', webhookEventId: '01CLAIM', timestamp: Date.now(), mode: 'active', source: { type: 'user', userId: 'U2' } },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    const [row] = await sql<{ id: string }>(t.databaseUrl, `select id::text from line_webhook_event where webhook_event_id = '01CLAIM'`);
    // The consumer woken by the insert, an administrator's retry and the job runner's sweep race.
    await Promise.all([
      t.app.modules.webhook.processor.processNow(row!.id),
      t.app.modules.webhook.processor.processNow(row!.id),
      t.app.modules.webhook.processor.processPending(),
    ]);
    await t.app.modules.webhook.consumer()!.idle();
    expect(calls).toBe(1);
    const [after] = await sql<{ status: string; claimed_until: Date | null }>(
      t.databaseUrl,
      `select status, claimed_until from line_webhook_event where id = $1`,
      [row!.id],
    );
    expect(after).toEqual({ status: 'PROCESSED', claimed_until: null });
  });

  it("keeps each resident's events in the order LINE sent them while several consumers share the work", async () => {
    const seen = new Map<string, number[]>();
    t.app.webhookRouter.register({
      type: 'ordered',
      name: 'test.ordered',
      handle: async (_channelId, event) => {
        const { userId } = event.source as { userId: string };
        const n = Number((event as unknown as { seq: number }).seq);
        // Uneven handler times, so a consumer that skipped ahead would finish out of order.
        await new Promise((r) => setTimeout(r, (n * 7) % 5));
        seen.set(userId, [...(seen.get(userId) ?? []), n]);
      },
    });
    const second = await WebhookConsumer.start(t.app.modules.webhook.processor, t.databaseUrl, t.app.logger);
    const third = await WebhookConsumer.start(t.app.modules.webhook.processor, t.databaseUrl, t.app.logger);
    try {
      const users = ['Uorder1', 'Uorder2', 'Uorder3', 'Uorder4'];
      for (let seq = 0; seq < 30; seq++) {
        // Requests arrive one after another while the consumers are already at work.
        const events = users.map((userId) => ({
          type: 'ordered',
          seq,
          webhookEventId: `01ORDER${userId}${String(seq).padStart(3, '0')}`,
          timestamp: Date.now(),
          mode: 'active',
          source: { type: 'user', userId },
        }));
        const body = JSON.stringify({ destination: 'U0', events });
        expect((await post(body, sign(body))).status).toBe(200);
      }
      await until(async () => users.every((u) => seen.get(u)?.length === 30), 20_000);
      for (const user of users) expect(seen.get(user)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    } finally {
      await Promise.all([second.stop(), third.stop()]);
    }
  });

  it('wakes consumers through NOTIFY when events are stored', async () => {
    const listener = new pg.Client({ connectionString: t.databaseUrl });
    await listener.connect();
    try {
      const woken = new Promise<string>((resolve) => listener.on('notification', (msg) => resolve(msg.channel)));
      await listener.query(`LISTEN ${WEBHOOK_WAKE_CHANNEL}`);
      const body = JSON.stringify({
        destination: 'U0',
        events: [
          { type: 'nothing', webhookEventId: '01WAKE', timestamp: Date.now(), mode: 'active', source: { type: 'user', userId: 'U9' } },
        ],
      });
      expect((await post(body, sign(body))).status).toBe(200);
      expect(await woken).toBe(WEBHOOK_WAKE_CHANNEL);
    } finally {
      await listener.end();
    }
  });
});

describe('batched processing', () => {
  const message = (userId: string, n: number) => ({
    type: 'message',
    webhookEventId: `01BATCH${userId}${n}`,
    timestamp: Date.now() + n,
    mode: 'active',
    replyToken: `r${n}`,
    source: { type: 'user', userId },
    message: { type: 'text', id: `${n}`, quoteToken: 'q', text: `${userId} の ${n} 通目` },
  });

  it("logs many residents' messages together, in order, and brings back a resident who had blocked", async () => {
    const users = Array.from({ length: 20 }, (_, i) => `Ubatch${String(i).padStart(2, '0')}`);
    // One of them blocked the account earlier; a message means they are a friend again.
    const unfollow = JSON.stringify({
      destination: 'U0',
      events: [
        {
          type: 'unfollow',
          webhookEventId: '01BATCHUNF',
          timestamp: Date.now() - 1000,
          mode: 'active',
          source: { type: 'user', userId: users[0] },
        },
      ],
    });
    expect((await post(unfollow, sign(unfollow))).status).toBe(200);
    await until(async () => (await sql(t.databaseUrl, `select 1 from resident where follow_status = 'BLOCKED'`)).length === 1);

    const body = JSON.stringify({ destination: 'U0', events: users.flatMap((u) => [message(u, 1), message(u, 2)]) });
    expect((await post(body, sign(body))).status).toBe(200);
    await until(
      async () =>
        (await sql(t.databaseUrl, `select 1 from line_webhook_event where webhook_event_id like '01BATCHUbatch%' and status = 'PROCESSED'`))
          .length === 40,
    );
    const residents = await t.admin.ok(
      `{ residents(first: 40, filter: { followStatus: FOLLOWING }) { edges { node { id talkLog(first: 3) { edges { node { content } } } } } } }`,
    );
    const logs = residents.residents.edges
      .map((e: { node: { talkLog: { edges: Array<{ node: { content: string } }> } } }) => e.node.talkLog.edges.map((x) => x.node.content))
      .filter((contents: string[]) => contents.some((c) => c.startsWith('Ubatch')));
    expect(logs).toHaveLength(20);
    for (const contents of logs) {
      const user = contents[0]!.split(' ')[0];
      expect([...contents].sort()).toEqual([`${user} の 1 通目`, `${user} の 2 通目`]);
    }
    expect(await sql(t.databaseUrl, `select 1 from resident where follow_status = 'BLOCKED'`)).toHaveLength(0);
  });

  it('goes through the events one by one when a batch fails, so only the bad event is retried', async () => {
    const single: string[] = [];
    t.app.webhookRouter.register({
      type: 'fragile',
      name: 'test.fragile',
      handle: async (_channelId, event) => {
        if (event.source?.userId === 'Ufragile2') throw new Error('this one is broken');
        single.push(event.source!.userId!);
      },
      handleBatch: async () => {
        throw new Error('the batch statement failed');
      },
    });
    const events = [1, 2, 3].map((i) => ({
      type: 'fragile',
      webhookEventId: `01FRAGILE${i}`,
      timestamp: Date.now(),
      mode: 'active',
      source: { type: 'user', userId: `Ufragile${i}` },
    }));
    const body = JSON.stringify({ destination: 'U0', events });
    expect((await post(body, sign(body))).status).toBe(200);
    await until(
      async () => (await sql(t.databaseUrl, `select 1 from line_webhook_event where type = 'fragile' and attempts = 1`)).length === 3,
    );
    expect(single.sort()).toEqual(['Ufragile1', 'Ufragile3']);
    const states = await sql<{ webhook_event_id: string; status: string; last_error: string | null }>(
      t.databaseUrl,
      `select webhook_event_id, status, last_error from line_webhook_event where type = 'fragile' order by webhook_event_id`,
    );
    expect(states).toEqual([
      { webhook_event_id: '01FRAGILE1', status: 'PROCESSED', last_error: null },
      { webhook_event_id: '01FRAGILE2', status: 'PENDING', last_error: 'test.fragile: this one is broken' },
      { webhook_event_id: '01FRAGILE3', status: 'PROCESSED', last_error: null },
    ]);
  });
});

describe('crash recovery', () => {
  it('takes over an event whose claim a crashed process left behind, once the claim has expired', async () => {
    let handled = 0;
    t.app.webhookRouter.register({
      type: 'orphan',
      name: 'test.orphan',
      handle: async () => {
        handled += 1;
      },
    });
    const payload = t.app.keyring.encrypt(
      JSON.stringify({ type: 'orphan', webhookEventId: '01ORPHAN', timestamp: Date.now(), source: { type: 'user', userId: 'U3' } }),
    );
    // Claimed by a process that then crashed: nobody else may take it while the claim holds.
    await sql(
      t.databaseUrl,
      `insert into line_webhook_event (channel_id, webhook_event_id, type, payload, received_at, status, claimed_until)
       values ($1, '01ORPHAN', 'orphan', $2, now(), 'PENDING', now() + interval '5 minutes')`,
      [channelId, payload],
    );
    expect(await t.app.modules.webhook.processor.processPending()).toBe(0);
    await sql(
      t.databaseUrl,
      `update line_webhook_event set claimed_until = now() - interval '1 second' where webhook_event_id = '01ORPHAN'`,
    );
    await t.app.modules.webhook.processor.processPending();
    await until(
      async () =>
        (await sql(t.databaseUrl, `select 1 from line_webhook_event where webhook_event_id = '01ORPHAN' and status = 'PROCESSED'`))
          .length === 1,
    );
    expect(handled).toBe(1);
  });
});
describe('group commit', () => {
  it('stores concurrent requests together and the same event arriving twice at once only once', async () => {
    let handled = 0;
    t.app.webhookRouter.register({
      type: 'burst',
      name: 'test.burst',
      handle: async () => {
        handled += 1;
      },
    });
    const bodies = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({
        destination: 'U0',
        events: [
          {
            type: 'burst',
            webhookEventId: `01BURST${i % 10}`,
            timestamp: Date.now(),
            mode: 'active',
            source: { type: 'user', userId: `U${i}` },
          },
        ],
      }),
    );
    const { ingestion } = t.app.modules.webhook;
    await t.app.modules.channels.lineChannels.known(channelId); // as after the first call of a burst
    const statements = ingestion.storeStatements;
    // Twenty requests arriving in one turn of the event loop (as under load) share one statement.
    const answers = await Promise.all(bodies.map((b) => ingestion.ingest(channelId, Buffer.from(b), sign(b))));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
    expect(ingestion.storeStatements - statements).toBe(1);
    expect(answers.reduce((n, a) => n + (a.status === 200 ? a.stored : 0), 0)).toBe(10);
    await until(async () => handled >= 10);
    await t.app.modules.webhook.consumer()!.idle();
    const rows = await sql<{ n: string; redeliveries: string }>(
      t.databaseUrl,
      `select count(*)::text as n, sum(redeliveries)::text as redeliveries from line_webhook_event where type = 'burst'`,
    );
    expect(rows[0]).toEqual({ n: '10', redeliveries: expect.any(String) });
    expect(handled).toBe(10);
  });
});
