import { usesResidentVariables, validateMessages } from '../messages/index.js';
import { validateRecurrence, WEEKDAYS, type HolidayPolicy, type Recurrence, type Weekday } from './schedule/index.js';
import { isCalendarDate } from './schedule/jst.js';

/**
 * The column layout for importing recurring deliveries in bulk (SEG-10), the same for CSV (UTF-8,
 * a BOM is fine) and Excel (.xlsx, the first sheet). Row 1 holds the headers below, in any order;
 * every later row that is not empty is one delivery, imported as a draft (下書き) to be checked,
 * tested and sent from the console. Lists in a cell are separated by `;` (also `；`, and except in
 * 配信先セグメント also `、` `・` `,` and spaces); full-width digits and signs are read as half-width.
 *
 * | 見出し | 必須 | 中身 |
 * |---|---|---|
 * | 件名 | ○ | 管理用の件名（100文字まで）。住民には見えません |
 * | 配信先セグメント | ○ | セグメントの名前か ID、`;` 区切りで20個まで（どれかに当てはまる友だちに1回）。すべての友だちは「全員」 |
 * | 本文 | △ | テキストメッセージ（5000文字まで）。本文か画像URLのどちらかは必須 |
 * | 画像URL | △ | 画像メッセージ（https の JPEG/PNG）。本文のあとに送ります |
 * | 繰り返し | ○ | 毎週・毎月・毎年・指定日 |
 * | 間隔 | | 2 なら隔週・2か月ごと・2年ごと（既定 1） |
 * | 曜日 | | 毎週: 月;木 のように（既定: 開始日の曜日） |
 * | 日 | | 毎月・毎年: 1;15;末日 のように（既定: 開始日の日） |
 * | 第n曜日 | | 毎月・毎年: 第2火;最終金 のように（日と同時には使えません） |
 * | 月 | | 毎年: 4;10 のように（既定: 開始日の月）。毎月でこの月だけ、にも使えます |
 * | 指定日 | | 指定日: 2027-04-01;2027-05-01 のように（2027/4/1 も可） |
 * | 時刻 | ○ | 配信時刻 09:00 のように（日本時間） |
 * | 開始日 | ○ | 2027-04-01 のように。指定日では省略可 |
 * | 終了日 | | この日まで（回数とどちらか一方） |
 * | 回数 | | この回数まで（終了日とどちらか一方） |
 * | 祝日の扱い | | なし（そのまま配信）・スキップ（配信しない）・翌開庁日（翌開庁日に移動）。既定: なし |
 *
 * Every row is checked before anything is saved; a problem is reported as `rows.<行番号>.<列>`
 * (the row number as the spreadsheet shows it, the header being row 1; the column by the key
 * below), and one problem anywhere imports nothing.
 */
export const IMPORT_COLUMNS = [
  { key: 'title', header: '件名', required: true, example: '資源ごみの日のお知らせ（東地区）' },
  { key: 'segments', header: '配信先セグメント', required: true, example: '東地区;子育て世帯' },
  { key: 'text', header: '本文', required: false, example: 'あすは資源ごみの日です。朝8時30分までに出してください。' },
  { key: 'imageUrl', header: '画像URL', required: false, example: '' },
  { key: 'repeat', header: '繰り返し', required: true, example: '毎月' },
  { key: 'interval', header: '間隔', required: false, example: '' },
  { key: 'weekdays', header: '曜日', required: false, example: '' },
  { key: 'days', header: '日', required: false, example: '' },
  { key: 'nthWeekdays', header: '第n曜日', required: false, example: '第2火;第4火' },
  { key: 'months', header: '月', required: false, example: '' },
  { key: 'dates', header: '指定日', required: false, example: '' },
  { key: 'time', header: '時刻', required: true, example: '18:00' },
  // The template fills in next fiscal year's dates.
  { key: 'start', header: '開始日', required: false, example: '' },
  { key: 'until', header: '終了日', required: false, example: '' },
  { key: 'count', header: '回数', required: false, example: '' },
  { key: 'holidays', header: '祝日の扱い', required: false, example: 'スキップ' },
] as const;

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export const MAX_IMPORT_ROWS = 3_000;
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
const MAX_SEGMENTS = 20;

