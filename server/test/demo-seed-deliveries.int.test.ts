import 'reflect-metadata';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { seedDemoLineChannel, seedDemoMunicipality } from '../src/cli/seed.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { runMigrations } from '../src/database.js';
import { DEMO_SURVEY_DELIVERY, seedDemoDeliveries } from '../src/modules/deliveries/index.js';
import {
  isPublicHoliday,
  jstDate,
  jstInstant,
  nextInstants,
  nextWorkingDay,
  type Recurrence,
} from '../src/modules/deliveries/schedule/index.js';
import { DEMO_SURVEY_SEGMENT } from '../src/modules/segments/index.js';
import type { ServiceContext } from '../src/platform/context/context.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { createTestDatabase, sql } from './support/database.js';
import { testEnv } from './support/test-server.js';

/**
 * The demo city's quarterly 住民満足度アンケート (FORM-20) as the seed leaves it: a recurring
 * delivery carrying the form, to the segment of residents who agreed to surveys (FORM-08: never to
 * every friend), on the embedded default's demo channel; a second seed run changes nothing.
 */
const DEMO_CHANNEL = {
  messagingChannelId: '2000000001',
  channelSecret: 'demo-channel-secret',
  channelAccessToken: 'demo-channel-access-token',
  loginChannelId: '2000000002',
};

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
let config: AppConfig;
let channelId: string;

interface DeliveryRow {
  id: string;
  title: string;
  status: string;
  timing: string;
  target_kind: string;
  segment_ids: string[];
  form_id: string | null;
  channel_id: string;
  department_code: string;
  variants: Array<{ language: string; messages: Array<Record<string, unknown>> }>;
  recurrence: Recurrence;
  next_run_at: Date;
  created_by: string | null;
  approved_by: string | null;
}

const deliveries = () =>
  sql<DeliveryRow>(
    db.url,
    `select d.id, d.title, d.status, d.timing, d.target_kind, d.segment_ids::text[] as segment_ids, d.form_id, d.channel_id,
            dep.code as department_code, d.variants, d.recurrence, d.next_run_at, d.created_by, d.approved_by
     from delivery d join department dep on dep.id = d.department_id order by d.id`,
  );
const surveyForm = async () =>
  (await sql<{ id: string; title: string }>(db.url, `select id, title from form where template_key = 'satisfaction-survey'`))[0]!;

/** The 15th of each fiscal quarter's first month at 10:00 JST after `after`, a national holiday moved to the next 開庁日. */
function quarterFifteenths(after: Date, n: number): Date[] {
  const out: Date[] = [];
  let [year, month] = jstDate(after).split('-').map(Number) as [number, number];
  while (out.length < n) {
    if ([1, 4, 7, 10].includes(month)) {
      const fifteenth = `${year}-${String(month).padStart(2, '0')}-15`;
      const instant = jstInstant(isPublicHoliday(fifteenth) ? nextWorkingDay(fifteenth) : fifteenth, '10:00');
      if (instant > after) out.push(instant);
    }
    month = (month % 12) + 1;
    if (month === 1) year++;
  }
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase();
  // LINE's link cards need an https address (the embedded default's http one is covered below).
  env = testEnv(db.url, { PUBLIC_URL: 'https://line.city.example.jp' });
  config = loadConfig(env);
  await runMigrations(config);
  // Identity, attributes and forms; then the channel, the segment and the delivery.
  await seedDemoMunicipality(config);
  channelId = (await seedDemoLineChannel(config, DEMO_CHANNEL)).id;
});
afterAll(async () => {
  await db?.drop();
});

