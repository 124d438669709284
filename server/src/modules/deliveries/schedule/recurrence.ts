// rrule ships CommonJS (a webpack UMD bundle) without named ESM exports: under NodeNext the
// default import is module.exports, so take RRule from it.
import rrulePkg from 'rrule';
import type { Options as RRuleOptions, Weekday as RRuleWeekday } from 'rrule';
import {
  DAY_MS,
  JST_OFFSET_MS,
  dateOfDayNumber,
  dateParts,
  daysInMonth,
  instantOfWall,
  isCalendarDate,
  isClockTime,
  japaneseDate,
  japaneseTime,
  minutesOf,
  wallMs,
  wallOfInstant,
  weekdayOf,
} from './jst.js';
import { HOLIDAY_DATA_YEARS, isPublicHoliday, nextWorkingDay } from './working-days.js';

const { RRule } = rrulePkg;

/**
 * A recurring or scheduled delivery's timing (SEG-08 予約配信, SEG-09 繰り返し配信) as staff edit it
 * in the console. Every date and time is on the Japanese wall clock (Asia/Tokyo).
 *
 * - `weekly`: on `byWeekday` (default: the start's weekday), every `interval` weeks (weeks start
 *   on Monday, so 隔週 counts from the start's week).
 * - `monthly`: on `byMonthDay` (1–31, -1 = 末日) or `byNthWeekday` (第1–第5, -1 = 最終), default the
 *   start's day of month; optionally only in `byMonth`. A month without the day is skipped (31日
 *   fires in 7 months a year, 第5月曜日 only where there is one), never moved to a nearby day.
 * - `yearly`: in `byMonth` (default the start's month) on `byMonthDay` or `byNthWeekday` (default
 *   the start's day), so 2月29日 fires in leap years only.
 * - `dates`: on each listed date (予約配信 is one date).
 *
 * `until` is the last date (inclusive); `count` limits the pattern's dates (as RFC 5545 COUNT),
 * counted before the holiday policy. `holidays`: `skip` drops dates that are national holidays
 * (祝日, 振替休日, 国民の休日); `next_working_day` moves them, at the same time, to the next 開庁日
 * (not a weekend, holiday or 12月29日–1月3日). Weekends and 年末年始 that are not holidays stay as
 * they are: staff who choose a Saturday mean it.
 */
export interface Recurrence {
  freq: RecurrenceFrequency;
  interval?: number;
  byWeekday?: Weekday[];
  byMonthDay?: number[];
  byNthWeekday?: NthWeekday[];
  byMonth?: number[];
  dates?: string[];
  /** 'HH:MM' */
  time: string;
  /** 'YYYY-MM-DD'; for `dates`, the earliest date (filled in when omitted). */
  start: string;
  until?: string;
  count?: number;
  holidays: HolidayPolicy;
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const RECURRENCE_FREQUENCIES = ['weekly', 'monthly', 'yearly', 'dates'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];
export const HOLIDAY_POLICIES = ['none', 'skip', 'next_working_day'] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];
export type NthWeekday = { n: 1 | 2 | 3 | 4 | 5 | -1; weekday: Weekday };

/** A problem at a path into the definition ("byNthWeekday.1.n"), in Japanese for staff. */
export interface Problem {
  path: string;
  message: string;
}
export type RecurrenceCheck = { ok: true; rule: Recurrence } | { ok: false; problems: Problem[] };

export const RECURRENCE_LIMITS = {
  dates: 366,
  count: 1000,
  interval: { weekly: 52, monthly: 12, yearly: 10 },
  /** Entries in one by-list before dedupe (a list of 31 days is the longest meaningful one). */
  listItems: 50,
  years: { first: 2000, last: 2099 },
  /**
   * How far ahead we look for the next date. Enough for the rarest rule we accept (2月29日 every
   * 10 years, or in February every 11 months), so "no date within it" means "never".
   */
  searchYears: 50,
} as const;

const JA_WEEKDAY: Record<Weekday, string> = { MO: '月', TU: '火', WE: '水', TH: '木', FR: '金', SA: '土', SU: '日' };
const FREQ_LABEL: Record<RecurrenceFrequency, string> = { weekly: '毎週', monthly: '毎月', yearly: '毎年', dates: '指定日' };
const FIELD_LABEL = {
  freq: '繰り返しの種類',
  interval: '間隔',
  byWeekday: '曜日',
  byMonthDay: '日にち',
  byNthWeekday: '第何曜日',
  byMonth: '月',
  dates: '指定日',
  time: '配信時刻',
  start: '開始日',
  until: '終了日',
  count: '回数',
  holidays: '祝日の扱い',
} as const;
type Field = keyof typeof FIELD_LABEL;
const FIELDS = new Set<string>(Object.keys(FIELD_LABEL));
const NTH = new Set<number>([1, 2, 3, 4, 5, -1]);
const SUB_DAILY = new Set(['hourly', 'minutely', 'secondly']);

