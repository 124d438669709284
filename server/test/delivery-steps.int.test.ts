import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { addDays } from '../src/modules/deliveries/schedule/jst.js';
import { jstDate, jstInstant } from '../src/modules/deliveries/schedule/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { emulatorControl } from './support/emulator.js';

/**
 * Step messages (SEG-11) end to end against the LINE emulator: the job (`deliveries.steps`) is
 * run here with a `now` that moves forward day by day, and every check counts what friends
 * actually received.
 */

const CHANNEL = {
  channelId: '1660000888',
  channelSecret: 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef',
  accessToken: 'emulator-access-token-for-step-messages-01',
};

let emulator: RunningEmulator;
let t: TestServer;
let f: Factories;
let channelId = '';
let childrenAttr = { id: '', key: '' };
let dueDateAttr = { id: '', key: '' };
let segmentId = '';
/** Today in Asia/Tokyo when the suite starts; every instant below is relative to it. */
const today = jstDate(new Date());
const day = (n: number) => addDays(today, n);

interface Friend {
  userId: string;
  residentId: string;
}
const people: Record<'twoChildren' | 'sameDay' | 'twins' | 'unfollowed' | 'notInSegment' | 'expecting' | 'english', Friend> = {} as never;

const control = emulatorControl(() => emulator);

async function received(friend: Friend): Promise<string[]> {
  const { messages } = await control<{ messages: Array<{ message: { type: string; text?: string } }> }>(
    'GET',
    `/_emulator/channels/${CHANNEL.channelId}/friends/${friend.userId}/received`,
  );
  return messages.map((m) => m.message.text ?? m.message.type);
}

async function everyone(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, friend] of Object.entries(people)) out[name] = await received(friend);
  return out;
}

const steps = () => t.app.modules.deliveries.steps;
const text = (body: string) => [{ language: 'ja', messages: [{ type: 'text', text: body }] }];

const CREATE_PLAN = `mutation($input: DeliveryStepPlanInput!) { createDeliveryStepPlan(input: $input) {
  plan { id title enabled departmentId channelId dateAttributeId segmentIds steps { id offsetDays time variants } } } }`;
const UPDATE_PLAN = `mutation($id: ID!, $input: DeliveryStepPlanInput!) { updateDeliveryStepPlan(id: $id, input: $input) { plan { id enabled steps { id offsetDays time } } } }`;
const PLAN = `query($id: ID!) { deliveryStepPlan(id: $id) { id title } }`;
const PLANS = `query { deliveryStepPlans(first: 100) { totalCount edges { node { id } } } }`;

async function attribute(label: string, kind: string): Promise<{ id: string; key: string }> {
  const key = `step_${kind.toLowerCase()}_${Math.random().toString(36).slice(2, 8)}`;
  const res = await t.admin.ok<{ createAttributeDefinition: { definition: { id: string; key: string } } }>(
    `mutation($input: CreateAttributeDefinitionInput!) { createAttributeDefinition(input: $input) { definition { id key } } }`,
    { input: { key, label, kind } },
  );
  return res.createAttributeDefinition.definition;
}

