/** Calendar dates as `YYYY-MM-DD` and times as `HH:MM`, compared as strings (both sort lexically). */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** A date bound relative to the day of answering: `today`, `today+7`, `today-36500`. */
const RELATIVE = /^today(?:([+-])(\d{1,5}))?$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isTime(value: string): boolean {
  return TIME.test(value);
}

/** An absolute date or a `today±N` bound, as allowed in a date field's min / max. */
export function isDateBound(value: string): boolean {
  return isRealDate(value) || RELATIVE.test(value);
}

export function isRelativeDateBound(value: string): boolean {
  return RELATIVE.test(value);
}

/** The absolute date a bound means on `today`. */
export function resolveDateBound(bound: string, today: string): string {
  const m = RELATIVE.exec(bound);
  if (!m) return bound;
  if (!m[1]) return today;
  const days = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** Year, month and day of `date` on the wall clock of `timeZone`. */
export function calendarParts(date: Date, timeZone: string): { year: string; month: string; day: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year').padStart(4, '0'), month: get('month'), day: get('day') };
}

/** Today in Japan: forms are answered and closed by the Japanese calendar, wherever the server runs. */
export function todayInJapan(now: Date = new Date()): string {
  const { year, month, day } = calendarParts(now, 'Asia/Tokyo');
  return `${year}-${month}-${day}`;
}

/** `2026-12-02` → `2026年12月2日`. */
export function japaneseDate(value: string): string {
  const m = DATE.exec(value);
  if (!m) return value;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
