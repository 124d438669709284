import { DAY_MS, dateOfDayNumber, dayNumber, isCalendarDate, isClockTime, jstInstant, minutesOf, wallOfInstant } from './jst.js';

/**
 * Step (anniversary) messages, SEG-11: a message `offsetDays` days after (negative: before) a
 * resident's reference date (基準日: a birth date, 出産日, each child's birth date), at `time` JST.
 * A resident with several children gets each step once per child's date.
 */
export interface StepTiming {
  id: string;
  /** Days after the reference date; negative = before, 0 = on the day. */
  offsetDays: number;
  /** 'HH:MM' */
  time: string;
}

/** [from, to): the job passes the end of its previous window as the next `from`. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface DueStep {
  stepId: string;
  /** The reference date this delivery belongs to. */
  date: string;
  instant: Date;
  /** `${stepId}:${date}`: the caller's unique key, so a pair is delivered exactly once. */
  key: string;
}

/** When the step for reference `date` is delivered. */
export function stepInstant(date: string, offsetDays: number, time: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${String(date)}`);
  if (!Number.isInteger(offsetDays)) throw new RangeError(`offsetDays must be a whole number: ${offsetDays}`);
  return jstInstant(dateOfDayNumber(dayNumber(date) + offsetDays), time);
}

/**
 * The reference dates (inclusive) whose step instant falls in the window, or null when none does
 * (a window of a few minutes that does not contain `time`). Lets the caller select residents by
 * a date range in SQL instead of scanning them.
 */
export function stepDateRange(offsetDays: number, time: string, window: TimeWindow): { from: string; to: string } | null {
  if (!Number.isInteger(offsetDays)) throw new RangeError(`offsetDays must be a whole number: ${offsetDays}`);
  if (!isClockTime(time)) throw new RangeError(`not a clock time: ${String(time)}`);
  const at = minutesOf(time) * 60_000;
  // Day d delivers at d * DAY + at (wall time): the first day at or after `from`, the last before `to`.
  const first = Math.ceil((wallOfInstant(window.from) - at) / DAY_MS);
  const last = Math.ceil((wallOfInstant(window.to) - at) / DAY_MS) - 1;
  if (first > last) return null;
  return { from: dateOfDayNumber(first - offsetDays), to: dateOfDayNumber(last - offsetDays) };
}

/**
 * The (step, reference date) pairs due in the window, in delivery order. `dates` are one
 * resident's reference dates; a date that is not a real calendar date is ignored (bad stored data
 * must not stop the job for everybody), and a date given twice (twins) counts once.
 */
export function dueSteps(steps: readonly StepTiming[], dates: readonly string[], window: TimeWindow): DueStep[] {
  const valid = [...new Set(dates.filter(isCalendarDate))];
  const due: DueStep[] = [];
  for (const step of steps) {
    const range = stepDateRange(step.offsetDays, step.time, window);
    if (!range) continue;
    for (const date of valid)
      if (date >= range.from && date <= range.to)
        due.push({ stepId: step.id, date, instant: stepInstant(date, step.offsetDays, step.time), key: `${step.id}:${date}` });
  }
  return due.sort((a, b) => a.instant.getTime() - b.instant.getTime() || a.key.localeCompare(b.key));
}