async function setDates(friend: Friend, attributeKey: string, dates: string[]): Promise<void> {
  await t.admin.ok(
    `mutation($input: SetResidentAttributesInput!) { setResidentAttributes(input: $input) { entries { definition { key } } } }`,
    { input: { residentId: friend.residentId, values: [{ attributeKey, dates }] } },
  );
}

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: 'ステップ市', basicId: '@steps', monthlyMessageLimit: 100_000 });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url });
  f = new Factories(t);
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: 'ステップ市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  const names = Object.keys({ twoChildren: 0, sameDay: 0, twins: 0, unfollowed: 0, notInSegment: 0, expecting: 0, english: 0 }) as Array<
    keyof typeof people
  >;
  const { friends } = await control<{ friends: Array<{ userId: string }> }>('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, {
    count: names.length,
    sendFollowEvents: false,
  });
  const em = unscopedFork(t.app.orm.em);
  const channel = await em.findOneOrFail(LineChannel, { id: channelId });
  names.forEach((name, i) => {
    const resident = em.create(Resident, {
      channel,
      lineUserIdHash: friends[i]!.userId,
      lineUserId: friends[i]!.userId,
      followStatus: name === 'unfollowed' ? FollowStatus.BLOCKED : FollowStatus.FOLLOWING,
      followedAt: new Date(),
      language: name === 'english' ? 'en' : 'ja',
      tags: name === 'notInSegment' ? [] : ['子育て'],
    });
    em.persist(resident);
    people[name] = { userId: friends[i]!.userId, residentId: resident.id };
  });
  await em.flush();

  childrenAttr = await attribute('子どもの生年月日', 'DATE_LIST');
  dueDateAttr = await attribute('出産予定日', 'DATE');
  // "30 days after each child's birth date at 09:00": day(1) and day(2) are the due days.
  await setDates(people.twoChildren, childrenAttr.key, [day(1 - 30), day(2 - 30)]);
  await setDates(people.sameDay, childrenAttr.key, [day(1 - 30)]);
  await setDates(people.twins, childrenAttr.key, [day(1 - 30), day(1 - 30)]);
  await setDates(people.unfollowed, childrenAttr.key, [day(1 - 30)]);
  await setDates(people.notInSegment, childrenAttr.key, [day(1 - 30)]);
  await setDates(people.english, childrenAttr.key, [day(2 - 30)]);
  // "3 days before the due date at 10:30": due on day(5), so day(2) 10:30.
  await setDates(people.expecting, dueDateAttr.key, [day(5)]);
  // The due-date plan has no segment: only the follow status keeps this one out.
  await setDates(people.unfollowed, dueDateAttr.key, [day(5)]);

  const segment = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
    `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
    { input: { name: '子育て世帯（ステップ）', condition: { type: 'tag', tag: '子育て' } } },
  );
  segmentId = segment.createSegment.segment.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('step plans', () => {
  it('refuses bad steps with Japanese messages per field and saves nothing', async () => {
    const res = await t.admin.request(CREATE_PLAN, {
      input: {
        title: '誤りのある計画',
        channelId,
        dateAttributeId: childrenAttr.id,
        steps: [
          { offsetDays: 3, time: '25:00', variants: text('a') },
          { offsetDays: 3, time: '09:00', variants: [{ language: 'ja', messages: [{ type: 'text', text: 'あ'.repeat(5001) }] }] },
          { offsetDays: 7, time: '09:00', variants: [{ language: 'en', messages: [{ type: 'text', text: 'English only' }] }] },
        ],
      },
    });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const fields = res.errors?.[0]?.extensions?.['fields'] as Record<string, string>;
    expect(fields['steps.0.time']).toMatch(/HH:MM/);
    expect(fields['steps.1.variants.0.messages.0.text']).toMatch(/5000/);
    expect(fields['steps.2.variants']).toMatch(/日本語/);
    expect(Object.keys(fields).sort()).toEqual(['steps.0.time', 'steps.1.variants.0.messages.0.text', 'steps.2.variants']);
    const notDate = await attribute('居住年数（数値）', 'NUMBER');
    const wrongKind = await t.admin.request(CREATE_PLAN, {
      input: {
        title: '数値の属性',
        channelId,
        dateAttributeId: notDate.id,
        steps: [{ offsetDays: 1, time: '09:00', variants: text('x') }],
      },
    });
    expect(wrongKind.errors?.[0]?.extensions?.['fields']).toHaveProperty('dateAttributeId');
    const far = await t.admin.request(CREATE_PLAN, {
      input: {
        title: '遠すぎる',
        channelId,
        dateAttributeId: childrenAttr.id,
        steps: [{ offsetDays: 40_000, time: '09:00', variants: text('x') }],
      },
    });
    expect(far.errors?.[0]?.extensions?.['fields']).toHaveProperty(['steps.0.offsetDays']);
    const rows = await sql<{ n: number }>(t.databaseUrl, `select count(*)::int as n from delivery_step_plan`);
    expect(rows[0]!.n).toBe(0);
  });

  it('enabling a plan takes deliveries.send; another department’s plans are NOT_FOUND', async () => {
    const manager = await f.newStaff({ permissions: ['deliveries.read', 'deliveries.manage'] });
    const input = {
      title: '管理だけ',
      channelId,
      dateAttributeId: childrenAttr.id,
      steps: [{ offsetDays: 7, time: '09:00', variants: text('x') }],
    };
    const enabled = await manager.client.request(CREATE_PLAN, { input: { ...input, enabled: true } });
    expect(enabled.errors?.[0]?.extensions?.['reason']).toBe('SEND_REQUIRED');
    const draft = await manager.client.ok<{ createDeliveryStepPlan: { plan: { id: string; enabled: boolean; departmentId: string } } }>(
      CREATE_PLAN,
      { input },
    );
    expect(draft.createDeliveryStepPlan.plan).toMatchObject({ enabled: false, departmentId: manager.departmentId });
    const id = draft.createDeliveryStepPlan.plan.id;

    const outsider = await f.newStaff({ permissions: ['deliveries.read', 'deliveries.manage', 'deliveries.send'] });
    expect((await outsider.client.request(PLAN, { id })).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await outsider.client.request(UPDATE_PLAN, { id, input: { enabled: true } })).errors?.[0]?.extensions?.['code']).toBe(
      'NOT_FOUND',
    );
    expect(
      (await outsider.client.request(`mutation($id: ID!) { deleteDeliveryStepPlan(id: $id) { deletedId } }`, { id })).errors?.[0]
        ?.extensions?.['code'],
    ).toBe('NOT_FOUND');
    const list = await outsider.client.ok<{ deliveryStepPlans: { edges: Array<{ node: { id: string } }> } }>(PLANS);
    expect(list.deliveryStepPlans.edges.map((e) => e.node.id)).not.toContain(id);
    const own = await manager.client.ok<{ deliveryStepPlans: { edges: Array<{ node: { id: string } }> } }>(PLANS);
    expect(own.deliveryStepPlans.edges.map((e) => e.node.id)).toContain(id);
    await manager.client.ok(`mutation($id: ID!) { deleteDeliveryStepPlan(id: $id) { deletedId } }`, { id });
  });
});

describe('the job', () => {
  let childrenPlan = '';
  let duePlan = '';

  beforeAll(async () => {
    const children = await t.admin.ok<{ createDeliveryStepPlan: { plan: { id: string; steps: Array<{ id: string }> } } }>(CREATE_PLAN, {
      input: {
        title: '生後30日のお知らせ',
        channelId,
        dateAttributeId: childrenAttr.id,
        segmentIds: [segmentId],
        enabled: true,
        steps: [
          {
            offsetDays: 30,
            time: '09:00',
            variants: [
              { language: 'ja', messages: [{ type: 'text', text: '生後30日です' }] },
              { language: 'en', messages: [{ type: 'text', text: 'Your baby is 30 days old' }] },
            ],
          },
        ],
      },
    });
    childrenPlan = children.createDeliveryStepPlan.plan.id;
    const due = await t.admin.ok<{ createDeliveryStepPlan: { plan: { id: string } } }>(CREATE_PLAN, {
      input: {
        title: '出産予定日の3日前',
        channelId,
        dateAttributeId: dueDateAttr.id,
        enabled: true,
        steps: [{ offsetDays: -3, time: '10:30', variants: text('出産予定日まであと3日です') }],
      },
    });
    duePlan = due.createDeliveryStepPlan.plan.id;
  });

  it('sends each child’s step on its own day, once, only to friends who follow and match the segment', async () => {
    const before = await everyone();
    // The day before: nothing is due yet.
    expect(await steps().runDue(jstInstant(day(1), '08:59'))).toMatchObject({ queued: 0, batchesSent: 0 });
    expect(await everyone()).toEqual(before);

    const first = await steps().runDue(jstInstant(day(1), '09:01'));
    expect(first.queued).toBe(3);
    const afterFirst = await everyone();
    const got = (name: keyof typeof people, at = afterFirst) => at[name]!.slice(before[name]!.length);
    expect(got('twoChildren')).toEqual(['生後30日です']);
    expect(got('sameDay')).toEqual(['生後30日です']);
    // Twins share a date: one message.
    expect(got('twins')).toEqual(['生後30日です']);
    expect(got('unfollowed')).toEqual([]);
    expect(got('notInSegment')).toEqual([]);
    expect(got('english')).toEqual([]);
    expect(got('expecting')).toEqual([]);

    // The job again, and a window that overlaps the last one: the unique key records nothing twice.
    expect((await steps().runDue(jstInstant(day(1), '09:01'))).queued).toBe(0);
    await sql(t.databaseUrl, `update delivery_step_plan set scanned_until = scanned_until - interval '12 hours' where id = $1`, [
      childrenPlan,
    ]);
    expect((await steps().runDue(jstInstant(day(1), '09:06'))).queued).toBe(0);
    expect(await everyone()).toEqual(afterFirst);

    // The second child's day.
    const second = await steps().runDue(jstInstant(day(2), '09:02'));
    expect(second.queued).toBe(2);
    const afterSecond = await everyone();
    expect(got('twoChildren', afterSecond)).toEqual(['生後30日です', '生後30日です']);
    expect(got('english', afterSecond)).toEqual(['Your baby is 30 days old']);
    expect(got('sameDay', afterSecond)).toEqual(['生後30日です']);
    expect(got('unfollowed', afterSecond)).toEqual([]);

    const sent = await sql<{ reference_date: string; sent: boolean }>(
      t.databaseUrl,
      `select reference_date::text, sent_at is not null as sent from delivery_step_sent where plan_id = $1 and resident_id = $2 order by 1`,
      [childrenPlan, people.twoChildren.residentId],
    );
    expect(sent).toEqual([
      { reference_date: day(1 - 30), sent: true },
      { reference_date: day(2 - 30), sent: true },
    ]);
  });

  it('a step 3 days before the date; recorded batches a crash left unsent go out once, however many senders take them', async () => {
    const before = await received(people.expecting);
    const unfollowedBefore = await received(people.unfollowed);
    expect(await steps().scan(jstInstant(day(2), '10:29'))).toBe(0);
    // Recorded and written as a batch, then the worker "dies" before sending.
    expect(await steps().scan(jstInstant(day(2), '10:31'))).toBe(1);
    expect(await received(people.expecting)).toEqual(before);
    const pending = await sql<{ status: string }>(t.databaseUrl, `select status from delivery_step_batch where plan_id = $1`, [duePlan]);
    expect(pending).toEqual([{ status: 'PENDING' }]);
    // LINE accepts the first call but its answer is lost: the retry key makes the second one a no-op.
    await control('POST', '/_emulator/faults', {
      operation: 'multicast',
      channelId: CHANNEL.channelId,
      kind: 'error',
      status: 500,
      phase: 'after',
      count: 1,
    });
    const senders = await Promise.all([steps().sendPending(), steps().sendPending(), steps().runDue(jstInstant(day(2), '10:32'))]);
    expect(senders.reduce((n, s) => n + s.batchesSent, 0)).toBe(1);
    expect((await received(people.expecting)).slice(before.length)).toEqual(['出産予定日まであと3日です']);
    const done = await sql<{ status: string; attempts: number }>(
      t.databaseUrl,
      `select b.status, l.attempts from delivery_step_batch b join line_send_request l on l.retry_key = b.retry_key where b.plan_id = $1`,
      [duePlan],
    );
    expect(done).toEqual([{ status: 'SENT', attempts: 2 }]);
    expect((await steps().runDue(jstInstant(day(3), '10:31'))).queued).toBe(0);
    expect((await received(people.expecting)).slice(before.length)).toEqual(['出産予定日まであと3日です']);
    expect(await received(people.unfollowed)).toEqual(unfollowedBefore);
  });

  it('a disabled plan sends nothing; enabled, it starts from that moment; it cannot be deleted while enabled', async () => {
    const plan = await t.admin.ok<{ createDeliveryStepPlan: { plan: { id: string } } }>(CREATE_PLAN, {
      input: {
        title: '停止の確認',
        channelId,
        dateAttributeId: childrenAttr.id,
        enabled: false,
        steps: [{ offsetDays: 33, time: '12:00', variants: text('停止中') }],
      },
    });
    const id = plan.createDeliveryStepPlan.plan.id;
    const before = await everyone();
    // sameDay's child (day(-29)) is due on day(4) 12:00.
    expect((await steps().runDue(jstInstant(day(4), '12:01'))).queued).toBe(0);
    expect(await everyone()).toEqual(before);
    await sql(t.databaseUrl, `update delivery_step_plan set scanned_until = now() - interval '30 days' where id = $1`, [id]);
    const enabling = Date.now();
    const updated = await t.admin.ok<{ updateDeliveryStepPlan: { plan: { enabled: boolean } } }>(UPDATE_PLAN, {
      id,
      input: { enabled: true },
    });
    expect(updated.updateDeliveryStepPlan.plan.enabled).toBe(true);
    // What fell due while it was off stays unsent: its window starts when it was enabled.
    const [row] = await sql<{ scanned_until: Date }>(t.databaseUrl, `select scanned_until from delivery_step_plan where id = $1`, [id]);
    expect(row!.scanned_until.getTime()).toBeGreaterThanOrEqual(enabling - 1000);
    const conflict = await t.admin.request(`mutation($id: ID!) { deleteDeliveryStepPlan(id: $id) { deletedId } }`, { id });
    expect(conflict.errors?.[0]?.extensions?.['reason']).toBe('STEP_PLAN_ENABLED');
  });
});
