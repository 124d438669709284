import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../src/modules/deliveries/recurring-import.layout.js';
import { sql } from './support/database.js';
import { Factories } from './support/factories.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * Bulk registration of recurring deliveries (SEG-10) from CSV and Excel: 600 rows in one go,
 * every row checked first with problems by row and column, nothing saved unless all are right.
 */

let t: TestServer;
let f: Factories;
let channelId = '';
let eastId = '';
const IMPORT = `mutation($file: String!, $format: DeliveryImportFormat!, $channelId: ID) {
  importRecurringDeliveries(file: $file, format: $format, channelId: $channelId) { created deliveryIds } }`;

const HEADERS = [
  '件名',
  '配信先セグメント',
  '本文',
  '繰り返し',
  '曜日',
  '日',
  '第n曜日',
  '月',
  '指定日',
  '時刻',
  '開始日',
  '終了日',
  '回数',
  '祝日の扱い',
];
type Row = Partial<Record<(typeof HEADERS)[number], string>>;

/** A year from now, so every rule has dates to come. */
const nextYear = String(new Date().getFullYear() + 1);

/** 600 rows: weekly, monthly by day and by nth weekday, yearly and listed dates, to names, ids and 全員. */
function rows(n = 600): Row[] {
  return Array.from({ length: n }, (_, i): Row => {
    const base = { 件名: `ごみ収集のお知らせ ${i + 1}`, 本文: `あすは収集日です（${i + 1}）`, 時刻: '18:00', 開始日: `${nextYear}-04-01` };
    switch (i % 5) {
      case 0:
        return { ...base, 配信先セグメント: '東地区', 繰り返し: '毎週', 曜日: '月;木', 祝日の扱い: 'スキップ' };
      case 1:
        return { ...base, 配信先セグメント: eastId, 繰り返し: '毎月', 日: '1;15;末日', 終了日: `${nextYear}-12-31` };
      case 2:
        return {
          ...base,
          配信先セグメント: '東地区;西地区',
          繰り返し: '毎月',
          第n曜日: '第2火;最終金',
          回数: '12',
          祝日の扱い: '翌開庁日',
        };
      case 3:
        return { ...base, 配信先セグメント: '西地区', 繰り返し: '毎年', 月: '4;10', 日: '１０', 時刻: '9:30' };
      default:
        return { ...base, 配信先セグメント: '全員', 繰り返し: '指定日', 指定日: `${nextYear}/5/1;${nextYear}-06-01`, 開始日: '' };
    }
  });
}

function csv(data: Row[], headers = HEADERS): string {
  const cell = (v: string | undefined) => (v && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? ''));
  return `\uFEFF${[headers.join(','), ...data.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n')}\r\n`;
}

