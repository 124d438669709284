import { addDays, jstToday, weekdayOf } from './jst';
import type { Weekday } from './jst';

/**
 * The recurrence rule form's state, and the rule it stands for: the shape the server's schedule
 * library takes (server/src/modules/deliveries/schedule/recurrence.ts `Recurrence`), every date
 * and time on the Tokyo wall clock. The form keeps what staff typed for every frequency, so
 * switching 毎週 → 毎月 → 毎週 loses nothing; `toRule` sends only what the chosen one uses.
 */

export const FREQUENCIES = ['weekly', 'monthly', 'yearly', 'dates'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const HOLIDAY_POLICIES = ['none', 'skip', 'next_working_day'] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];
export const NTH_VALUES = [1, 2, 3, 4, 5, -1] as const;
export type Nth = (typeof NTH_VALUES)[number];
export interface NthWeekday {
  n: Nth;
  weekday: Weekday;
}
export type DayMode = 'monthDay' | 'nthWeekday';
export type EndMode = 'never' | 'until' | 'count';

export interface RecurrenceDraft {
  freq: Frequency;
  interval: number | null;
  byWeekday: Weekday[];
  dayMode: DayMode;
  byMonthDay: number[];
  byNthWeekday: NthWeekday[];
  byMonth: number[];
  dates: string[];
  /** 'HH:MM' */
  time: string;
  /** 'YYYY-MM-DD' */
  start: string;
  end: EndMode;
  until: string;
  count: number | null;
  holidays: HolidayPolicy;
}

/** Every Monday 9:00 from tomorrow, until stopped: a form to start from. */
export function initialRecurrence(now: Date = new Date()): RecurrenceDraft {
  const start = addDays(jstToday(now), 1);
  return {
    freq: 'weekly',
    interval: 1,
    byWeekday: [weekdayOf(start)],
    dayMode: 'monthDay',
    byMonthDay: [Number(start.slice(8, 10))],
    byNthWeekday: [{ n: 1, weekday: weekdayOf(start) }],
    byMonth: [],
    dates: [start],
    time: '09:00',
    start,
    end: 'never',
    until: '',
    count: null,
    holidays: 'none',
  };
}

const sortWeekdays = (days: readonly Weekday[]) => [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));

/**
 * The rule for the server. Lists the chosen frequency needs are sent even when empty, so the
 * server says what is missing beside the field (「曜日を1つ以上選んでください」).
 */
export function toRule(draft: RecurrenceDraft): Record<string, unknown> {
  const common = { time: draft.time, holidays: draft.holidays };
  if (draft.freq === 'dates') return { freq: 'dates', dates: draft.dates.filter((d) => d !== ''), ...common };
  const rule: Record<string, unknown> = { freq: draft.freq, interval: draft.interval ?? 1, start: draft.start, ...common };
  if (draft.freq === 'weekly') rule['byWeekday'] = sortWeekdays(draft.byWeekday);
  else {
    if (draft.dayMode === 'monthDay') rule['byMonthDay'] = [...draft.byMonthDay];
    else rule['byNthWeekday'] = draft.byNthWeekday.map((x) => ({ ...x }));
    // 毎年 needs its months; 毎月 may be limited to some.
    if (draft.freq === 'yearly' || draft.byMonth.length > 0) rule['byMonth'] = [...draft.byMonth].sort((a, b) => a - b);
  }
  if (draft.end === 'until') rule['until'] = draft.until;
  if (draft.end === 'count') rule['count'] = draft.count;
  return rule;
}

/** The form after staff choose another frequency: 毎年 starts in the start date's month. */
export function withFrequency(draft: RecurrenceDraft, freq: Frequency): RecurrenceDraft {
  const byMonth = freq === 'yearly' && draft.byMonth.length === 0 ? [Number(draft.start.slice(5, 7)) || 1] : draft.byMonth;
  return { ...draft, freq, byMonth };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);
const weekdays = (value: unknown): Weekday[] =>
  Array.isArray(value) ? value.filter((v): v is Weekday => WEEKDAYS.includes(v as Weekday)) : [];

/** A saved rule (the server normalised it) as the form, filling what it does not use from the defaults. */
export function fromRule(value: unknown, now: Date = new Date()): RecurrenceDraft {
  const base = initialRecurrence(now);
  if (!isRecord(value)) return base;
  const freq = FREQUENCIES.includes(value['freq'] as Frequency) ? (value['freq'] as Frequency) : base.freq;
  const nth = Array.isArray(value['byNthWeekday'])
    ? value['byNthWeekday']
        .filter(isRecord)
        .flatMap((x) =>
          NTH_VALUES.includes(x['n'] as Nth) && WEEKDAYS.includes(x['weekday'] as Weekday)
            ? [{ n: x['n'] as Nth, weekday: x['weekday'] as Weekday }]
            : [],
        )
    : [];
  const dates = Array.isArray(value['dates']) ? value['dates'].filter((d): d is string => typeof d === 'string') : [];
  const until = typeof value['until'] === 'string' ? value['until'] : '';
  const count = typeof value['count'] === 'number' ? value['count'] : null;
  return {
    ...base,
    freq,
    interval: typeof value['interval'] === 'number' ? value['interval'] : 1,
    byWeekday: weekdays(value['byWeekday']).length ? weekdays(value['byWeekday']) : base.byWeekday,
    dayMode: nth.length ? 'nthWeekday' : 'monthDay',
    byMonthDay: numbers(value['byMonthDay']).length ? numbers(value['byMonthDay']) : base.byMonthDay,
    byNthWeekday: nth.length ? nth : base.byNthWeekday,
    byMonth: numbers(value['byMonth']),
    dates: dates.length ? dates : base.dates,
    time: typeof value['time'] === 'string' ? value['time'] : base.time,
    start: typeof value['start'] === 'string' ? value['start'] : base.start,
    end: until ? 'until' : count !== null ? 'count' : 'never',
    until,
    count,
    holidays: HOLIDAY_POLICIES.includes(value['holidays'] as HolidayPolicy) ? (value['holidays'] as HolidayPolicy) : base.holidays,
  };
}
