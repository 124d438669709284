import { describe, expect, it } from 'vitest';
import { addDays, formatJst, fromJstLocal, jstToday, toJstLocal, weekdayOf } from './jst';

describe('Tokyo wall clock', () => {
  it('reads a datetime-local value as Tokyo time whatever the browser’s zone, and back', () => {
    expect(fromJstLocal('2026-12-08T09:30')).toBe('2026-12-08T00:30:00.000Z');
    expect(toJstLocal('2026-12-08T00:30:00.000Z')).toBe('2026-12-08T09:30');
    expect(fromJstLocal('2026-12-08')).toBeNull();
    expect(toJstLocal(null)).toBe('');
  });

  it('knows today, weekdays and a Japanese date with its weekday', () => {
    expect(jstToday(new Date('2026-12-07T15:30:00Z'))).toBe('2026-12-08');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-12-08')).toBe('TU');
    expect(formatJst('2026-12-08T01:30:00.000Z')).toBe('2026/12/08（火）10:30');
    expect(formatJst(null)).toBe('—');
  });
});
