import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { seedDemoMunicipality } from '../src/cli/seed.js';
import { GqlClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { Factories } from './support/factories.js';
import { sql } from './support/database.js';

/**
 * FORM-20: a periodic satisfaction survey becomes a report — answers per month and per fiscal
 * quarter (第1四半期 = 4–6月, Asia/Tokyo), with averages and distributions, within departments;
 * the CSV of it; and the demo city's survey from the seed.
 */
let t: TestServer;
let f: Factories;
let ipCounter = 0;

beforeAll(async () => {
  t = await startTestServer({ PUBLIC_URL: 'https://city.example.jp' });
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
});

const ALL_FORMS = ['forms.read', 'forms.manage', 'forms.submissions.read', 'forms.submissions.write', 'forms.personal.read'];

const CREATE = `mutation($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`;
const PUBLISH = `mutation($id: ID!) { publishForm(id: $id) { form { publishedVersion { id } } } }`;
const SUBMIT = `mutation($input: SubmitFormInput!) { submitForm(input: $input) { submissionId } }`;
const TREND = `query($id: ID!, $period: FormTrendPeriod!, $from: DateTimeISO, $to: DateTimeISO) {
  formTrend(formId: $id, period: $period, from: $from, to: $to) {
    formId period
    periods { key label startsOn endsOn total }
    questions { fieldId label type points { periodKey answered average options { optionId label count percent } } }
  } }`;

const SATISFACTION = [
  { id: 's5', label: '満足' },
  { id: 's4', label: 'やや満足' },
  { id: 's3', label: 'どちらともいえない' },
  { id: 's2', label: 'やや不満' },
  { id: 's1', label: '@不満' },
];
const DEFINITION = {
  schemaVersion: 1,
  pages: [
    {
      id: 'p_1',
      fields: [
        { id: 'name', type: 'text', label: 'お名前', personal: true },
        { id: 'age', type: 'number', label: '年齢', personal: true },
        { id: 'overall', type: 'singleChoice', display: 'radio', label: '=総合満足度', options: SATISFACTION },
        {
          id: 'useful',
          type: 'multipleChoice',
          label: '役に立つ機能',
          options: [
            { id: 'news', label: 'お知らせ' },
            { id: 'garbage', label: 'ごみ' },
            { id: 'disaster', label: '防災' },
          ],
        },
        { id: 'recommend', type: 'number', label: '勧める度合い', min: 0, max: 10, integer: true },
        { id: 'comment', type: 'text', label: 'ご意見' },
      ],
    },
  ],
};

/**
 * Six answers: two in 2025年度 第4四半期 (one at 23:30 on 31 March), three in 2026年度 第1四半期
 * (the first at 00:10 on 1 April, still 31 March in UTC; the last at 23:59 on 30 June), none in
 * 第2四半期 and one in 第3四半期.
 */
const ANSWERS: Array<{ at: string; answers: Record<string, unknown> }> = [
  { at: '2026-03-15T10:00:00+09:00', answers: { name: '山田', age: 40, overall: 's5', recommend: 9, useful: ['news', 'garbage'] } },
  { at: '2026-03-31T23:30:00+09:00', answers: { overall: 's3', recommend: 6, useful: ['news'], comment: 'ふつう' } },
  { at: '2026-04-01T00:10:00+09:00', answers: { overall: 's4', recommend: 8, useful: ['disaster'] } },
  { at: '2026-05-20T12:00:00+09:00', answers: { overall: 's4', recommend: 6 } },
  { at: '2026-06-30T23:59:00+09:00', answers: { overall: 's2', useful: ['news'] } },
  { at: '2026-10-05T09:00:00+09:00', answers: { overall: 's5', recommend: 10 } },
];

let manager: Awaited<ReturnType<Factories['newStaff']>>;
let formId: string;

beforeAll(async () => {
  manager = await f.newStaff({ permissions: ALL_FORMS });
  formId = (await manager.client.ok(CREATE, { input: { title: '満足度調査', kind: 'SURVEY' } })).createForm.form.id;
  await manager.client.ok(UPDATE, { id: formId, input: { definition: DEFINITION, access: 'BROWSER_ALLOWED', answerPolicy: 'REPEAT' } });
  const versionId = (await manager.client.ok(PUBLISH, { id: formId })).publishForm.form.publishedVersion.id;
  for (const { at, answers } of ANSWERS) {
    // Browsers without LINE, each from its own address (the anonymous rate limit is per address).
    const browser = new GqlClient(t.url, { 'x-forwarded-for': `198.51.100.${++ipCounter}` });
    const sent = await browser.ok(SUBMIT, { input: { formId, versionId, answers } });
    await sql(t.databaseUrl, 'update form_submission set submitted_at = $2 where id = $1', [sent.submitForm.submissionId, at]);
  }
});

type Point = {
  periodKey: string;
  answered: number;
  average: number | null;
  options: Array<{ optionId: string; count: number; percent: number }>;
};
type Trend = {
  periods: Array<{ key: string; label: string; startsOn: string; endsOn: string; total: number }>;
  questions: Array<{ fieldId: string; type: string; points: Point[] }>;
};

const trend = async (client: GqlClient, vars: Record<string, unknown>): Promise<Trend> =>
  (await client.ok<{ formTrend: Trend }>(TREND, { id: formId, ...vars })).formTrend;
const question = (tr: Trend, fieldId: string) => tr.questions.find((q) => q.fieldId === fieldId)!;
const counts = (p: Point) => Object.fromEntries(p.options.map((o) => [o.optionId, [o.count, o.percent]]));

describe('formTrend', () => {
  it('groups answers by fiscal quarter across the March→April year boundary, without gaps, with exact averages and distributions', async () => {
    const tr = await trend(manager.client, { period: 'QUARTER' });
    expect(tr.periods).toEqual([
      { key: 'FY2025-Q4', label: '2025年度 第4四半期', startsOn: '2026-01-01', endsOn: '2026-03-31', total: 2 },
      { key: 'FY2026-Q1', label: '2026年度 第1四半期', startsOn: '2026-04-01', endsOn: '2026-06-30', total: 3 },
      { key: 'FY2026-Q2', label: '2026年度 第2四半期', startsOn: '2026-07-01', endsOn: '2026-09-30', total: 0 },
      { key: 'FY2026-Q3', label: '2026年度 第3四半期', startsOn: '2026-10-01', endsOn: '2026-12-31', total: 1 },
    ]);
    // Personal questions and free texts are not followed.
    expect(tr.questions.map((q) => [q.fieldId, q.type])).toEqual([
      ['overall', 'singleChoice'],
      ['useful', 'multipleChoice'],
      ['recommend', 'number'],
    ]);

    const recommend = question(tr, 'recommend').points;
    expect(recommend.map((p) => [p.periodKey, p.answered, p.average])).toEqual([
      ['FY2025-Q4', 2, 7.5],
      ['FY2026-Q1', 2, 7],
      ['FY2026-Q2', 0, null],
      ['FY2026-Q3', 1, 10],
    ]);
    expect(recommend.every((p) => p.options.length === 0)).toBe(true);

    const overall = question(tr, 'overall').points;
    expect(overall.map((p) => p.answered)).toEqual([2, 3, 0, 1]);
    expect(counts(overall[0]!)).toEqual({ s5: [1, 50], s4: [0, 0], s3: [1, 50], s2: [0, 0], s1: [0, 0] });
    expect(counts(overall[1]!)).toEqual({ s5: [0, 0], s4: [2, 66.7], s3: [0, 0], s2: [1, 33.3], s1: [0, 0] });
    expect(counts(overall[2]!)).toEqual({ s5: [0, 0], s4: [0, 0], s3: [0, 0], s2: [0, 0], s1: [0, 0] });
    expect(counts(overall[3]!)).toEqual({ s5: [1, 100], s4: [0, 0], s3: [0, 0], s2: [0, 0], s1: [0, 0] });

    const useful = question(tr, 'useful').points;
    expect(useful.map((p) => p.answered)).toEqual([2, 2, 0, 0]);
    expect(counts(useful[0]!)).toEqual({ news: [2, 100], garbage: [1, 50], disaster: [0, 0] });
    expect(counts(useful[1]!)).toEqual({ news: [1, 50], garbage: [0, 0], disaster: [1, 50] });
  });

  it('groups by month on the Tokyo calendar, and keeps to the window (from inclusive, to exclusive)', async () => {
    const months = await trend(manager.client, { period: 'MONTH' });
    expect(months.periods.map((p) => [p.key, p.label, p.total])).toEqual([
      ['2026-03', '2026年3月', 2],
      ['2026-04', '2026年4月', 1],
      ['2026-05', '2026年5月', 1],
      ['2026-06', '2026年6月', 1],
      ['2026-07', '2026年7月', 0],
      ['2026-08', '2026年8月', 0],
      ['2026-09', '2026年9月', 0],
      ['2026-10', '2026年10月', 1],
    ]);
    expect(months.periods[1]).toMatchObject({ startsOn: '2026-04-01', endsOn: '2026-04-30' });
    expect(
      question(months, 'recommend')
        .points.slice(0, 4)
        .map((p) => p.average),
    ).toEqual([7.5, 8, 6, null]);

    // 2026年度 第1四半期 exactly: 1 April 00:00 JST up to, not including, 1 July 00:00 JST.
    const q1 = await trend(manager.client, { period: 'QUARTER', from: '2026-03-31T15:00:00Z', to: '2026-06-30T15:00:00Z' });
    expect(q1.periods.map((p) => [p.key, p.total])).toEqual([['FY2026-Q1', 3]]);
    expect(question(q1, 'overall').points[0]!.answered).toBe(3);

    // One minute later the 00:10 answer on 1 April falls outside; the months still start at the window's.
    const late = await trend(manager.client, { period: 'MONTH', from: '2026-03-31T15:11:00Z', to: '2026-07-01T00:00:00+09:00' });
    expect(late.periods.map((p) => [p.key, p.total])).toEqual([
      ['2026-04', 0],
      ['2026-05', 1],
      ['2026-06', 1],
    ]);
  });

  it('refuses a window that ends before it starts, or spans too many periods', async () => {
    const backwards = await manager.client.request(TREND, {
      id: formId,
      period: 'MONTH',
      from: '2026-05-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(backwards.errors![0]!.extensions!.fields!['to']).toMatch(/始まりより後/);
    const long = await manager.client.request(TREND, {
      id: formId,
      period: 'MONTH',
      from: '1990-01-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors![0]!.extensions!.fields!['from']).toMatch(/120期間/);
    expect(
      (await trend(manager.client, { period: 'MONTH', from: '2020-01-01T00:00:00Z', to: '2026-03-31T15:00:00Z' })).periods,
    ).toHaveLength(75);
  });

  it("answers NOT_FOUND to another department's staff and FORBIDDEN without forms.submissions.read, in GraphQL and the CSV", async () => {
    const outsider = await f.newStaff({ permissions: ALL_FORMS });
    expect(await outsider.client.code(TREND, { id: formId, period: 'QUARTER' })).toBe('NOT_FOUND');
    const csv = await fetch(`${t.url}/api/forms/${formId}/trend.csv`, {
      headers: { cookie: outsider.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(csv.status).toBe(404);
    const builder = await f.newStaff({ permissions: ['forms.read', 'forms.manage'], departmentId: manager.departmentId });
    expect(await builder.client.code(TREND, { id: formId, period: 'QUARTER' })).toBe('FORBIDDEN');
    const reader = await f.newStaff({ permissions: ['forms.submissions.read'], departmentId: manager.departmentId });
    expect((await trend(reader.client, { period: 'QUARTER' })).periods.map((p) => p.total)).toEqual([2, 3, 0, 1]);
  });
});

describe('trend CSV', () => {
  it('exports one row per period with averages and option shares, every cell and header neutralised, and records the export', async () => {
    const headers = { cookie: manager.cookie, 'sec-fetch-site': 'same-origin' };
    const res = await fetch(`${t.url}/api/forms/${formId}/trend.csv?period=QUARTER`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/form-trend-\d{4}-\d{2}-\d{2}\.csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(bytes.subarray(3).toString('utf8'), {});
    const [header, ...body] = rows;
    expect(header!.slice(0, 7)).toEqual([
      '期間',
      '開始日',
      '終了日',
      '回答数',
      "'=総合満足度（回答数）",
      "'=総合満足度：満足（件数）",
      "'=総合満足度：満足（割合%）",
    ]);
    expect(header).toContain("'=総合満足度：@不満（件数）");
    expect(header).toContain('勧める度合い（平均）');
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    const column = (name: string) => header!.indexOf(name);
    expect(body.map((r) => r[0])).toEqual(['2025年度 第4四半期', '2026年度 第1四半期', '2026年度 第2四半期', '2026年度 第3四半期']);
    expect(body.map((r) => r[3])).toEqual(['2', '3', '0', '1']);
    expect(body.map((r) => r[column('勧める度合い（平均）')])).toEqual(['7.5', '7', '', '10']);
    expect(body[1]![column("'=総合満足度：やや満足（件数）")]).toBe('2');
    expect(body[1]![column("'=総合満足度：やや満足（割合%）")]).toBe('66.7');
    expect(body[0]![column('役に立つ機能：ごみ（割合%）')]).toBe('50');

    const months: string[][] = parseCsv(
      Buffer.from(
        await (await fetch(`${t.url}/api/forms/${formId}/trend.csv?period=MONTH&from=2026-04-01&to=2026-07-01`, { headers })).arrayBuffer(),
      )
        .subarray(3)
        .toString('utf8'),
      {},
    );
    expect(months.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['2026年4月', '1'],
      ['2026年5月', '1'],
      ['2026年6月', '1'],
    ]);

    const audits = await sql<{ summary: string }>(
      t.databaseUrl,
      `select summary from audit_event where action = 'forms.export' and target_id = $1 order by occurred_at`,
      [formId],
    );
    expect(audits.map((a) => JSON.parse(a.summary))).toMatchObject([
      { format: 'csv', report: 'trend', period: 'QUARTER', from: null, to: null },
      { format: 'csv', report: 'trend', period: 'MONTH', from: '2026-03-31T15:00:00.000Z', to: '2026-06-30T15:00:00.000Z' },
    ]);
  });

  it('refuses an unknown period or date, and a download asked for from another site', async () => {
    const headers = { cookie: manager.cookie, 'sec-fetch-site': 'same-origin' };
    expect((await fetch(`${t.url}/api/forms/${formId}/trend.csv?period=WEEK`, { headers })).status).toBe(400);
    expect((await fetch(`${t.url}/api/forms/${formId}/trend.csv?from=yesterday`, { headers })).status).toBe(400);
    const crossSite = await fetch(`${t.url}/api/forms/${formId}/trend.csv`, { headers: { ...headers, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });
});

describe('demo seed', () => {
  it('gives the demo city its satisfaction survey, published and owned by デジタル戦略課, once', async () => {
    const seeded = () =>
      sql<{ id: string; title: string; status: string; answer_policy: string; code: string; number: number; same: boolean }>(
        t.databaseUrl,
        `select f.id, f.title, f.status, f.answer_policy, d.code, v.number, v.definition::jsonb = f.draft_definition::jsonb as same
           from form f join department d on d.id = f.department_id join form_version v on v.id = f.published_version_id
          where f.template_key = 'satisfaction-survey'`,
      );
    const before = await seeded();
    // REPEAT: each round's answers stay in their own period (OVERWRITE would rewrite the first one in place).
    expect(before).toEqual([
      {
        id: expect.any(String),
        title: '住民満足度アンケート',
        status: 'PUBLISHED',
        answer_policy: 'REPEAT',
        code: 'digital',
        number: 1,
        same: true,
      },
    ]);
    expect((await seedDemoMunicipality(t.config)).created).toBe(false);
    expect(await seeded()).toEqual(before);

    // Residents can open it, and its trend starts empty.
    const open = await new GqlClient(t.url).ok(`query($id: ID!) { residentForm(id: $id) { title availability { code } } }`, {
      id: before[0]!.id,
    });
    expect(open.residentForm.title).toBe('住民満足度アンケート');
    const empty = await t.admin.ok(TREND, { id: before[0]!.id, period: 'QUARTER' });
    expect(empty.formTrend.periods).toEqual([]);
    expect(empty.formTrend.questions.map((q: { fieldId: string }) => q.fieldId)).toEqual(['overall', 'useful', 'frequency', 'recommend']);
  });
});
