/**
 * Calendar arithmetic on the Japanese wall clock. Asia/Tokyo is UTC+9 all year (no daylight saving
 * since 1951), so a wall time converts to an instant by a fixed offset; dates are `YYYY-MM-DD` and
 * times `HH:MM`, both of which sort lexically.
 */

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date `YYYY-MM-DD` (no 2月30日). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** A clock time `HH:MM`, 00:00–23:59. */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Year, month (1–12) and day of a `YYYY-MM-DD` date. */
export function dateParts(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${String(date)}`);
  return date.split('-').map(Number) as [number, number, number];
}

/** Minutes since midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a clock time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Days since 1970-01-01 of a date. */
export function dayNumber(date: string): number {
  const [y, m, d] = dateParts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function weekdayOf(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/**
 * "Wall time as UTC": the JST wall clock written into a Date's UTC fields. rrule computes in these
 * (it does calendar arithmetic on UTC fields), and we convert to real instants at the edge.
 */
export function wallMs(date: string, time: string): number {
  return dayNumber(date) * DAY_MS + minutesOf(time) * 60_000;
}

export function instantOfWall(wall: number): Date {
  return new Date(wall - JST_OFFSET_MS);
}

export function wallOfInstant(instant: Date): number {
  return instant.getTime() + JST_OFFSET_MS;
}

/** The instant of a JST wall date and time. */
export function jstInstant(date: string, time: string): Date {
  return instantOfWall(wallMs(date, time));
}

/** The JST calendar date of an instant. */
export function jstDate(instant: Date): string {
  return dateOfDayNumber(Math.floor(wallOfInstant(instant) / DAY_MS));
}

/** `2027-03-31` → `2027年3月31日`; `withYear: false` → `3月31日`. */
export function japaneseDate(date: string, withYear = true): string {
  const [y, m, d] = dateParts(date);
  return withYear ? `${y}年${m}月${d}日` : `${m}月${d}日`;
}

/** `09:00` → `9:00`, the way times are written on notices. */
export function japaneseTime(time: string): string {
  const minutes = minutesOf(time);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
