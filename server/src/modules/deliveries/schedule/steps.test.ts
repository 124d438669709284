import { describe, expect, it } from 'vitest';
import { dueSteps, stepDateRange, stepInstant } from './steps.js';

const jst = (text: string) => new Date(`${text}+09:00`);

describe('stepInstant', () => {
  it('counts days after and before the reference date on the Japanese calendar', () => {
    expect(stepInstant('2026-11-01', 30, '10:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(stepInstant('2026-12-10', -7, '09:00').toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(stepInstant('2026-12-10', 0, '12:00').toISOString()).toBe('2026-12-10T03:00:00.000Z');
  });

  it('puts an early-morning step on the previous UTC day', () => {
    expect(stepInstant('2027-01-01', 0, '08:00').toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('crosses month ends, year ends and leap days by whole days', () => {
    expect(stepInstant('2028-02-28', 1, '09:00')).toEqual(jst('2028-02-29T09:00'));
    expect(stepInstant('2027-02-28', 1, '09:00')).toEqual(jst('2027-03-01T09:00'));
    expect(stepInstant('2026-12-31', 100, '09:00')).toEqual(jst('2027-04-10T09:00'));
    expect(stepInstant('2026-01-01', -1, '09:00')).toEqual(jst('2025-12-31T09:00'));
  });

  it('refuses a bad date, time or offset', () => {
    expect(() => stepInstant('2026-02-30', 1, '09:00')).toThrow(RangeError);
    expect(() => stepInstant('2026-12-01', 1, '24:00')).toThrow(RangeError);
    expect(() => stepInstant('2026-12-01', 1.5, '09:00')).toThrow(RangeError);
  });
});

describe('stepDateRange', () => {
  it('gives the reference dates whose step falls in the window', () => {
    // 30 days after, at 09:00: the window holds 12/1 09:00 and 12/2 09:00.
    expect(stepDateRange(30, '09:00', { from: jst('2026-12-01T00:00'), to: jst('2026-12-03T00:00') })).toEqual({
      from: '2026-11-01',
      to: '2026-11-02',
    });
    // 7 days before: the reference dates are a week later than the delivery days.
    expect(stepDateRange(-7, '09:00', { from: jst('2026-12-01T00:00'), to: jst('2026-12-02T00:00') })).toEqual({
      from: '2026-12-08',
      to: '2026-12-08',
    });
  });

  it('is null for a short window that does not hold the time', () => {
    expect(stepDateRange(30, '09:00', { from: jst('2026-12-01T09:05'), to: jst('2026-12-01T09:10') })).toBeNull();
    expect(stepDateRange(30, '09:00', { from: jst('2026-12-01T09:00'), to: jst('2026-12-01T09:00') })).toBeNull();
  });

  it('includes from and excludes to, so back-to-back windows share no instant', () => {
    const at = jst('2026-12-01T09:00');
    expect(stepDateRange(0, '09:00', { from: at, to: jst('2026-12-01T09:05') })).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(stepDateRange(0, '09:00', { from: jst('2026-12-01T08:55'), to: at })).toBeNull();
  });

  it('matches stepInstant for every date and window tried', () => {
    const windows = [
      { from: jst('2026-12-31T23:58'), to: jst('2027-01-01T00:03') },
      { from: jst('2027-02-27T08:00'), to: jst('2027-03-02T08:00') },
      { from: jst('2028-02-28T07:59'), to: jst('2028-03-01T08:01') },
    ];
    for (const time of ['00:00', '08:00', '23:59'])
      for (const offset of [-30, -1, 0, 1, 45])
        for (const window of windows) {
          const range = stepDateRange(offset, time, window);
          for (let day = -60; day <= 60; day++) {
            const date = new Date(window.from.getTime() + day * 86_400_000).toISOString().slice(0, 10);
            const instant = stepInstant(date, offset, time).getTime();
            const inWindow = instant >= window.from.getTime() && instant < window.to.getTime();
            const inRange = range !== null && date >= range.from && date <= range.to;
            expect(inRange, `${date} ${offset} ${time}`).toBe(inWindow);
          }
        }
  });
});

describe('dueSteps', () => {
  const steps = [
    { id: 'after30', offsetDays: 30, time: '10:00' },
    { id: 'after60', offsetDays: 60, time: '10:00' },
    { id: 'before3', offsetDays: -3, time: '18:00' },
  ];

  it('delivers to each child separately: two birth dates, two steps, one window', () => {
    // 11/1 + 30 days and 10/2 + 60 days are both 12/1 10:00.
    const due = dueSteps(steps, ['2026-11-01', '2026-10-02'], { from: jst('2026-12-01T09:55'), to: jst('2026-12-01T10:05') });
    expect(due).toEqual([
      { stepId: 'after30', date: '2026-11-01', instant: jst('2026-12-01T10:00'), key: 'after30:2026-11-01' },
      { stepId: 'after60', date: '2026-10-02', instant: jst('2026-12-01T10:00'), key: 'after60:2026-10-02' },
    ]);
  });

  it('delivers every pair exactly once over a run of 5-minute windows', () => {
    const dates = ['2026-11-01', '2026-10-02', '2026-12-04', '2026-11-02'];
    const seen: string[] = [];
    const start = jst('2026-11-30T00:00').getTime();
    for (let t = start; t < start + 3 * 86_400_000; t += 5 * 60_000)
      seen.push(...dueSteps(steps, dates, { from: new Date(t), to: new Date(t + 5 * 60_000) }).map((d) => d.key));
    expect(seen).toEqual([
      'after30:2026-11-01', // 12/1 10:00
      'after60:2026-10-02', // 12/1 10:00
      'before3:2026-12-04', // 12/1 18:00
      'after30:2026-11-02', // 12/2 10:00
    ]);
  });

  it('counts a date given twice once and ignores a date that is not real', () => {
    const due = dueSteps(steps, ['2026-11-01', '2026-11-01', '2026-02-30', ''], {
      from: jst('2026-12-01T00:00'),
      to: jst('2026-12-02T00:00'),
    });
    expect(due.map((d) => d.key)).toEqual(['after30:2026-11-01']);
  });

  it('orders by instant, then key', () => {
    const due = dueSteps(steps, ['2026-12-04', '2026-11-01'], { from: jst('2026-12-01T00:00'), to: jst('2026-12-02T00:00') });
    expect(due.map((d) => d.key)).toEqual(['after30:2026-11-01', 'before3:2026-12-04']);
  });
});
