// The package is CommonJS; under NodeNext its default import is module.exports.
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, weekdayOf } from './jst.js';

/**
 * Japanese national holidays (祝日, 振替休日 and 国民の休日, which holiday_jp names 「休日」) by date.
 * Read once into a Map: the package's own isHoliday scans every key, and formats a Date in the
 * server's local time zone.
 */
const HOLIDAYS: ReadonlyMap<string, string> = new Map(Object.values(holidayJp.holidays).map((h) => [h.date, h.name]));
const KNOWN = [...HOLIDAYS.keys()].sort();

/**
 * The years the holiday data covers. Later dates are treated as having no holidays: the dataset
 * stops there, and 春分の日 / 秋分の日 are fixed only a year ahead anyway.
 */
export const HOLIDAY_DATA_YEARS = { first: Number(KNOWN[0]?.slice(0, 4)), last: Number(KNOWN.at(-1)?.slice(0, 4)) } as const;

/** The holiday's Japanese name (e.g. 「成人の日」「こどもの日 振替休日」「休日」), or null. */
export function holidayName(date: string): string | null {
  return HOLIDAYS.get(date) ?? null;
}

export function isPublicHoliday(date: string): boolean {
  return HOLIDAYS.has(date);
}

/** 年末年始 (12月29日–1月3日), the closing days municipalities set by ordinance under 地方自治法 4条の2. */
export function isYearEndClosure(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}

/** 開庁日: not a Saturday or Sunday, not a national holiday, not in 年末年始. */
export function isWorkingDay(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date) && !isYearEndClosure(date);
}

/** The first 開庁日 after `date` (never `date` itself). */
export function nextWorkingDay(date: string): string {
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