/**
 * Checks a definition from staff (unknown JSON; null means "not set") and returns it normalised:
 * defaults filled in from the start date, lists sorted and deduplicated. Nothing is partly
 * accepted. Refused besides malformed fields: rules that never fire (31日 in February only, 2月29日
 * every 2 years from an odd year, an until before any date, holidays skipped on a rule that only
 * hits holidays), rules whose every date is at or before `now`, more than once a day
 * (hourly and finer), more than 366 dates or 1000 times.
 */
export function validateRecurrence(input: unknown, now: Date): RecurrenceCheck {
  return checkRecurrence(input, now);
}

function checkRecurrence(input: unknown, now: Date | null): RecurrenceCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, problems: [{ path: '', message: '繰り返しの設定の形式が正しくありません。' }] };
  const raw = input as Record<string, unknown>;
  const problems: Problem[] = [];
  const problem = (path: string, message: string): null => {
    problems.push({ path, message });
    return null;
  };
  const given = (key: Field): unknown => raw[key] ?? undefined;
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) problem(key, `「${key}」は繰り返しの設定にない項目です。`);

  const freq = frequency(given('freq'), problem);
  const time = given('time');
  if (time === undefined) problem('time', '配信時刻を入力してください。');
  else if (!isClockTime(time)) problem('time', '配信時刻は「09:00」のように HH:MM（00:00〜23:59）で入力してください。');
  const holidays = given('holidays');
  if (!HOLIDAY_POLICIES.includes(holidays as HolidayPolicy))
    problem('holidays', '祝日の扱い（そのまま配信・配信しない・翌開庁日に移動）を選んでください。');

  const date = (key: 'start' | 'until'): string | null | undefined => {
    const value = given(key);
    if (value === undefined) return undefined;
    const label = FIELD_LABEL[key];
    if (!isCalendarDate(value)) return problem(key, `${label}は「2027-03-31」のように YYYY-MM-DD の正しい日付で入力してください。`);
    return inYears(value) ? value : problem(key, yearsMessage(label));
  };
  const start = date('start');
  if (start === undefined && freq !== 'dates' && freq !== null) problem('start', '開始日を入力してください。');

  if (problems.length || freq === null || !isClockTime(time)) return { ok: false, problems };
  const rule =
    freq === 'dates'
      ? datesRule(raw, start, time, holidays as HolidayPolicy, problem)
      : patternRule(raw, freq, start as string, date('until'), time, holidays as HolidayPolicy, problem);
  if (!rule || problems.length) return { ok: false, problems };

  fires(rule, now, problem);
  return problems.length ? { ok: false, problems } : { ok: true, rule };
}

type Report = (path: string, message: string) => null;

function frequency(value: unknown, problem: Report): RecurrenceFrequency | null {
  if (value === undefined) return problem('freq', '繰り返しの種類（毎週・毎月・毎年・指定日）を選んでください。');
  if (typeof value === 'string' && SUB_DAILY.has(value.toLowerCase()))
    return problem('freq', '1日に複数回の繰り返し配信は設定できません（1日1回までです）。');
  if (value === 'daily') return problem('freq', '毎日の配信は「毎週」ですべての曜日を選んでください。');
  if (!RECURRENCE_FREQUENCIES.includes(value as RecurrenceFrequency))
    return problem('freq', '繰り返しの種類は毎週・毎月・毎年・指定日から選んでください。');
  return value as RecurrenceFrequency;
}

function inYears(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= RECURRENCE_LIMITS.years.first && year <= RECURRENCE_LIMITS.years.last;
}

function yearsMessage(label: string): string {
  return `${label}は${RECURRENCE_LIMITS.years.first}年から${RECURRENCE_LIMITS.years.last}年までの日付にしてください。`;
}

function datesRule(
  raw: Record<string, unknown>,
  start: string | null | undefined,
  time: string,
  holidays: HolidayPolicy,
  problem: Report,
): Recurrence | null {
  for (const key of ['interval', 'byWeekday', 'byMonthDay', 'byNthWeekday', 'byMonth', 'until', 'count'] as const)
    if (raw[key] !== undefined && raw[key] !== null) problem(key, `指定日の配信では${FIELD_LABEL[key]}は指定できません。`);
  const list = raw['dates'];
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0))
    return problem('dates', '配信する日を1日以上指定してください。');
  if (!Array.isArray(list)) return problem('dates', '指定日の形式が正しくありません。');
  if (list.length > RECURRENCE_LIMITS.dates)
    return problem('dates', `指定日は${RECURRENCE_LIMITS.dates}日までです（${list.length}日指定されています）。`);
  const dates: string[] = [];
  list.forEach((value: unknown, i) => {
    if (!isCalendarDate(value)) problem(`dates.${i}`, '指定日は「2027-03-31」のように YYYY-MM-DD の正しい日付で入力してください。');
    else if (!inYears(value)) problem(`dates.${i}`, yearsMessage('指定日'));
    else dates.push(value);
  });
  if (dates.length !== list.length || start === null) return null;
  const sorted = [...new Set(dates)].sort();
  const first = sorted[0] as string;
  if (start !== undefined && start > first) return problem('start', '開始日より前の指定日があります。');
  return { freq: 'dates', dates: sorted, time, start: first, holidays };
}

