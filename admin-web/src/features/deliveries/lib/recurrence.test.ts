import { describe, expect, it } from 'vitest';
import { fromRule, initialRecurrence, toRule, withFrequency } from './recurrence';

const NOW = new Date('2026-12-07T15:30:00Z'); // 2026-12-08 00:30 in Tokyo, a Tuesday

describe('the recurrence form', () => {
  it('starts every week on tomorrow’s weekday (in Tokyo) at 9:00', () => {
    expect(toRule(initialRecurrence(NOW))).toEqual({
      freq: 'weekly',
      interval: 1,
      start: '2026-12-09',
      byWeekday: ['WE'],
      time: '09:00',
      holidays: 'none',
    });
  });

  it('sends only what the chosen frequency uses, lists it needs even when empty', () => {
    const base = initialRecurrence(NOW);
    expect(toRule({ ...base, freq: 'weekly', byWeekday: ['FR', 'MO'], end: 'count', count: 10 })).toEqual({
      freq: 'weekly',
      interval: 1,
      start: '2026-12-09',
      byWeekday: ['MO', 'FR'],
      time: '09:00',
      holidays: 'none',
      count: 10,
    });
    expect(
      toRule({
        ...base,
        freq: 'monthly',
        dayMode: 'nthWeekday',
        byNthWeekday: [{ n: 2, weekday: 'TU' }],
        time: '10:30',
        holidays: 'next_working_day',
      }),
    ).toEqual({
      freq: 'monthly',
      interval: 1,
      start: '2026-12-09',
      byNthWeekday: [{ n: 2, weekday: 'TU' }],
      time: '10:30',
      holidays: 'next_working_day',
    });
    expect(toRule({ ...base, freq: 'weekly', byWeekday: [] })['byWeekday']).toEqual([]);
    expect(toRule({ ...base, freq: 'dates', dates: ['2027-01-05', '', '2027-02-01'], end: 'until', until: '2027-03-01' })).toEqual({
      freq: 'dates',
      dates: ['2027-01-05', '2027-02-01'],
      time: '09:00',
      holidays: 'none',
    });
  });

  it('starts 毎年 in the start date’s month, and keeps the choices of another frequency', () => {
    const yearly = withFrequency(initialRecurrence(NOW), 'yearly');
    expect(toRule(yearly)).toMatchObject({ freq: 'yearly', byMonth: [12], byMonthDay: [9] });
    expect(withFrequency(yearly, 'weekly').byMonth).toEqual([12]);
  });

  it('reads a saved rule back as it was', () => {
    const rule = {
      freq: 'monthly',
      interval: 2,
      byMonthDay: [1, -1],
      byMonth: [4, 10],
      time: '08:00',
      start: '2027-04-01',
      until: '2028-03-31',
      holidays: 'skip',
    };
    const draft = fromRule(rule, NOW);
    expect(draft.dayMode).toBe('monthDay');
    expect(draft.end).toBe('until');
    expect(toRule(draft)).toEqual(rule);
    const dates = { freq: 'dates', dates: ['2027-01-05'], time: '18:00', start: '2027-01-05', holidays: 'none' };
    expect(toRule(fromRule(dates, NOW))).toEqual({ freq: 'dates', dates: ['2027-01-05'], time: '18:00', holidays: 'none' });
  });
});
