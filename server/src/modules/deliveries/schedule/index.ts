/**
 * Delivery timing, pure and database-free: recurring and scheduled deliveries (SEG-08, SEG-09)
 * and step messages from reference dates (SEG-11), all on the Japanese calendar (Asia/Tokyo,
 * national holidays, 開庁日).
 */
export {
  HOLIDAY_POLICIES,
  RECURRENCE_FREQUENCIES,
  RECURRENCE_LIMITS,
  WEEKDAYS,
  fromRRule,
  nextInstants,
  summarizeRecurrence,
  toRRule,
  validateRecurrence,
} from './recurrence.js';
export type { HolidayPolicy, NthWeekday, Problem, Recurrence, RecurrenceCheck, RecurrenceFrequency, Weekday } from './recurrence.js';
export { dueSteps, stepDateRange, stepInstant } from './steps.js';
export type { DueStep, StepTiming, TimeWindow } from './steps.js';
export { HOLIDAY_DATA_YEARS, holidayName, isPublicHoliday, isWorkingDay, isYearEndClosure, nextWorkingDay } from './working-days.js';
export { jstDate, jstInstant } from './jst.js';