function patternRule(
  raw: Record<string, unknown>,
  freq: Exclude<RecurrenceFrequency, 'dates'>,
  start: string,
  until: string | null | undefined,
  time: string,
  holidays: HolidayPolicy,
  problem: Report,
): Recurrence | null {
  const label = FREQ_LABEL[freq];
  const given = (key: Field): unknown => raw[key] ?? undefined;
  if (given('dates') !== undefined) problem('dates', `${label}の繰り返しでは指定日は使えません。「指定日」を選んでください。`);

  const interval = given('interval') ?? 1;
  const maxInterval = RECURRENCE_LIMITS.interval[freq];
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1)
    problem('interval', '間隔は1以上の整数で入力してください。');
  else if (interval > maxInterval)
    problem(
      'interval',
      `${label}の間隔は${maxInterval}${freq === 'weekly' ? '週' : freq === 'monthly' ? 'か月' : '年'}までにしてください。`,
    );

  const count = given('count');
  if (count !== undefined) {
    if (typeof count !== 'number' || !Number.isInteger(count)) problem('count', '回数は整数で入力してください。');
    else if (count < 1) problem('count', '回数は1回以上にしてください。');
    else if (count > RECURRENCE_LIMITS.count) problem('count', `回数は${RECURRENCE_LIMITS.count}回までにしてください。`);
    if (until !== undefined) problem('count', '終了日と回数はどちらか一方だけ指定してください。');
  }
  if (until && until < start) problem('until', '終了日が開始日より前になっています。');

  const byWeekday = list(
    given('byWeekday'),
    'byWeekday',
    problem,
    (v) => (WEEKDAYS.includes(v as Weekday) ? (v as Weekday) : null),
    '曜日が正しくありません。',
  );
  const byMonthDay = list(
    given('byMonthDay'),
    'byMonthDay',
    problem,
    (v) => (typeof v === 'number' && Number.isInteger(v) && ((v >= 1 && v <= 31) || v === -1) ? v : null),
    '日にちは1〜31か末日（-1）で指定してください。',
  );
  const byMonth = list(
    given('byMonth'),
    'byMonth',
    problem,
    (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12 ? v : null),
    '月は1〜12で指定してください。',
  );
  const byNthWeekday = nthWeekdays(given('byNthWeekday'), problem);

  if (freq === 'weekly') {
    if (byMonthDay !== undefined) problem('byMonthDay', '毎週の繰り返しでは日にちは指定できません。');
    if (byNthWeekday !== undefined) problem('byNthWeekday', '毎週の繰り返しでは第何曜日は指定できません。');
    if (byMonth !== undefined) problem('byMonth', '毎週の繰り返しでは月は指定できません。');
  } else {
    if (byWeekday !== undefined) problem('byWeekday', `${label}の繰り返しでは曜日だけの指定はできません。「第何曜日」で指定してください。`);
    if (byMonthDay && byNthWeekday) problem('byNthWeekday', '日にちと第何曜日は同時に指定できません。');
  }
  if (anyFailed(byWeekday, byMonthDay, byMonth, byNthWeekday)) return null;

  const rule: Recurrence = { freq, interval: interval as number, time, start, holidays };
  if (byWeekday) rule.byWeekday = byWeekday;
  if (byMonthDay) rule.byMonthDay = byMonthDay;
  if (byNthWeekday) rule.byNthWeekday = byNthWeekday;
  if (byMonth) rule.byMonth = byMonth;
  if (until) rule.until = until;
  if (typeof count === 'number') rule.count = count;
  return withDefaults(rule);
}

/** True when one of the lists failed (a failed list is null; an absent one undefined). */
function anyFailed(...lists: unknown[]): boolean {
  return lists.some((l) => l === null);
}

function list<T>(value: unknown, path: Field, problem: Report, item: (v: unknown) => T | null, message: string): T[] | null | undefined {
  if (value === undefined) return undefined;
  const label = FIELD_LABEL[path];
  if (!Array.isArray(value)) return problem(path, `${label}の形式が正しくありません。`);
  if (value.length === 0) return problem(path, `${label}を1つ以上選んでください。`);
  if (value.length > RECURRENCE_LIMITS.listItems) return problem(path, `${label}の指定が多すぎます。`);
  const items: T[] = [];
  value.forEach((v: unknown, i) => {
    const parsed = item(v);
    if (parsed === null) problem(`${path}.${i}`, message);
    else items.push(parsed);
  });
  return items.length === value.length ? [...new Set(items)] : null;
}

