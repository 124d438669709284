import type { DeliveryTiming } from '../../../gql/graphql';
import { addDays, weekdayOf } from './jst';

/**
 * The delivery calendar's days, months and entries, on the Japanese wall clock (Asia/Tokyo,
 * UTC+9 all year) whatever the browser's time zone: the server schedules in Tokyo time.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `YYYY-MM-DD` in Tokyo of an instant. */
export function jstDay(iso: string): string {
  return new Date(Date.parse(iso) + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `HH:MM` in Tokyo of an instant. */
export function jstTime(iso: string): string {
  return new Date(Date.parse(iso) + JST_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a Tokyo date and time, as ISO. */
export function jstInstantOf(day: string, time = '00:00'): string {
  return new Date(Date.parse(`${day}T${time}:00+09:00`)).toISOString();
}

/** `YYYY-MM` of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The month `by` months after (before, when negative) `month`. */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/**
 * What the calendar asks the server for a month: from its first instant (or now, when the month
 * has begun: only what is still to be sent) to the first instant of the next. Null for a month
 * that is over.
 */
export function monthWindow(month: string, now: Date): { from: string; to: string } | null {
  const start = Date.parse(jstInstantOf(`${month}-01`));
  const end = Date.parse(jstInstantOf(`${shiftMonth(month, 1)}-01`));
  const from = Math.max(start, now.getTime());
  if (from >= end) return null;
  return { from: new Date(from).toISOString(), to: new Date(end).toISOString() };
}

/**
 * The day the calendar moves to for a key (arrows by a day and a week, Home and End to the week's
 * ends, Page Up and Page Down by a month, on the same day or the month's last), or null for a key
 * that does not move. Weeks start on Sunday, as the Japanese calendar shows them.
 */
export function movedDay(day: string, key: string): string | null {
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'].indexOf(weekdayOf(day));
  switch (key) {
    case 'ArrowLeft':
      return addDays(day, -1);
    case 'ArrowRight':
      return addDays(day, 1);
    case 'ArrowUp':
      return addDays(day, -7);
    case 'ArrowDown':
      return addDays(day, 7);
    case 'Home':
      return addDays(day, -weekday);
    case 'End':
      return addDays(day, 6 - weekday);
    case 'PageUp':
    case 'PageDown': {
      const month = shiftMonth(monthOf(day), key === 'PageUp' ? -1 : 1);
      const date = Math.min(Number(day.slice(8, 10)), daysInMonth(month));
      return `${month}-${String(date).padStart(2, '0')}`;
    }
    default:
      return null;
  }
}

export type CalendarKind = 'scheduled' | 'recurring' | 'step';

/** One send on the calendar. */
export interface CalendarEntry {
  /** Unique on the calendar. */
  key: string;
  kind: CalendarKind;
  /** The instant, ISO. */
  at: string;
  /** Its Tokyo day and time. */
  day: string;
  time: string;
  title: string;
  /** The page of the delivery or plan. */
  href: string;
  /** A step send: which message, and to how many friends. */
  step?: { offsetDays: number; time: string; number: number; recipients: number };
}

export interface CalendarDelivery {
  id: string;
  title: string;
  timing: DeliveryTiming;
  occurrences: readonly string[];
}

export interface CalendarStepPlan {
  id: string;
  title: string;
  enabled: boolean;
  steps: ReadonlyArray<{ id: string; offsetDays: number; time: string }>;
  upcoming: ReadonlyArray<{ stepId: string; referenceDate: string; at: string; recipients: number }>;
}

/** Every send of the deliveries in the window (the server's `occurrences`); a delivery sent now has none. */
export function deliveryEntries(deliveries: readonly CalendarDelivery[]): CalendarEntry[] {
  return deliveries.flatMap((delivery) =>
    delivery.timing === 'IMMEDIATE'
      ? []
      : delivery.occurrences.map((at) => ({
          key: `delivery:${delivery.id}:${at}`,
          kind: delivery.timing === 'RECURRING' ? ('recurring' as const) : ('scheduled' as const),
          at,
          day: jstDay(at),
          time: jstTime(at),
          title: delivery.title,
          href: `/deliveries/${delivery.id}`,
        })),
  );
}

/**
 * The step plans' sends, one entry per message and time (the reference dates of one send day
 * together): only plans that are on send anything.
 */
export function stepEntries(plans: readonly CalendarStepPlan[]): CalendarEntry[] {
  const entries = new Map<string, CalendarEntry>();
  for (const plan of plans) {
    if (!plan.enabled) continue;
    for (const send of plan.upcoming) {
      const index = plan.steps.findIndex((s) => s.id === send.stepId);
      const step = plan.steps[index];
      if (!step) continue;
      const key = `step:${plan.id}:${step.id}:${send.at}`;
      const existing = entries.get(key);
      if (existing?.step) {
        existing.step.recipients += send.recipients;
        continue;
      }
      entries.set(key, {
        key,
        kind: 'step',
        at: send.at,
        day: jstDay(send.at),
        time: jstTime(send.at),
        title: plan.title,
        href: `/deliveries/steps/${plan.id}`,
        step: { offsetDays: step.offsetDays, time: step.time, number: index + 1, recipients: send.recipients },
      });
    }
  }
  return [...entries.values()];
}

/** The entries by Tokyo day, each day's in time order (then by title), the days in order. */
export function entriesByDay(entries: readonly CalendarEntry[]): Map<string, CalendarEntry[]> {
  const sorted = [...entries].sort(
    (a, b) => a.at.localeCompare(b.at) || a.title.localeCompare(b.title, 'ja') || a.key.localeCompare(b.key),
  );
  const days = new Map<string, CalendarEntry[]>();
  for (const entry of sorted) {
    const list = days.get(entry.day);
    if (list) list.push(entry);
    else days.set(entry.day, [entry]);
  }
  return new Map([...days].sort(([a], [b]) => a.localeCompare(b)));
}

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** 「12月8日（火）」 */
export function dayLabel(day: string): string {
  const weekday = JA_WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日（${weekday}）`;
}