async function xlsx(data: Row[], tweak?: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('繰り返し配信');
  sheet.addRow(HEADERS);
  for (const r of data) {
    sheet.addRow(
      HEADERS.map((h) => {
        const v = r[h] ?? '';
        // As Excel stores what staff type: dates and times as date cells, counts as numbers.
        if ((h === '開始日' || h === '終了日') && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
        if (h === '時刻' && /^\d{1,2}:\d{2}$/.test(v)) {
          const [hh, mm] = v.split(':').map(Number);
          return new Date(Date.UTC(1899, 11, 30, hh, mm));
        }
        if (h === '回数' && v) return Number(v);
        return v || null;
      }),
    );
  }
  tweak?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

async function draftCount(): Promise<number> {
  const rows = await sql<{ n: number }>(
    t.databaseUrl,
    `select count(*)::int as n from delivery where channel_id = $1 and status = 'DRAFT' and timing = 'RECURRING'`,
    [channelId],
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
  channelId = (await f.newChannel()).id;
  const segment = async (name: string, tag: string) =>
    (
      await t.admin.ok<{ createSegment: { segment: { id: string } } }>(
        `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }`,
        { input: { name, condition: { type: 'tag', tag } } },
      )
    ).createSegment.segment.id;
  eastId = await segment('東地区', '東');
  await segment('西地区', '西');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('importing recurring deliveries', () => {
  it('imports a 600-row CSV as 600 draft recurring deliveries, each rule as written', async () => {
    const before = await draftCount();
    const res = await t.admin.ok<{ importRecurringDeliveries: { created: number; deliveryIds: string[] } }>(IMPORT, {
      file: csv(rows()),
      format: 'CSV',
      channelId,
    });
    expect(res.importRecurringDeliveries.created).toBe(600);
    expect(await draftCount()).toBe(before + 600);
    const [weekly, monthly, nth, yearly, dates] = await sql<{
      title: string;
      target_kind: string;
      segment_ids: string[];
      recurrence: Record<string, unknown>;
      variants: unknown;
    }>(
      t.databaseUrl,
      `select title, target_kind, segment_ids::text[] as segment_ids, recurrence, variants from delivery where id = any($1::uuid[]) order by title`,
      [res.importRecurringDeliveries.deliveryIds.slice(0, 5)],
    );
    expect(weekly).toMatchObject({
      title: 'ごみ収集のお知らせ 1',
      target_kind: 'SEGMENTS',
      segment_ids: [eastId],
      recurrence: { freq: 'weekly', byWeekday: ['MO', 'TH'], time: '18:00', start: `${nextYear}-04-01`, holidays: 'skip' },
      variants: [{ language: 'ja', messages: [{ type: 'text', text: 'あすは収集日です（1）' }] }],
    });
    expect(monthly!.recurrence).toMatchObject({ freq: 'monthly', byMonthDay: [1, 15, -1], until: `${nextYear}-12-31` });
    expect(nth!.segment_ids).toHaveLength(2);
    expect(nth!.recurrence).toMatchObject({
      byNthWeekday: [
        { n: 2, weekday: 'TU' },
        { n: -1, weekday: 'FR' },
      ],
      count: 12,
      holidays: 'next_working_day',
    });
    // Full-width digits and an H:MM time are read as written by hand.
    expect(yearly!.recurrence).toMatchObject({ freq: 'yearly', byMonth: [4, 10], byMonthDay: [10], time: '09:30' });
    expect(dates).toMatchObject({ target_kind: 'ALL', recurrence: { freq: 'dates', dates: [`${nextYear}-05-01`, `${nextYear}-06-01`] } });
    const audit = await sql<{ n: number }>(
      t.databaseUrl,
      `select count(*)::int as n from audit_event where action = 'deliveries.recurring.import' and (summary::jsonb->>'created')::int = 600`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('imports nothing when one row is wrong, naming each row and column in Japanese', async () => {
    const before = await draftCount();
    const data = rows();
    data[299] = { ...data[299]!, 時刻: '25:00' }; // row 301 (the header is row 1)
    data[451] = { ...data[451]!, 繰り返し: '毎年', 月: '2', 日: '31', 終了日: '' }; // row 453: 2月31日 never comes
    data[519] = { ...data[519]!, 配信先セグメント: '存在しない地区' }; // row 521
    const res = await t.admin.request(IMPORT, { file: csv(data), format: 'CSV', channelId });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/何も登録していません/);
    const fields = res.errors?.[0]?.extensions?.['fields'] as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['rows.301.time', 'rows.453.days', 'rows.521.segments']);
    expect(fields['rows.301.time']).toMatch(/^301行目「時刻」: .*HH:MM/);
    expect(fields['rows.453.days']).toMatch(/^453行目「日」: .*配信日が1日もありません/);
    expect(fields['rows.521.segments']).toMatch(/存在しない地区/);
    expect(await draftCount()).toBe(before);
  });

  it('refuses a file without a required column, or with one it does not know', async () => {
    const res = await t.admin.request(IMPORT, {
      file: csv(rows(2), [...HEADERS.filter((h) => h !== '時刻'), '時間']),
      format: 'CSV',
      channelId,
    });
    const fields = res.errors?.[0]?.extensions?.['fields'] as Record<string, string>;
    expect(fields['rows.1.time']).toMatch(/時刻/);
    expect(fields[`rows.1.${HEADERS.length}`]).toMatch(/時間/);
    const garbage = await t.admin.request(IMPORT, { file: Buffer.from('not a workbook').toString('base64'), format: 'XLSX', channelId });
    expect(garbage.errors?.[0]?.extensions?.['fields']).toHaveProperty('file');
  });

  it('imports the same 600 rows from Excel, dates and times as Excel stores them', async () => {
    const before = await draftCount();
    const res = await t.admin.ok<{ importRecurringDeliveries: { created: number; deliveryIds: string[] } }>(IMPORT, {
      file: await xlsx(rows()),
      format: 'XLSX',
      channelId,
    });
    expect(res.importRecurringDeliveries.created).toBe(600);
    expect(await draftCount()).toBe(before + 600);
    const [first] = await sql<{ recurrence: Record<string, unknown> }>(t.databaseUrl, `select recurrence from delivery where id = $1`, [
      res.importRecurringDeliveries.deliveryIds[3],
    ]);
    expect(first!.recurrence).toMatchObject({ freq: 'yearly', time: '09:30', start: `${nextYear}-04-01` });
    // The same bad row in Excel: nothing saved, the row as Excel numbers it.
    const data = rows(10);
    data[4] = { ...data[4]!, 時刻: '25:00' };
    const bad = await t.admin.request(IMPORT, { file: await xlsx(data), format: 'XLSX', channelId });
    expect(Object.keys(bad.errors?.[0]?.extensions?.['fields'] ?? {})).toEqual(['rows.6.time']);
    expect(await draftCount()).toBe(before + 600);
  });

  it('stores formula-looking titles as text, an Excel formula as its text, never evaluated', async () => {
    const titles = ['=HYPERLINK("http://evil.example","x")', '+81 のお知らせ', '-ごみ', '@SUM(A1)'];
    const data = titles.map((title, i) => ({ ...rows(1)[0]!, 件名: title, 本文: `式に見える件名 ${i}` }));
    const fromCsv = await t.admin.ok<{ importRecurringDeliveries: { deliveryIds: string[] } }>(IMPORT, {
      file: csv(data),
      format: 'CSV',
      channelId,
    });
    const fromExcel = await t.admin.ok<{ importRecurringDeliveries: { deliveryIds: string[] } }>(IMPORT, {
      file: await xlsx(rows(1), (sheet) => {
        sheet.getCell('A2').value = { formula: 'SUM(1,2)', result: 3 };
      }),
      format: 'XLSX',
      channelId,
    });
    const stored = await sql<{ title: string }>(
      t.databaseUrl,
      `select title from delivery where id = any($1::uuid[]) order by created_at, id`,
      [[...fromCsv.importRecurringDeliveries.deliveryIds, ...fromExcel.importRecurringDeliveries.deliveryIds]],
    );
    expect(stored.map((s) => s.title).sort()).toEqual([...titles, '=SUM(1,2)'].sort());
  });

  it('offers the layout as a CSV template with a BOM and an example row that imports once its segments exist', async () => {
    const res = await fetch(`${t.url}/api/deliveries/recurring-import-template.csv`, {
      headers: { cookie: t.admin.cookieHeader(), 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // Excel reads Japanese in a CSV only after a BOM (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString('utf8');
    const [header, example] = parse(body, { bom: true });
    expect(header).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(example).toHaveLength(header!.length);
    const imported = await t.admin.request(IMPORT, { file: body, format: 'CSV', channelId });
    // 子育て世帯 does not exist here: the example names real-looking segments on purpose.
    expect(Object.keys(imported.errors?.[0]?.extensions?.['fields'] ?? {})).toEqual(['rows.2.segments']);
    const anonymous = await fetch(`${t.url}/api/deliveries/recurring-import-template.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('offers the same layout as an Excel template whose example row reads back as the CSV one', async () => {
    const res = await fetch(`${t.url}/api/deliveries/recurring-import-template.xlsx`, {
      headers: { cookie: t.admin.cookieHeader(), 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const bytes = Buffer.from(await res.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0]!;
    const values = (n: number) => IMPORT_COLUMNS.map((_, i) => sheet.getRow(n).getCell(i + 1).text);
    expect(values(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    const csvTemplate = await fetch(`${t.url}/api/deliveries/recurring-import-template.csv`, {
      headers: { cookie: t.admin.cookieHeader(), 'sec-fetch-site': 'same-origin' },
    });
    const [, example] = parse(await csvTemplate.text(), { bom: true });
    expect(values(2)).toEqual(example);
    const imported = await t.admin.request(IMPORT, { file: bytes.toString('base64'), format: 'XLSX', channelId });
    expect(Object.keys(imported.errors?.[0]?.extensions?.['fields'] ?? {})).toEqual(['rows.2.segments']);
    const anonymous = await fetch(`${t.url}/api/deliveries/recurring-import-template.xlsx`);
    expect(anonymous.status).toBe(401);
  });

  it('uses only segments the staff member may use: another department’s is not found', async () => {
    const staff = await f.newStaff({ permissions: ['deliveries.read', 'deliveries.manage', 'segments.read'] });
    const res = await staff.client.request(IMPORT, { file: csv(rows(1)), format: 'CSV', channelId });
    expect(res.errors?.[0]?.extensions?.['fields']).toEqual({
      'rows.2.segments': expect.stringMatching(/東地区.*見つかりません/),
    });
  });
});