function nthWeekdays(value: unknown, problem: Report): NthWeekday[] | null | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return problem('byNthWeekday', '第何曜日の形式が正しくありません。');
  if (value.length === 0) return problem('byNthWeekday', '第何曜日を1つ以上選んでください。');
  if (value.length > RECURRENCE_LIMITS.listItems) return problem('byNthWeekday', '第何曜日の指定が多すぎます。');
  const items = new Map<string, NthWeekday>();
  let failed = false;
  value.forEach((v: unknown, i) => {
    const entry = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    const n = entry['n'];
    const weekday = entry['weekday'];
    if (typeof n !== 'number' || !NTH.has(n)) {
      failed = true;
      problem(`byNthWeekday.${i}.n`, '第何週は1〜5か最終（-1）で指定してください。');
    }
    if (!WEEKDAYS.includes(weekday as Weekday)) {
      failed = true;
      problem(`byNthWeekday.${i}.weekday`, '曜日が正しくありません。');
    }
    if (!failed) items.set(`${n as number}${weekday as string}`, { n: n as NthWeekday['n'], weekday: weekday as Weekday });
  });
  return failed ? null : [...items.values()];
}

/** Fills the defaults RFC 5545 takes from DTSTART and sorts the lists, so a rule has one spelling. */
function withDefaults(rule: Recurrence): Recurrence {
  const r: Recurrence = { ...rule };
  if (r.freq === 'dates') {
    r.dates = [...new Set(r.dates ?? [])].sort();
    r.start = r.dates[0] ?? r.start;
    return r;
  }
  const [, month, day] = dateParts(r.start);
  r.interval ??= 1;
  if (r.freq === 'weekly') r.byWeekday ??= [WEEKDAYS[(weekdayOf(r.start) + 6) % 7] as Weekday];
  if (r.freq === 'yearly') r.byMonth ??= [month];
  if (r.freq !== 'weekly' && !r.byMonthDay && !r.byNthWeekday) r.byMonthDay = [day];
  if (r.byWeekday) r.byWeekday = [...new Set(r.byWeekday)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  // 末日 (-1) after the numbered days, as staff read them.
  if (r.byMonthDay) r.byMonthDay = [...new Set(r.byMonthDay)].sort((a, b) => (a < 0 ? 99 : a) - (b < 0 ? 99 : b));
  if (r.byMonth) r.byMonth = [...new Set(r.byMonth)].sort((a, b) => a - b);
  if (r.byNthWeekday) {
    const order = (x: NthWeekday) => (x.n < 0 ? 9 : x.n) * 10 + WEEKDAYS.indexOf(x.weekday);
    r.byNthWeekday = [...new Map(r.byNthWeekday.map((x) => [`${x.n}${x.weekday}`, x])).values()].sort((a, b) => order(a) - order(b));
  }
  return r;
}

/** Reports a rule that never fires, or (given `now`) whose dates are all past. */
function fires(rule: Recurrence, now: Date | null, problem: Report): void {
  const startWall = wallMs(rule.start, '00:00') - 1;
  const bare: Recurrence = { ...rule, holidays: 'none' };
  if (!nextWalls(bare, startWall, 1).length) {
    if (rule.freq !== 'dates' && rule.until && nextWalls({ ...bare, until: undefined }, startWall, 1).length)
      problem('until', '終了日までに配信日が1日もありません。');
    else problem(rule.byNthWeekday ? 'byNthWeekday' : 'byMonthDay', 'この組み合わせでは配信日が1日もありません（例: 2月の31日）。');
    return;
  }
  if (rule.holidays === 'skip') {
    // Past the holiday data every day looks like a working day, so judge within it.
    const dataEnd = Date.UTC(HOLIDAY_DATA_YEARS.last + 1, 0, 1);
    const first = nextWalls(rule, startWall, 1)[0];
    const firstBare = nextWalls(bare, startWall, 1)[0] as number;
    if (first === undefined || (firstBare < dataEnd && first >= dataEnd)) {
      problem('holidays', '祝日を除くと配信日が1日もありません。');
      return;
    }
  }
  if (now && !nextWalls(rule, wallOfInstant(now), 1).length) {
    if (rule.freq === 'dates') problem('dates', '指定日がすべて過去の日時です。');
    else if (rule.until) problem('until', '終了日までの配信日がすべて過ぎています。');
    else if (rule.count) problem('count', `${rule.count}回分の配信日がすべて過ぎています。`);
    else problem('start', '配信日がすべて過ぎています。');
  }
}

/**
 * The next `n` delivery instants strictly after `after`, in order, with the holiday policy applied
 * (an instant moved onto a day that already has one counts once). Looks ahead
 * RECURRENCE_LIMITS.searchYears at most. Pass a rule that validateRecurrence accepted.
 */
export function nextInstants(rule: Recurrence, after: Date, n: number): Date[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number: ${n}`);
  return nextWalls(withDefaults(rule), wallOfInstant(after), n).map(instantOfWall);
}

/**
 * Works in wall time as UTC (see jst.ts): rrule gets a DTSTART without TZID, so its calendar
 * arithmetic is on the JST wall clock and no host time zone can shift a date.
 */
function nextWalls(rule: Recurrence, afterWall: number, n: number): number[] {
  if (n === 0) return [];
  const limit = Date.UTC(new Date(Math.max(afterWall, 0)).getUTCFullYear() + RECURRENCE_LIMITS.searchYears, 0, 1);
  if (!hasPatternDate(rule, limit)) return [];
  const found: number[] = [];
  eachPatternWall(rule, limit, (wall) => {
    // A holiday only moves a date later, so once the pattern has passed the n-th result nothing
    // after it can come earlier.
    if (found.length === n && wall > (found[n - 1] as number)) return false;
    const moved = applyHolidays(rule, wall);
    if (moved !== null && moved > afterWall && !found.includes(moved)) {
      found.push(moved);
      found.sort((a, b) => a - b);
      if (found.length > n) found.pop();
    }
    return true;
  });
  return found;
}

/**
 * Whether a monthly or yearly pattern has a date between its start and `limit` (and its until).
 * rrule checks UNTIL only on a date it has found, so on a rule with none (2月31日) it would search
 * to the year 9999; this walks the periods with plain arithmetic instead.
 */
function hasPatternDate(rule: Recurrence, limit: number): boolean {
  if (rule.freq === 'weekly' || rule.freq === 'dates') return true;
  const last = rule.until && wallMs(rule.until, '00:00') < limit ? rule.until : dateOfDayNumber(Math.floor(limit / DAY_MS));
  const [startYear, startMonth] = dateParts(rule.start);
  const months = rule.byMonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const interval = rule.interval ?? 1;
  for (let period = 0; ; period += interval) {
    const candidates =
      rule.freq === 'monthly'
        ? [[startYear + Math.floor((startMonth - 1 + period) / 12), ((startMonth - 1 + period) % 12) + 1] as const]
        : months.map((m) => [startYear + period, m] as const);
    if (`${candidates[0]?.[0] ?? 0}-${String(candidates[0]?.[1] ?? 0).padStart(2, '0')}-01` > last) return false;
    for (const [year, month] of candidates) {
      if (!months.includes(month)) continue;
      for (const day of daysInPattern(rule, year, month)) {
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        if (date >= rule.start && date <= last) return true;
      }
    }
  }
}

/** The days of `month` that a monthly or yearly rule's day spec picks. */
function daysInPattern(rule: Recurrence, year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  if (rule.byMonthDay) return rule.byMonthDay.map((d) => (d === -1 ? length : d)).filter((d) => d <= length);
  const first = weekdayOf(`${year}-${String(month).padStart(2, '0')}-01`);
  return (rule.byNthWeekday ?? [])
    .map(({ n, weekday }) => {
      const offset = (((WEEKDAYS.indexOf(weekday) + 1) % 7) - first + 7) % 7;
      return n === -1 ? offset + 1 + 7 * Math.floor((length - offset - 1) / 7) : offset + 1 + 7 * (n - 1);
    })
    .filter((d) => d <= length);
}

function eachPatternWall(rule: Recurrence, limit: number, visit: (wall: number) => boolean): void {
  if (rule.freq === 'dates') {
    for (const date of rule.dates ?? []) {
      const wall = wallMs(date, rule.time);
      if (wall > limit || !visit(wall)) return;
    }
    return;
  }
  new RRule(rruleOptions(rule, limit)).all((date) => visit(date.getTime()));
}

const RRULE_DAYS: Record<Weekday, RRuleWeekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};

function rruleOptions(rule: Recurrence, limit: number): Partial<RRuleOptions> {
  const until = rule.until ? wallMs(rule.until, '23:59') : Infinity;
  return {
    freq: rule.freq === 'weekly' ? RRule.WEEKLY : rule.freq === 'monthly' ? RRule.MONTHLY : RRule.YEARLY,
    dtstart: new Date(wallMs(rule.start, rule.time)),
    interval: rule.interval ?? 1,
    wkst: RRule.MO,
    count: rule.count ?? null,
    // rrule stops at both a count and an until; the until also bounds a rule that has neither.
    until: new Date(Math.min(until, limit)),
    byweekday: rule.byWeekday
      ? rule.byWeekday.map((d) => RRULE_DAYS[d])
      : rule.byNthWeekday
        ? rule.byNthWeekday.map((x) => RRULE_DAYS[x.weekday].nth(x.n))
        : null,
    bymonthday: rule.byMonthDay ?? null,
    bymonth: rule.byMonth ?? null,
  };
}

function applyHolidays(rule: Recurrence, wall: number): number | null {
  const date = dateOfDayNumber(Math.floor(wall / DAY_MS));
  switch (rule.holidays) {
    case 'none':
      return wall;
    case 'skip':
      return isPublicHoliday(date) ? null : wall;
    case 'next_working_day':
      return isPublicHoliday(date) ? wallMs(nextWorkingDay(date), rule.time) : wall;
  }
}

// ---------------------------------------------------------------------------------------------
// RFC 5545 text

const TZID = 'Asia/Tokyo';
const HOLIDAY_PROPERTY = 'X-MACHI-HOLIDAYS';
const HOLIDAY_VALUES: Record<HolidayPolicy, string> = { none: 'NONE', skip: 'SKIP', next_working_day: 'NEXT-WORKING-DAY' };
const RFC_FREQ = { weekly: 'WEEKLY', monthly: 'MONTHLY', yearly: 'YEARLY' } as const;

/** `2026-12-01` + `09:00` → `20261201T090000` */
function basicWall(date: string, time: string): string {
  return `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;
}

/**
 * RFC 5545 text for storage and the API: `DTSTART;TZID=Asia/Tokyo:…` and an `RRULE` (UNTIL in UTC,
 * as RFC 5545 requires with a TZID) or, for listed dates, an `RDATE`. The holiday policy, which
 * RRULE cannot say, is a non-standard `X-MACHI-HOLIDAYS` line (left out for `none`). rrule's
 * rrulestr throws on unknown lines: drop X- lines before handing the text to a generic parser.
 */
export function toRRule(rule: Recurrence): string {
  const r = withDefaults(rule);
  const lines = [`DTSTART;TZID=${TZID}:${basicWall(r.start, r.time)}`];
  if (r.freq === 'dates') lines.push(`RDATE;TZID=${TZID}:${(r.dates ?? []).map((d) => basicWall(d, r.time)).join(',')}`);
  else {
    const parts = [`FREQ=${RFC_FREQ[r.freq]}`];
    if (r.interval && r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
    if (r.freq === 'weekly' && r.interval && r.interval > 1) parts.push('WKST=MO');
    if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (r.byMonthDay) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byWeekday) parts.push(`BYDAY=${r.byWeekday.join(',')}`);
    if (r.byNthWeekday) parts.push(`BYDAY=${r.byNthWeekday.map((x) => `${x.n}${x.weekday}`).join(',')}`);
    if (r.count) parts.push(`COUNT=${r.count}`);
    // The end of the until day in JST, written in UTC.
    if (r.until)
      parts.push(
        `UNTIL=${instantOfWall(wallMs(r.until, '23:59') + 59_000)
          .toISOString()
          .replace(/[-:]|\.\d{3}/g, '')}`,
      );
    lines.push(`RRULE:${parts.join(';')}`);
  }
  if (r.holidays !== 'none') lines.push(`${HOLIDAY_PROPERTY}:${HOLIDAY_VALUES[r.holidays]}`);
  return lines.join('\n');
}

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;
const BYDAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * Reads RFC 5545 text back into a definition where our model can say it (toRRule's output always
 * can), then checks it as validateRecurrence does; `now` is optional so a finished stored rule
 * still reads. DTSTART in UTC or floating is taken as that instant / the JST wall clock; another
 * TZID, EXDATE, BYSETPOS and the like are reported, as is a time other than DTSTART's.
 */
export function fromRRule(text: string, now?: Date): RecurrenceCheck {
  const problems: Problem[] = [];
  const problem = (message: string): null => {
    problems.push({ path: 'rrule', message });
    return null;
  };
  let start: { date: string; time: string } | null = null;
  let rrule: string | null = null;
  const rdates: Array<{ date: string; time: string | null }> = [];
  let holidays: HolidayPolicy = 'none';

  // Unfold (RFC 5545 3.1) and read content lines.
  for (const line of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const colon = trimmed.indexOf(':');
    if (colon < 0) {
      problem(`「${trimmed}」を読み取れません。`);
      continue;
    }
    const [rawName = '', ...params] = trimmed.slice(0, colon).split(';');
    const name = rawName.toUpperCase();
    const value = trimmed.slice(colon + 1).trim();
    switch (name) {
      case 'DTSTART': {
        const parsed = dateTimes(value, params, problem);
        const first = parsed?.[0];
        if (parsed && (parsed.length !== 1 || !first?.time)) problem('DTSTART には開始日時を1つ指定してください。');
        else if (first?.time) start = { date: first.date, time: first.time };
        break;
      }
      case 'RRULE':
        if (rrule !== null) problem('RRULE は1つだけ指定してください。');
        rrule = value.toUpperCase();
        break;
      case 'RDATE':
        rdates.push(...(dateTimes(value, params, problem) ?? []));
        break;
      case HOLIDAY_PROPERTY: {
        const policy = HOLIDAY_POLICIES.find((p) => HOLIDAY_VALUES[p] === value.toUpperCase());
        if (policy) holidays = policy;
        else problem(`${HOLIDAY_PROPERTY} の値「${value}」は使えません（NONE, SKIP, NEXT-WORKING-DAY）。`);
        break;
      }
      default:
        problem(`${name} には対応していません。`);
    }
  }
  if (!start) {
    if (!problems.length) problem('DTSTART（開始日時）がありません。');
    return { ok: false, problems };
  }
  const { date: startDate, time } = start;
  let definition: Record<string, unknown> | null = null;
  if (rrule !== null && rdates.length) problem('RRULE と RDATE の組み合わせには対応していません。');
  else if (rrule !== null) definition = ruleParts(rrule, time, problem);
  else {
    if (rdates.some((d) => d.time !== null && d.time !== time)) problem('指定日ごとに違う時刻には対応していません。');
    // DTSTART is itself an occurrence (RFC 5545 3.8.5.2).
    definition = { freq: 'dates', dates: [startDate, ...rdates.map((d) => d.date)] };
  }
  if (!definition || problems.length) return { ok: false, problems };
  return checkRecurrence({ ...definition, time, start: startDate, holidays }, now ?? null);
}

/** DTSTART / RDATE values as JST wall dates (and times, unless VALUE=DATE). */
function dateTimes(value: string, params: string[], problem: (m: string) => null): Array<{ date: string; time: string | null }> | null {
  let zoned = false;
  for (const param of params) {
    const [key = '', v = ''] = param.split('=');
    const upper = v.toUpperCase();
    if (key.toUpperCase() === 'TZID' && (upper === 'ASIA/TOKYO' || upper === 'JAPAN')) zoned = true;
    else if (key.toUpperCase() === 'TZID') return problem(`タイムゾーン ${v} には対応していません（Asia/Tokyo のみ）。`);
    else if (key.toUpperCase() !== 'VALUE' || (upper !== 'DATE' && upper !== 'DATE-TIME'))
      return problem(`${param} には対応していません。`);
  }
  const out: Array<{ date: string; time: string | null }> = [];
  for (const item of value.split(',')) {
    const m = DATE_TIME.exec(item.trim().toUpperCase());
    const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    if (!m || !isCalendarDate(date)) return problem(`日時「${item}」を読み取れません。`);
    if (m[4] === undefined) {
      out.push({ date, time: null });
      continue;
    }
    if (m[6] !== '00') return problem('秒単位の時刻には対応していません。');
    const wallTime = `${m[4]}:${m[5]}`;
    if (!isClockTime(wallTime)) return problem(`日時「${item}」を読み取れません。`);
    if (m[7] === 'Z') {
      if (zoned) return problem(`日時「${item}」に TZID と UTC（Z）が両方あります。`);
      const wall = wallMs(date, wallTime) + JST_OFFSET_MS;
      out.push({ date: dateOfDayNumber(Math.floor(wall / DAY_MS)), time: timeOfWall(wall) });
    } else out.push({ date, time: wallTime });
  }
  return out;
}

function timeOfWall(wall: number): string {
  const minutes = Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function ruleParts(rrule: string, time: string, problem: (m: string) => null): Record<string, unknown> | null {
  const parts = new Map<string, string>();
  for (const part of rrule.split(';')) {
    const [key = '', value = ''] = part.split('=');
    if (parts.has(key)) return problem(`RRULE の ${key} が重複しています。`);
    parts.set(key, value);
  }
  const numbers = (key: string) => parts.get(key)?.split(',').map(Number);
  const definition: Record<string, unknown> = {};
  const freq = parts.get('FREQ');
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  switch (freq) {
    case 'WEEKLY':
    case 'MONTHLY':
    case 'YEARLY':
      definition['freq'] = freq.toLowerCase();
      if (interval !== 1) definition['interval'] = interval;
      break;
    case 'DAILY':
      // Every day is every weekday of every week; every other day has no weekly spelling.
      if (interval !== 1) return problem('何日かおきの繰り返しには対応していません。');
      definition['freq'] = 'weekly';
      definition['byWeekday'] = [...WEEKDAYS];
      break;
    case 'HOURLY':
    case 'MINUTELY':
    case 'SECONDLY':
      return problem('1日に複数回の繰り返し配信は設定できません（1日1回までです）。');
    default:
      return problem(`FREQ「${freq ?? ''}」を読み取れません。`);
  }
  const [hour, minute] = time.split(':').map(Number);
  for (const [key, value] of parts) {
    switch (key) {
      case 'FREQ':
      case 'INTERVAL':
        break;
      case 'COUNT':
        definition['count'] = Number(value);
        break;
      case 'UNTIL': {
        const m = DATE_TIME.exec(value);
        const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
        if (!m || !isCalendarDate(date)) return problem(`UNTIL「${value}」を読み取れません。`);
        let untilWall = wallMs(date, '23:59');
        if (m[4] !== undefined) {
          const clock = `${m[4]}:${m[5]}`;
          if (!isClockTime(clock)) return problem(`UNTIL「${value}」を読み取れません。`);
          untilWall = wallMs(date, clock) + Number(m[6]) * 1000 + (m[7] === 'Z' ? JST_OFFSET_MS : 0);
        }
        // The last date whose delivery time is not after UNTIL.
        definition['until'] = dateOfDayNumber(Math.floor((untilWall - minutesOf(time) * 60_000) / DAY_MS));
        break;
      }
      case 'BYMONTH':
        definition['byMonth'] = numbers(key);
        break;
      case 'BYMONTHDAY':
        definition['byMonthDay'] = numbers(key);
        break;
      case 'BYDAY': {
        const days = value.split(',').map((d) => BYDAY.exec(d));
        if (days.some((d) => !d)) return problem(`BYDAY「${value}」を読み取れません。`);
        const nth = days.filter((d) => d?.[1] !== undefined);
        if (definition['freq'] === 'weekly') {
          if (nth.length) return problem('毎週の繰り返しに「第何曜日」は使えません。');
          definition['byWeekday'] = days.map((d) => d?.[2]);
        } else {
          if (nth.length !== days.length) return problem('毎月・毎年の「毎週○曜日」には対応していません。「第何曜日」で指定してください。');
          definition['byNthWeekday'] = days.map((d) => ({ n: Number(d?.[1]), weekday: d?.[2] }));
        }
        break;
      }
      case 'WKST':
        if (value !== 'MO' && definition['freq'] === 'weekly' && interval > 1)
          return problem('週の始まりが月曜日以外の隔週には対応していません。');
        break;
      case 'BYHOUR':
      case 'BYMINUTE':
      case 'BYSECOND': {
        const expected = key === 'BYHOUR' ? hour : key === 'BYMINUTE' ? minute : 0;
        const values = numbers(key) ?? [];
        if (values.length > 1) return problem('1日に複数回の繰り返し配信は設定できません（1日1回までです）。');
        if (values[0] !== expected) return problem('開始日時と違う時刻の繰り返しには対応していません。');
        break;
      }
      default:
        return problem(`RRULE の ${key} には対応していません。`);
    }
  }
  // YEARLY without BYMONTH means "in every month" for BYMONTHDAY and "of the year" for BYDAY.
  if (freq === 'YEARLY' && !parts.has('BYMONTH')) {
    if (parts.has('BYDAY')) return problem('月を指定しない毎年の「第何曜日」には対応していません。');
    if (parts.has('BYMONTHDAY')) {
      if (interval !== 1) return problem('月を指定しない毎年の日にち指定には対応していません。');
      definition['freq'] = 'monthly';
    }
  }
  return definition;
}

// ---------------------------------------------------------------------------------------------
// Japanese summary

const HOLIDAY_NOTE: Record<HolidayPolicy, string> = { none: '', skip: '（祝日を除く）', next_working_day: '（祝日は翌開庁日に移動）' };

/**
 * One line for lists and confirmations, e.g. 「毎週 月・木曜日 9:00（祝日は翌開庁日に移動）」
 * 「毎月 第2火曜日 10:30」「毎月 末日 18:00、2027年3月31日まで」「指定日（12月1日、12月15日 ほか3日）9:00」.
 */
export function summarizeRecurrence(rule: Recurrence): string {
  const r = withDefaults(rule);
  const time = japaneseTime(r.time);
  let text: string;
  switch (r.freq) {
    case 'dates':
      text = `指定日（${datesText(r.dates ?? [])}）${time}`;
      break;
    case 'weekly': {
      const days = r.byWeekday ?? [];
      text =
        r.interval === 1 && days.length === 7 ? `毎日 ${time}` : `${every(r)} ${days.map((d) => JA_WEEKDAY[d]).join('・')}曜日 ${time}`;
      break;
    }
    case 'monthly':
      text = `${every(r)}${r.byMonth ? `（${monthsText(r.byMonth)}のみ）` : ''} ${dayText(r)} ${time}`;
      break;
    case 'yearly': {
      const months = r.byMonth ?? [];
      const days = r.byMonthDay;
      const single = months.length === 1 && days?.length === 1 && (days[0] as number) > 0;
      text = `${every(r)} ${single ? `${months[0]}月${days[0]}日` : `${monthsText(months)}の${dayText(r)}`} ${time}`;
      break;
    }
  }
  if (r.until) text += `、${japaneseDate(r.until)}まで`;
  if (r.count) text += `、全${r.count}回`;
  return text + HOLIDAY_NOTE[r.holidays];
}

function every(rule: Recurrence): string {
  const n = rule.interval ?? 1;
  switch (rule.freq) {
    case 'weekly':
      return n === 1 ? '毎週' : n === 2 ? '隔週' : `${n}週間ごと`;
    case 'monthly':
      return n === 1 ? '毎月' : `${n}か月ごと`;
    case 'yearly':
      return n === 1 ? '毎年' : `${n}年ごと`;
    case 'dates':
      return '指定日';
  }
}

function monthsText(months: number[]): string {
  return months.map((m) => `${m}月`).join('・');
}

/** 「1日・15日・末日」 or 「第1・第3火曜日・最終金曜日」 */
function dayText(rule: Recurrence): string {
  if (rule.byMonthDay) return rule.byMonthDay.map((d) => (d === -1 ? '末日' : `${d}日`)).join('・');
  const byWeekday = new Map<Weekday, string[]>();
  for (const { n, weekday } of rule.byNthWeekday ?? [])
    byWeekday.set(weekday, [...(byWeekday.get(weekday) ?? []), n === -1 ? '最終' : `第${n}`]);
  return [...byWeekday].map(([weekday, ns]) => `${ns.join('・')}${JA_WEEKDAY[weekday]}曜日`).join('・');
}

function datesText(dates: string[]): string {
  const sameYear = new Set(dates.map((d) => d.slice(0, 4))).size <= 1;
  const shown = dates.length <= 3 ? dates : dates.slice(0, 2);
  const text = shown.map((d) => japaneseDate(d, !sameYear)).join('、');
  return dates.length <= 3 ? text : `${text} ほか${dates.length - 2}日`;
}