describe('the demo seed’s quarterly satisfaction survey', () => {
  it('seeds one recurring delivery of the survey card to the segment of residents who agreed to surveys', async () => {
    const form = await surveyForm();
    expect(form.title).toBe('住民満足度アンケート');
    const segments = await sql<{ id: string; name: string; condition: unknown; code: string }>(
      db.url,
      `select s.id, s.name, s.condition, dep.code from segment s join department dep on dep.id = s.department_id`,
    );
    expect(segments).toEqual([
      {
        id: expect.any(String),
        name: DEMO_SURVEY_SEGMENT,
        code: 'digital',
        condition: { type: 'attribute', key: 'survey_consent', op: 'in', values: ['given'] },
      },
    ]);

    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    const delivery = rows[0]!;
    expect(delivery).toMatchObject({
      title: DEMO_SURVEY_DELIVERY,
      status: 'SCHEDULED',
      timing: 'RECURRING',
      target_kind: 'SEGMENTS',
      segment_ids: [segments[0]!.id],
      form_id: form.id,
      channel_id: channelId,
      department_code: 'digital',
      created_by: null,
      approved_by: null,
    });
    // A short text, then the form's link card as DeliveryFormService builds it.
    expect(delivery.variants).toHaveLength(1);
    const [text, card] = delivery.variants[0]!.messages;
    expect(delivery.variants[0]!.language).toBe('ja');
    expect(text).toMatchObject({ type: 'text', text: expect.stringContaining('住民満足度アンケート') });
    expect(card).toMatchObject({
      type: 'card',
      title: '住民満足度アンケート',
      buttonLabel: '回答する',
      url: `https://line.city.example.jp/liff/forms/${form.id}`,
    });
    expect(delivery.variants[0]!.messages).toHaveLength(2);

    // Through the services, as the system: created and scheduled, each audited.
    const audit = await sql<{ action: string; actor_label: string; target_id: string }>(
      db.url,
      `select action, actor_label, target_id from audit_event where action in ('segments.create', 'deliveries.create', 'deliveries.schedule') order by seq`,
    );
    expect(audit).toEqual([
      { action: 'segments.create', actor_label: 'system:seed', target_id: segments[0]!.id },
      { action: 'deliveries.create', actor_label: 'system:seed', target_id: delivery.id },
      { action: 'deliveries.schedule', actor_label: 'system:seed', target_id: delivery.id },
    ]);
  });

  it('fires on the 15th of April, July, October and January at 10:00 JST, a holiday moved to the next working day', async () => {
    const [delivery] = await deliveries();
    const rule = delivery!.recurrence;
    expect(rule).toMatchObject({ freq: 'yearly', byMonth: [1, 4, 7, 10], byMonthDay: [15], time: '10:00', holidays: 'next_working_day' });

    const now = new Date();
    const next = nextInstants(rule, now, 5);
    expect(next).toEqual(quarterFifteenths(now, 5));
    expect(next.every((d) => d.getUTCHours() === 1 && d.getUTCMinutes() === 0)).toBe(true);
    expect(delivery!.next_run_at).toEqual(next[0]);

    // 2030-07-15 is 海の日: that quarter's survey goes out on Tuesday the 16th.
    expect(nextInstants(rule, jstInstant('2030-04-16', '00:00'), 5).map((d) => d.toISOString())).toEqual([
      '2030-07-16T01:00:00.000Z',
      '2030-10-15T01:00:00.000Z',
      '2031-01-15T01:00:00.000Z',
      '2031-04-15T01:00:00.000Z',
      '2031-07-15T01:00:00.000Z',
    ]);
  });

  it('changes nothing when the seed runs again', async () => {
    const snapshot = async () => ({
      deliveries: await sql(db.url, `select * from delivery order by id`),
      segments: await sql(db.url, `select * from segment order by id`),
      forms: await sql(db.url, `select id, updated_at from form order by id`),
      channels: await sql(db.url, `select id from line_channel order by id`),
      runs: await sql(db.url, `select id from delivery_run`),
      audit: await sql(db.url, `select seq from audit_event order by seq`),
    });
    const before = await snapshot();
    expect((await seedDemoMunicipality(config)).created).toBe(false);
    expect(await seedDemoLineChannel(config, DEMO_CHANNEL)).toEqual({ id: channelId, created: false });
    expect(await snapshot()).toEqual(before);
  });
});

describe('seedDemoDeliveries', () => {
  let app: App;
  let lines: string[];
  let ctx: ServiceContext;
  let segmentId: string;
  const logger = () =>
    pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
  beforeAll(async () => {
    // The embedded default's PUBLIC_URL.
    app = await createApp(loadConfig({ ...env, PUBLIC_URL: 'http://localhost:4000' }), { logger: createLogger(config), role: 'cli' });
    ctx = {
      em: unscopedFork(app.orm.em),
      actor: { kind: 'system', name: 'seed' },
      meta: { requestId: 'seed-test', ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    segmentId = (await sql<{ id: string }>(db.url, `select id from segment`))[0]!.id;
    await sql(db.url, `delete from delivery`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('skips the delivery with a log line saying why when there is no demo channel', async () => {
    lines = [];
    const seeded = await seedDemoDeliveries(
      ctx,
      app.modules.deliveries.deliveries,
      { channelId: null, surveySegmentId: segmentId },
      logger(),
    );
    expect(seeded).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ level: 40, delivery: DEMO_SURVEY_DELIVERY, msg: expect.stringContaining('there is no demo LINE channel') }),
    ]);
  });

  it('puts the survey’s address in the text when PUBLIC_URL is not https, once', async () => {
    lines = [];
    const seeded = await seedDemoDeliveries(ctx, app.modules.deliveries.deliveries, { channelId, surveySegmentId: segmentId }, logger());
    expect(seeded).toEqual([{ title: DEMO_SURVEY_DELIVERY, id: expect.any(String), created: true }]);
    const form = await surveyForm();
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: seeded[0]!.id,
      status: 'SCHEDULED',
      form_id: form.id,
      target_kind: 'SEGMENTS',
      segment_ids: [segmentId],
    });
    expect(rows[0]!.variants).toEqual([
      {
        language: 'ja',
        messages: [{ type: 'text', text: expect.stringMatching(new RegExp(`\nhttp://localhost:4000/liff/forms/${form.id}$`)) }],
      },
    ]);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      expect.stringContaining('PUBLIC_URL is not https'),
      'seeded a demo delivery',
    ]);

    expect(await seedDemoDeliveries(ctx, app.modules.deliveries.deliveries, { channelId, surveySegmentId: segmentId }, logger())).toEqual([
      { ...seeded[0], created: false },
    ]);
    expect(await deliveries()).toHaveLength(1);
  });
});
