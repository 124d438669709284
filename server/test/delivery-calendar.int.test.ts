import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineChannel } from '../src/modules/channels/index.js';
import { addDays } from '../src/modules/deliveries/schedule/jst.js';
import { jstDate, jstInstant } from '../src/modules/deliveries/schedule/index.js';
import { FollowStatus, Resident } from '../src/modules/residents/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * What the console's calendar and step pages read: a delivery's send instants in a window
 * (`Delivery.occurrences`), and what a step plan would send (`DeliveryStepPlan.upcoming`),
 * counted as the job would select its friends, with the date attributes a plan may count from.
 */

let t: TestServer;
let f: Factories;
let channel: LineChannel;
let childrenAttr = { id: '', key: '' };
let segmentId = '';
const today = jstDate(new Date());
const day = (n: number) => addDays(today, n);
const text = (body: string) => [{ language: 'ja', messages: [{ type: 'text', text: body }] }];

type Name = 'twoChildren' | 'sameDay' | 'twins' | 'unfollowed' | 'alreadySent' | 'past' | 'later' | 'untagged';
const residents = {} as Record<Name, string>;

async function attribute(label: string, kind: string): Promise<{ id: string; key: string }> {
  const key = `cal_${kind.toLowerCase()}_${Math.random().toString(36).slice(2, 8)}`;
  const res = await t.admin.ok<{ createAttributeDefinition: { definition: { id: string; key: string } } }>(
    `mutation($input: CreateAttributeDefinitionInput!) { createAttributeDefinition(input: $input) { definition { id key } } }`,
    { input: { key, label, kind } },
  );
  return res.createAttributeDefinition.definition;
}

async function setDates(residentId: string, attributeKey: string, dates: string[]): Promise<void> {
  await t.admin.ok(
    `mutation($input: SetResidentAttributesInput!) { setResidentAttributes(input: $input) { entries { definition { key } } } }`,
    { input: { residentId, values: [{ attributeKey, dates }] } },
  );
}

const CREATE_PLAN = `mutation($input: DeliveryStepPlanInput!) { createDeliveryStepPlan(input: $input) { plan { id steps { id offsetDays time } } } }`;
const UPCOMING = `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { deliveryStepPlan(id: $id) {
  dateAttribute { id label kind retired } upcoming(from: $from, to: $to) { stepId referenceDate at recipients } } }`;

interface Upcoming {
  deliveryStepPlan: {
    dateAttribute: { id: string; label: string; kind: string; retired: boolean } | null;
    upcoming: Array<{ stepId: string; referenceDate: string; at: string; recipients: number }>;
  };
}

async function createPlan(input: Record<string, unknown>): Promise<{ id: string; steps: Array<{ id: string; offsetDays: number }> }> {
  const res = await t.admin.ok<{ createDeliveryStepPlan: { plan: { id: string; steps: Array<{ id: string; offsetDays: number }> } } }>(
    CREATE_PLAN,
    { input: { channelId: channel.id, dateAttributeId: childrenAttr.id, ...input } },
  );
  return res.createDeliveryStepPlan.plan;
}

beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  channel = await f.newChannel();
  const em = unscopedFork(t.app.orm.em);
  const names: Name[] = ['twoChildren', 'sameDay', 'twins', 'unfollowed', 'alreadySent', 'past', 'later', 'untagged'];
  for (const name of names) {
    const userId = `U${Math.random().toString(16).slice(2).padEnd(32, '0')}`;
    const resident = em.create(Resident, {
      channel: em.getReference(LineChannel, channel.id),
      lineUserId: userId,
      lineUserIdHash: t.app.keyring.hash(userId),
      followStatus: name === 'unfollowed' ? FollowStatus.BLOCKED : FollowStatus.FOLLOWING,
      followedAt: new Date(),
      tags: name === 'untagged' ? [] : ['子育て'],
    });
    em.persist(resident);
    residents[name] = resident.id;
  }
  await em.flush();
  childrenAttr = await attribute('子どもの生年月日（カレンダー）', 'DATE_LIST');
  // "30 days after each child's birth date at 09:00": day(1) and day(2) fall in the window below.
  await setDates(residents.twoChildren, childrenAttr.key, [day(1 - 30), day(2 - 30)]);
  await setDates(residents.sameDay, childrenAttr.key, [day(1 - 30)]);
  await setDates(residents.twins, childrenAttr.key, [day(1 - 30), day(1 - 30)]);
  await setDates(residents.unfollowed, childrenAttr.key, [day(1 - 30)]);
  await setDates(residents.alreadySent, childrenAttr.key, [day(1 - 30)]);
  await setDates(residents.past, childrenAttr.key, [day(-2 - 30)]);
  await setDates(residents.later, childrenAttr.key, [day(25 - 30)]);
  await setDates(residents.untagged, childrenAttr.key, [day(2 - 30)]);
  const segment = await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
    `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
    { input: { name: '子育て世帯（カレンダー）', condition: { type: 'tag', tag: '子育て' } } },
  );
  segmentId = segment.createSegment.segment.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('Delivery.occurrences', () => {
  const CREATE = `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id } } }`;
  const OCCURRENCES = `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { delivery(id: $id) { occurrences(from: $from, to: $to) } }`;
  const january = { from: '2027-01-01T00:00:00+09:00', to: '2027-02-01T00:00:00+09:00' };

  it('gives every instant of a recurring rule in the window, holidays applied, and a scheduled one’s date only inside it', async () => {
    const recurring = await t.admin.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE, {
      input: {
        title: '資源ごみの日（カレンダー）',
        channelId: channel.id,
        targetKind: 'ALL',
        timing: 'RECURRING',
        recurrence: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], time: '09:00', start: '2027-01-04', holidays: 'skip' },
        variants: text('あすは資源ごみの日です。'),
      },
    });
    const res = await t.admin.ok<{ delivery: { occurrences: string[] } }>(OCCURRENCES, {
      id: recurring.createDelivery.delivery.id,
      ...january,
    });
    // 成人の日 (2027-01-11, a Monday) is skipped.
    const days = ['04', '06', '08', '13', '15', '18', '20', '22', '25', '27', '29'];
    expect(res.delivery.occurrences).toEqual(days.map((d) => jstInstant(`2027-01-${d}`, '09:00').toISOString()));

    const scheduled = await t.admin.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE, {
      input: {
        title: '防災訓練（カレンダー）',
        channelId: channel.id,
        targetKind: 'ALL',
        timing: 'SCHEDULED',
        scheduledAt: '2027-01-17T01:00:00.000Z',
        variants: text('防災訓練のお知らせです。'),
      },
    });
    const id = scheduled.createDelivery.delivery.id;
    expect((await t.admin.ok<{ delivery: { occurrences: string[] } }>(OCCURRENCES, { id, ...january })).delivery.occurrences).toEqual([
      '2027-01-17T01:00:00.000Z',
    ]);
    const february = { from: '2027-02-01T00:00:00+09:00', to: '2027-03-01T00:00:00+09:00' };
    expect((await t.admin.ok<{ delivery: { occurrences: string[] } }>(OCCURRENCES, { id, ...february })).delivery.occurrences).toEqual([]);
  });

  it('refuses a window over 62 days or ending before it starts', async () => {
    const created = await t.admin.ok<{ createDelivery: { delivery: { id: string } } }>(CREATE, {
      input: { title: '期間の確認', channelId: channel.id, targetKind: 'ALL', timing: 'IMMEDIATE', variants: text('x') },
    });
    const id = created.createDelivery.delivery.id;
    for (const window of [
      { from: '2027-01-01T00:00:00+09:00', to: '2027-04-01T00:00:00+09:00' },
      { from: '2027-02-01T00:00:00+09:00', to: '2027-01-01T00:00:00+09:00' },
    ]) {
      const res = await t.admin.request(OCCURRENCES, { id, ...window });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.['fields']).toHaveProperty('to');
    }
  });
});

describe('DeliveryStepPlan.upcoming and the date attributes', () => {
  it('counts, per message and reference date, the friends the job would send to, less what was already recorded, from now on', async () => {
    const plan = await createPlan({
      title: '1か月健診のご案内（カレンダー）',
      steps: [
        { offsetDays: 30, time: '09:00', variants: text('1か月健診のご案内です。') },
        { offsetDays: -3, time: '10:30', variants: text('まもなくです。') },
      ],
    });
    const month = plan.steps.find((s) => s.offsetDays === 30)!;
    await sql(t.databaseUrl, `insert into delivery_step_sent (plan_id, step_id, resident_id, reference_date) values ($1, $2, $3, $4)`, [
      plan.id,
      month.id,
      residents.alreadySent,
      day(1 - 30),
    ]);
    const window = { from: new Date().toISOString(), to: jstInstant(day(20), '00:00').toISOString() };
    const res = await t.admin.ok<Upcoming>(UPCOMING, { id: plan.id, ...window });
    expect(res.deliveryStepPlan.upcoming).toEqual([
      // twoChildren, sameDay and the twins (one friend for their one date); not the unfollowed, nor the one already recorded.
      { stepId: month.id, referenceDate: day(1 - 30), at: jstInstant(day(1), '09:00').toISOString(), recipients: 3 },
      // twoChildren's second child, and the untagged friend (this plan has no segment).
      { stepId: month.id, referenceDate: day(2 - 30), at: jstInstant(day(2), '09:00').toISOString(), recipients: 2 },
    ]);
    expect(res.deliveryStepPlan.dateAttribute).toEqual({
      id: childrenAttr.id,
      label: '子どもの生年月日（カレンダー）',
      kind: 'DATE_LIST',
      retired: false,
    });

    const later = await t.admin.ok<Upcoming>(UPCOMING, {
      id: plan.id,
      from: jstInstant(day(20), '00:00').toISOString(),
      to: jstInstant(day(30), '00:00').toISOString(),
    });
    expect(later.deliveryStepPlan.upcoming).toEqual([
      { stepId: month.id, referenceDate: day(25 - 30), at: jstInstant(day(25), '09:00').toISOString(), recipients: 1 },
    ]);
  });

  it('counts only friends in the plan’s segments', async () => {
    const plan = await createPlan({
      title: '子育て世帯だけ（カレンダー）',
      segmentIds: [segmentId],
      steps: [{ offsetDays: 30, time: '09:00', variants: text('1か月健診のご案内です。') }],
    });
    const res = await t.admin.ok<Upcoming>(UPCOMING, {
      id: plan.id,
      from: jstInstant(day(2), '00:00').toISOString(),
      to: jstInstant(day(3), '00:00').toISOString(),
    });
    expect(res.deliveryStepPlan.upcoming.map((s) => s.recipients)).toEqual([1]);
  });

  it('includes, while enabled, what fell due since the job last looked, and nothing before now once disabled', async () => {
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const time = new Date(hourAgo.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(11, 16);
    const plan = await createPlan({
      title: '取りこぼしの確認（カレンダー）',
      enabled: true,
      steps: [{ offsetDays: 0, time, variants: text('当日のご案内です。') }],
    });
    await setDates(residents.later, childrenAttr.key, [day(25 - 30), jstDate(hourAgo)]);
    await sql(t.databaseUrl, `update delivery_step_plan set scanned_until = now() - interval '2 hours' where id = $1`, [plan.id]);
    const window = { from: jstInstant(jstDate(hourAgo), '00:00').toISOString(), to: jstInstant(day(3), '00:00').toISOString() };
    const enabled = await t.admin.ok<Upcoming>(UPCOMING, { id: plan.id, ...window });
    expect(enabled.deliveryStepPlan.upcoming).toEqual([
      expect.objectContaining({ referenceDate: jstDate(hourAgo), at: jstInstant(jstDate(hourAgo), time).toISOString(), recipients: 1 }),
    ]);
    await t.admin.ok(`mutation($id: ID!) { updateDeliveryStepPlan(id: $id, input: { enabled: false }) { plan { id } } }`, { id: plan.id });
    const disabled = await t.admin.ok<Upcoming>(UPCOMING, { id: plan.id, ...window });
    expect(disabled.deliveryStepPlan.upcoming).toEqual([]);
  });

  it('lists the date attributes a new plan may use, and needs deliveries.read', async () => {
    const number = await attribute('居住年数（カレンダー）', 'NUMBER');
    const due = await attribute('出産予定日（カレンダー）', 'DATE');
    const res = await t.admin.ok<{ deliveryStepDateAttributes: Array<{ id: string; kind: string }> }>(
      `query { deliveryStepDateAttributes { id label kind retired } }`,
    );
    const ids = res.deliveryStepDateAttributes.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([childrenAttr.id, due.id]));
    expect(ids).not.toContain(number.id);
    expect(res.deliveryStepDateAttributes.every((a) => a.kind === 'DATE' || a.kind === 'DATE_LIST')).toBe(true);

    const outsider = await f.newStaff({ permissions: ['segments.read'] });
    const refused = await outsider.client.request(`query { deliveryStepDateAttributes { id } }`);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