/** A cell as a file gives it: CSV cells are text; Excel gives numbers, dates and booleans too. */
export type RawCell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: RawCell[];
}

const HEADER = new Map<string, ColumnKey>(IMPORT_COLUMNS.map((c) => [c.header, c.key]));
const LABEL = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

const FREQUENCIES: Record<string, Recurrence['freq']> = { 毎週: 'weekly', 毎月: 'monthly', 毎年: 'yearly', 指定日: 'dates' };
const HOLIDAYS: Record<string, HolidayPolicy> = {
  なし: 'none',
  そのまま: 'none',
  スキップ: 'skip',
  配信しない: 'skip',
  翌開庁日: 'next_working_day',
  翌開庁日に移動: 'next_working_day',
};
const JA_WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'] as const;
const WEEKDAY_OF = new Map<string, Weekday>(JA_WEEKDAYS.map((d, i) => [d, WEEKDAYS[i]!]));
/** The rule's fields (schedule/recurrence.ts) → the column they come from, for its problems. */
const COLUMN_OF_FIELD: Record<string, ColumnKey> = {
  freq: 'repeat',
  interval: 'interval',
  byWeekday: 'weekdays',
  byMonthDay: 'days',
  byNthWeekday: 'nthWeekdays',
  byMonth: 'months',
  dates: 'dates',
  time: 'time',
  start: 'start',
  until: 'until',
  count: 'count',
  holidays: 'holidays',
};

/** Which column each cell of a row is, from the header row; problems keyed `rows.1.<column>` or `rows.1.<n>` (n: the n-th column). */
export function readHeader(cells: readonly RawCell[]): { columns: Map<number, ColumnKey>; problems: Record<string, string> } {
  const columns = new Map<number, ColumnKey>();
  const problems: Record<string, string> = {};
  const seen = new Set<ColumnKey>();
  cells.forEach((cell, i) => {
    const text = normalise(cell);
    if (!text) return;
    const key = HEADER.get(text);
    if (!key) {
      problems[`rows.1.${i + 1}`] =
        `1行目（見出し）${i + 1}列目の「${text.slice(0, 30)}」は使えない見出しです。使える見出し: ${IMPORT_COLUMNS.map((c) => c.header).join('・')}`;
      return;
    }
    if (seen.has(key)) {
      problems[`rows.1.${key}`] = `1行目（見出し）に「${text}」が2回あります。`;
      return;
    }
    seen.add(key);
    columns.set(i, key);
  });
  for (const column of IMPORT_COLUMNS)
    if (column.required && !seen.has(column.key))
      problems[`rows.1.${column.key}`] = `1行目（見出し）に「${column.header}」の列がありません。`;
  if (!seen.has('text') && !seen.has('imageUrl')) problems['rows.1.text'] = '1行目（見出し）に「本文」か「画像URL」の列が必要です。';
  return { columns, problems };
}

/** A row that passed every check but the segments' (the service resolves those against the database). */
export interface CheckedRow {
  row: number;
  title: string;
  /** Segment names or ids as written, or 'ALL' for 全員. */
  segments: string[] | 'ALL';
  messages: unknown[];
  recurrence: Recurrence;
}

export type RowCheck = { ok: true; value: CheckedRow } | { ok: false; problems: Record<string, string> };

