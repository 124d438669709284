import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../../tests/line-emulator/src/app.js';
import { LineChannel } from '../src/modules/channels/index.js';
import { unscopedFork } from '../src/platform/db/department-scope.js';
import { sql } from './support/database.js';
import { Factories, type NewStaff } from './support/factories.js';
import type { GqlClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { emulatorControl } from './support/emulator.js';

/**
 * FORM-08: a real run's form card names the run (`?via=`, signed), the answer records it, and the
 * run's answers and response rate, a summary of one round, and the segment condition "answered
 * delivery X's form" are built on it. A reference a resident made up or altered is no reference,
 * never an error. Sent through the LINE emulator.
 */

const CHANNEL = {
  channelId: '1660000915',
  channelSecret: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
  accessToken: 'emulator-access-token-for-form-answers-01',
};
const PUBLIC_URL = 'https://line.city.example.jp';
const TAG = `回答調査-${randomBytes(2).toString('hex')}`;

let emulator: RunningEmulator;
let t: TestServer;
let f: Factories;
let manager: NewStaff;
let channelId = '';
let segmentId = '';
let formId = '';
let versionId = '';
let otherFormId = '';
let otherVersionId = '';
const residents: Array<{ id: string; client: GqlClient }> = [];

const control = emulatorControl(() => emulator);

const SUBMIT = `mutation($input: SubmitFormInput!) { submitForm(input: $input) { submissionId } }`;
const RUN_STATS = `query($id: ID!) { deliveryRun(id: $id) { id kind formId stats { sent answers answerRate } } }`;
const SUMMARY = `query($formId: ID!, $run: ID) { formSummary(formId: $formId, deliveryRunId: $run) { total questions { fieldId options { optionId count } } } }`;
const TREND = `query($formId: ID!, $run: ID) { formTrend(formId: $formId, period: MONTH, deliveryRunId: $run) { periods { total } } }`;
const COUNT = `query($condition: JSONObject!) { countSegmentCondition(condition: $condition) { count } }`;

async function publishedForm(title: string): Promise<{ formId: string; versionId: string }> {
  const created = await manager.client.ok<{ createForm: { form: { id: string } } }>(
    `mutation($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`,
    { input: { title, kind: 'SURVEY' } },
  );
  const id = created.createForm.form.id;
  await manager.client.ok(`mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`, {
    id,
    input: {
      definition: {
        schemaVersion: 1,
        pages: [
          {
            id: 'p_1',
            fields: [
              {
                id: 'pick',
                type: 'singleChoice',
                display: 'radio',
                label: '満足度',
                options: [
                  { id: 'good', label: '満足' },
                  { id: 'bad', label: '不満' },
                ],
              },
            ],
          },
        ],
      },
    },
  });
  const published = await manager.client.ok<{ publishForm: { form: { publishedVersion: { id: string } } } }>(
    `mutation($id: ID!) { publishForm(id: $id) { form { publishedVersion { id } } } }`,
    { id },
  );
  return { formId: id, versionId: published.publishForm.form.publishedVersion.id };
}

async function newDelivery(title: string, input: Record<string, unknown>): Promise<string> {
  const created = await manager.client.ok<{ createDelivery: { delivery: { id: string } } }>(
    `mutation($input: DeliveryInput!) { createDelivery(input: $input) { delivery { id } } }`,
    {
      input: {
        channelId,
        title,
        targetKind: 'SEGMENTS',
        segmentIds: [segmentId],
        variants: [{ language: 'ja', messages: [{ type: 'text', text: `${title}へのご協力をお願いします。` }] }],
        ...input,
      },
    },
  );
  return created.createDelivery.delivery.id;
}

async function sendAndDrive(deliveryId: string): Promise<string> {
  await manager.client.ok(`mutation($id: ID!) { sendDelivery(id: $id) { delivery { id } } }`, { id: deliveryId });
  const [run] = await sql<{ id: string }>(
    t.databaseUrl,
    `select id from delivery_run where delivery_id = $1 and kind = 'REAL' order by created_at desc limit 1`,
    [deliveryId],
  );
  await t.app.modules.deliveries.runner.prepare(run!.id);
  await t.app.modules.deliveries.runner.sendLane(run!.id);
  return run!.id;
}

/** Every URI in a run's compiled LINE messages. */
async function compiledUris(runId: string): Promise<string[]> {
  const [row] = await sql<{ compiled: unknown }>(t.databaseUrl, `select compiled from delivery_run where id = $1`, [runId]);
  return [...JSON.stringify(row!.compiled).matchAll(/"(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
}

/** Where the link a run sent for its form leads: followed through our redirect, as a resident's tap is. */
async function formLinkOf(runId: string): Promise<string> {
  const redirect = (await compiledUris(runId)).find((u) => u.startsWith(`${PUBLIC_URL}/r/`));
  expect(redirect, 'the run sends its links through the tracked redirect').toBeDefined();
  const res = await fetch(`${t.url}/r/${redirect!.split('/r/')[1]}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

const submit = (client: GqlClient, answer: string, via?: string, form = { formId, versionId }) =>
  client.request<{ submitForm: { submissionId: string } }>(SUBMIT, {
    input: { ...form, answers: { pick: answer }, ...(via === undefined ? {} : { via }) },
  });

async function sourceOf(submissionId: string) {
  const [row] = await sql<{ delivery_id: string | null; delivery_run_id: string | null }>(
    t.databaseUrl,
    `select delivery_id, delivery_run_id from form_submission where id = $1`,
    [submissionId],
  );
  return row!;
}

beforeAll(async () => {
  emulator = await createEmulator({ webhookRedeliveryDelaysMs: [200] });
  await control('POST', '/_emulator/channels', { ...CHANNEL, displayName: '回答市', basicId: '@answers', monthlyMessageLimit: 10_000 });
  t = await startTestServer({ LINE_API_BASE_URL: emulator.url, LINE_DATA_API_BASE_URL: emulator.url, PUBLIC_URL });
  f = new Factories(t);
  manager = await f.newStaff({
    permissions: [
      'deliveries.read',
      'deliveries.manage',
      'deliveries.send',
      'segments.read',
      'segments.manage',
      'forms.read',
      'forms.manage',
      'forms.submissions.read',
    ],
    departmentId: (await f.newDepartment('市民協働課')).id,
  });
  const created = await t.admin.ok(`mutation($input: CreateLineChannelInput!) { createLineChannel(input: $input) { channel { id } } }`, {
    input: {
      name: '回答市',
      purpose: 'PRODUCTION',
      messagingChannelId: CHANNEL.channelId,
      channelSecret: CHANNEL.channelSecret,
      channelAccessToken: CHANNEL.accessToken,
    },
  });
  channelId = created.createLineChannel.channel.id;
  const channel = await unscopedFork(t.app.orm.em).findOneOrFail(LineChannel, { id: channelId });
  for (let i = 0; i < 5; i++) {
    const { resident, client } = await f.newResident({ channel });
    await control('POST', `/_emulator/channels/${CHANNEL.channelId}/friends`, { count: 1, userIds: [resident.lineUserId] });
    // The first is a tester: test sends reach them too.
    await sql(
      t.databaseUrl,
      `update resident set follow_status = 'FOLLOWING', followed_at = now(), tags = $2, is_test_recipient = $3 where id = $1`,
      [resident.id, [TAG], i === 0],
    );
    residents.push({ id: resident.id, client });
  }
  const segment = await manager.client.ok<{ createSegment: { segment: { id: string } } }>(
    `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
    { input: { name: `回答調査の対象 ${TAG}`, condition: { type: 'tag', tag: TAG } } },
  );
  segmentId = segment.createSegment.segment.id;
  ({ formId, versionId } = await publishedForm('市民満足度アンケート'));
  ({ formId: otherFormId, versionId: otherVersionId } = await publishedForm('別のアンケート'));
}, 120_000);

afterAll(async () => {
  await t?.close();
  await emulator?.close();
});

describe('the delivery run behind a form answer (FORM-08)', () => {
  let deliveryId = '';
  let runId = '';
  let via = '';

  beforeAll(async () => {
    deliveryId = await newDelivery('満足度アンケート', { formId });
    runId = await sendAndDrive(deliveryId);
    const link = new URL(await formLinkOf(runId));
    expect(`${link.origin}${link.pathname}`).toBe(`${PUBLIC_URL}/liff/forms/${formId}`);
    via = link.searchParams.get('via') ?? '';
  }, 60_000);

  it('sends a test run’s card without a reference, and a real run’s with one that survives the tracked redirect', async () => {
    const test = await manager.client.ok<{ sendTestDelivery: { run: { id: string } } }>(
      `mutation($id: ID!) { sendTestDelivery(id: $id) { run { id } } }`,
      { id: deliveryId },
    );
    const testLink = new URL(await formLinkOf(test.sendTestDelivery.run.id));
    expect(testLink.searchParams.has('via')).toBe(false);
    expect(via).toMatch(/^[0-9a-f]{96}$/);
    const testStats = await manager.client.ok<{ deliveryRun: any }>(RUN_STATS, { id: test.sendTestDelivery.run.id });
    expect(testStats.deliveryRun).toMatchObject({ kind: 'TEST', formId: null, stats: { answers: null, answerRate: null } });
  });

  it('records the run for an answer through its card, and none for an altered, made-up or other form’s reference, taking every answer', async () => {
    const through = await submit(residents[0]!.client, 'good', via);
    expect(through.errors).toBeUndefined();
    expect(await sourceOf(through.data!.submitForm.submissionId)).toEqual({ delivery_id: deliveryId, delivery_run_id: runId });

    const flipped = `${via.slice(0, 40)}${via[40] === '0' ? '1' : '0'}${via.slice(41)}`;
    const otherForm = t.app.modules.forms.via.create(otherFormId, { deliveryId, runId });
    for (const [i, forged] of [flipped, 'not-a-reference', `${via}00`, otherForm].entries()) {
      const res = await submit(residents[i + 1]!.client, 'bad', forged);
      expect(res.errors, forged).toBeUndefined();
      expect(await sourceOf(res.data!.submitForm.submissionId), forged).toEqual({ delivery_id: null, delivery_run_id: null });
    }
    // A reference moved to the form it was not made for is ignored there too.
    const moved = await submit(residents[0]!.client, 'good', via, { formId: otherFormId, versionId: otherVersionId });
    expect(await sourceOf(moved.data!.submitForm.submissionId)).toEqual({ delivery_id: null, delivery_run_id: null });

    // The audit event says what it always said.
    const [audit] = await sql<{ summary: string }>(
      t.databaseUrl,
      `select summary::text from audit_event where action = 'forms.submit' and target_id = $1`,
      [through.data!.submitForm.submissionId],
    );
    expect(Object.keys(JSON.parse(audit!.summary)).sort()).toEqual(['formId', 'receiptNumber', 'version', 'viaBrowser']);
  });

  it('counts the run’s answers and its response rate, in its stats and in the history export', async () => {
    const res = await manager.client.ok<{ deliveryRun: any }>(RUN_STATS, { id: runId });
    expect(res.deliveryRun).toMatchObject({ kind: 'REAL', formId, stats: { sent: 5, answers: 1, answerRate: 0.2 } });

    const csv = await fetch(`${t.url}/api/delivery-history.csv`, { headers: { cookie: manager.cookie, 'sec-fetch-site': 'same-origin' } });
    expect(csv.status).toBe(200);
    const rows: string[][] = parseCsv(
      Buffer.from(await csv.arrayBuffer())
        .subarray(3)
        .toString('utf8'),
      {},
    );
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === '満足度アンケート')!;
    expect(row[header.indexOf('回答数')]).toBe('1');
    expect(row[header.indexOf('回答率')]).toBe('20.0%');
  });

  it('summarises one round’s answers when asked for its run', async () => {
    const all = await manager.client.ok<{ formSummary: any }>(SUMMARY, { formId });
    expect(all.formSummary.total).toBe(5);
    const round = await manager.client.ok<{ formSummary: any }>(SUMMARY, { formId, run: runId });
    expect(round.formSummary.total).toBe(1);
    expect(round.formSummary.questions[0].options).toEqual([
      { optionId: 'good', count: 1 },
      { optionId: 'bad', count: 0 },
    ]);
    const trend = await manager.client.ok<{ formTrend: { periods: Array<{ total: number }> } }>(TREND, { formId, run: runId });
    expect(trend.formTrend.periods.reduce((n, p) => n + p.total, 0)).toBe(1);
    const bad = await manager.client.request(SUMMARY, { formId, run: 'nope' });
    expect(bad.errors?.[0]?.extensions?.['fields']).toEqual({ deliveryRunId: expect.stringMatching(/配信の回/) });

    // The trend CSV of the round counts the same answers (its 回答数 column, summed over the periods).
    const headers = { cookie: manager.cookie, 'sec-fetch-site': 'same-origin' };
    const csvTotal = async (query: string) => {
      const res = await fetch(`${t.url}/api/forms/${formId}/trend.csv?period=MONTH${query}`, { headers });
      expect(res.status).toBe(200);
      const rows: string[][] = parseCsv(
        Buffer.from(await res.arrayBuffer())
          .subarray(3)
          .toString('utf8'),
        {},
      );
      const [header, ...body] = rows;
      const column = header!.indexOf('回答数');
      return body.reduce((n, row) => n + Number(row[column]), 0);
    };
    expect(await csvTotal('')).toBe(5);
    expect(await csvTotal(`&deliveryRunId=${runId}`)).toBe(1);
    expect((await fetch(`${t.url}/api/forms/${formId}/trend.csv?period=MONTH&deliveryRunId=nope`, { headers })).status).toBe(400);
  });

  it('selects who answered the delivery’s form through it, and who did not; refuses a delivery without a form in Japanese', async () => {
    const answered = await manager.client.ok<{ countSegmentCondition: { count: number } }>(COUNT, {
      condition: {
        type: 'all',
        conditions: [
          { type: 'tag', tag: TAG },
          { type: 'engagement', deliveryId, action: 'answered' },
        ],
      },
    });
    expect(answered.countSegmentCondition.count).toBe(1);
    const notAnswered = await manager.client.ok<{ countSegmentCondition: { count: number } }>(COUNT, {
      condition: {
        type: 'all',
        conditions: [
          { type: 'tag', tag: TAG },
          { type: 'engagement', deliveryId, action: 'notAnswered' },
        ],
      },
    });
    expect(notAnswered.countSegmentCondition.count).toBe(4);
    const sample = t.app.modules.segments.segments.select(
      { type: 'engagement', deliveryId, action: 'answered' },
      new Date().toISOString().slice(0, 10),
      null,
    );
    const ids = (await unscopedFork(t.app.orm.em).execute<Array<{ id: string }>>(sample.sql, sample.params)).map((r) => r.id);
    expect(ids).toEqual([residents[0]!.id]);

    const plain = await newDelivery('お知らせだけ', {});
    const refused = await manager.client.request(COUNT, { condition: { type: 'engagement', deliveryId: plain, action: 'answered' } });
    expect(refused.errors?.[0]?.extensions?.['fields']).toEqual({
      'condition.deliveryId': expect.stringMatching(/フォームを載せていない/),
    });

    const offered = await manager.client.ok<{ segmentEngagementDeliveries: any[] }>(
      `{ segmentEngagementDeliveries { deliveryId carriesForm recording } }`,
    );
    expect(offered.segmentEngagementDeliveries).toContainEqual({ deliveryId, carriesForm: true, recording: false });
  });
});
