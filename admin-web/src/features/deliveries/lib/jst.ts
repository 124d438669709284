/**
 * Dates and times on the Japanese wall clock (Asia/Tokyo, UTC+9 all year), whatever the browser's
 * own time zone: deliveries are scheduled in Tokyo time, as the server reads them.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** `2026-12-08T10:30`: an instant as a `datetime-local` input shows it in Tokyo. */
export function toJstLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return '';
  return new Date(time + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/** The instant of a `datetime-local` value read in Tokyo, as ISO; null when it is not one. */
export function fromJstLocal(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const time = Date.parse(`${local}:00+09:00`);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** Today in Tokyo, `YYYY-MM-DD`. */
export function jstToday(now: Date = new Date()): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as Weekday;
}

/** `2026/12/08（火）10:30` in Tokyo. */
export function formatJst(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return fallback;
  const wall = new Date(time + JST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${wall.getUTCFullYear()}/${pad(wall.getUTCMonth() + 1)}/${pad(wall.getUTCDate())}`;
  return `${day}（${JA_WEEKDAYS[wall.getUTCDay()] ?? ''}）${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}