/** Checks one data row against the layout and the recurrence rules (validateRecurrence with `now`). */
export function checkRow(sheetRow: SheetRow, columns: ReadonlyMap<number, ColumnKey>, now: Date): RowCheck {
  const n = sheetRow.row;
  const problems: Record<string, string> = {};
  const problem = (key: ColumnKey, message: string) => {
    problems[`rows.${n}.${key}`] ??= `${n}行目「${LABEL[key]}」: ${message}`;
  };
  const cell = (key: ColumnKey): string => {
    for (const [i, k] of columns) if (k === key) return cellText(sheetRow.cells[i] ?? null, key);
    return '';
  };

  const title = cell('title');
  if (!title) problem('title', '件名を入力してください。');
  else if (title.length > 100) problem('title', '件名は100文字以内で入力してください。');

  // Names as written (no NFKC: a name may hold full-width characters, spaces or ・); only `;` separates.
  const segmentsText = cell('segments').trim();
  let segments: string[] | 'ALL' = [];
  if (!segmentsText) problem('segments', '配信先のセグメントを入力してください（すべての友だちに送るときは「全員」）。');
  else {
    const refs = [
      ...new Set(
        segmentsText
          .split(/[;；]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    if (refs.includes('全員')) {
      if (refs.length > 1) problem('segments', '「全員」とセグメントは同時に指定できません。');
      segments = 'ALL';
    } else if (refs.length > MAX_SEGMENTS) problem('segments', `セグメントは${MAX_SEGMENTS}個まで指定できます。`);
    else segments = refs;
  }

  const messages: Array<Record<string, unknown>> = [];
  const origin: ColumnKey[] = [];
  const text = cell('text');
  if (text) {
    messages.push({ type: 'text', text });
    origin.push('text');
  }
  const imageUrl = normalise(cell('imageUrl'));
  if (imageUrl) {
    messages.push({ type: 'image', originalContentUrl: imageUrl, previewImageUrl: imageUrl });
    origin.push('imageUrl');
  }
  if (!messages.length) problem('text', '本文か画像URLのどちらかを入力してください。');
  else {
    const checked = validateMessages(messages);
    if (!checked.ok)
      for (const p of checked.problems) {
        const index = /^messages\.(\d+)/.exec(p.path)?.[1];
        problem(index === undefined ? 'text' : (origin[Number(index)] ?? 'text'), p.message);
      }
    else if (usesResidentVariables(checked.messages))
      problem('text', '差し込み項目（{nickname} などの表示名）は使えません。同じ内容を最大500人にまとめて送るためです。');
  }

  const definition = recurrenceOf(cell, problem);
  let recurrence: Recurrence | null = null;
  if (definition) {
    const checked = validateRecurrence(definition, now);
    if (checked.ok) recurrence = checked.rule;
    else for (const p of checked.problems) problem(COLUMN_OF_FIELD[p.path.split('.')[0] ?? ''] ?? 'repeat', p.message);
  }

  if (Object.keys(problems).length || !recurrence) return { ok: false, problems };
  return { ok: true, value: { row: n, title, segments, messages, recurrence } };
}

/** The columns of the recurrence as a definition for validateRecurrence; null when a cell could not be read. */
function recurrenceOf(
  cell: (key: ColumnKey) => string,
  problem: (key: ColumnKey, message: string) => void,
): Record<string, unknown> | null {
  let readable = true;
  const fail = (key: ColumnKey, message: string): undefined => {
    problem(key, message);
    readable = false;
    return undefined;
  };
  const definition: Record<string, unknown> = {};
  const repeat = normalise(cell('repeat'));
  if (!repeat) fail('repeat', '繰り返し（毎週・毎月・毎年・指定日）を入力してください。');
  else if (!FREQUENCIES[repeat])
    fail('repeat', `「${repeat.slice(0, 20)}」は使えません。毎週・毎月・毎年・指定日のどれかを入力してください。`);
  else definition['freq'] = FREQUENCIES[repeat];

  const integer = (key: 'interval' | 'count') => {
    const text = normalise(cell(key));
    if (!text) return undefined;
    if (!/^\d{1,6}$/.test(text)) return fail(key, `${LABEL[key]}は1以上の整数で入力してください。`);
    return Number(text);
  };
  definition['interval'] = integer('interval');
  definition['count'] = integer('count');

  const list = <T>(key: ColumnKey, item: (token: string) => T | null, message: string): T[] | undefined => {
    const text = normalise(cell(key));
    if (!text) return undefined;
    const items: T[] = [];
    for (const token of split(text)) {
      const parsed = item(token);
      if (parsed === null) return fail(key, `「${token.slice(0, 20)}」を読み取れません。${message}`);
      items.push(parsed);
    }
    return items;
  };
  definition['byWeekday'] = list(
    'weekdays',
    (t) => WEEKDAY_OF.get(/^([月火水木金土日])(?:曜日?)?$/.exec(t)?.[1] ?? '') ?? null,
    '「月;木」のように曜日を入力してください。',
  );
  definition['byMonthDay'] = list(
    'days',
    (t) => (t === '末日' || t === '-1' ? -1 : /^\d{1,2}日?$/.test(t) ? Number.parseInt(t, 10) : null),
    '「1;15;末日」のように日を入力してください。',
  );
  definition['byNthWeekday'] = list(
    'nthWeekdays',
    (t) => {
      const m = /^(?:第([1-5])|(最終))([月火水木金土日])(?:曜日?)?$/.exec(t);
      return m ? { n: m[2] ? -1 : Number(m[1]), weekday: WEEKDAY_OF.get(m[3]!)! } : null;
    },
    '「第2火;最終金」のように入力してください。',
  );
  definition['byMonth'] = list(
    'months',
    (t) => (/^\d{1,2}月?$/.test(t) ? Number.parseInt(t, 10) : null),
    '「4;10」のように月を入力してください。',
  );
  definition['dates'] = list('dates', (t) => calendarDate(t), '「2027-04-01」のように日付を入力してください。');

  const time = normalise(cell('time'));
  if (time) definition['time'] = clockTime(time);
  for (const key of ['start', 'until'] as const) {
    const text = normalise(cell(key));
    if (text) definition[key] = calendarDate(text) ?? text;
  }
  const holidays = normalise(cell('holidays'));
  if (!holidays) definition['holidays'] = 'none';
  else if (!HOLIDAYS[holidays]) fail('holidays', '祝日の扱いは「なし」「スキップ」「翌開庁日」のどれかを入力してください。');
  else definition['holidays'] = HOLIDAYS[holidays];

  for (const key of Object.keys(definition)) if (definition[key] === undefined) delete definition[key];
  return readable ? definition : null;
}

/** NFKC (全角の数字・記号 → 半角) and trimmed: for every column whose content is a code, not prose. */
function normalise(value: RawCell | string): string {
  return cellText(value, 'repeat').normalize('NFKC').trim();
}

function split(text: string): string[] {
  return text
    .split(/[;,、・\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * A cell as text, the way its column reads it: Excel dates become `YYYY-MM-DD` (or `HH:MM` in 時刻
 * and for time-only values), numbers their digits. Title and body keep what was written, a leading
 * `=` `+` `-` `@` included: nothing is ever evaluated, and every export neutralises it (platform/csv).
 */
export function cellText(value: RawCell, key: ColumnKey): string {
  if (value === null) return '';
  if (typeof value === 'string') return key === 'title' || key === 'text' ? value.trim() : value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    // Excel's times count from its day zero (1899-12-30): 25:00 is a day and an hour past it, and
    // must read as 25:00 (refused), not 01:00.
    const sinceDayZero = value.getTime() - EXCEL_DAY_ZERO;
    if (sinceDayZero >= 0 && sinceDayZero < 10 * 86_400_000) {
      const minutes = Math.round(sinceDayZero / 60_000);
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    }
    if (key === 'time') return iso.slice(11, 16);
    return iso.slice(0, 10);
  }
  if (key === 'time' && value >= 0 && value < 1) {
    const minutes = Math.round(value * 24 * 60);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  if ((key === 'start' || key === 'until' || key === 'dates') && Number.isInteger(value) && value > 20_000 && value < 80_000)
    // An Excel date serial in a cell without a date format.
    return new Date(EXCEL_DAY_ZERO + value * 86_400_000).toISOString().slice(0, 10);
  return String(value);
}

/** `2027-04-01`, `2027/4/1`, `2027年4月1日` → `2027-04-01`; null when it is none of these or no real date. */
function calendarDate(text: string): string | null {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/** `9:00` and `09:00:00` → `09:00`; anything else as written (the rule check names the problem). */
function clockTime(text: string): string {
  const m = /^(\d{1,2}):(\d{2})(?::00)?$/.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : text;
}
