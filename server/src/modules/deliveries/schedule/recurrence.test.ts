import rrulePkg from 'rrule';
import { afterEach, describe, expect, it } from 'vitest';
import { fromRRule, nextInstants, summarizeRecurrence, toRRule, validateRecurrence } from './recurrence.js';
import type { Recurrence } from './recurrence.js';

const NOW = new Date('2026-12-01T00:00:00+09:00');

/** A rule as validateRecurrence returns it (so the defaults are the real ones). */
function accepted(input: Record<string, unknown>, now = NOW): Recurrence {
  const check = validateRecurrence({ time: '09:00', holidays: 'none', ...input }, now);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check.rule;
}

function refused(input: Record<string, unknown>, now = NOW) {
  const check = validateRecurrence({ time: '09:00', holidays: 'none', ...input }, now);
  if (check.ok) throw new Error(`accepted: ${JSON.stringify(check.rule)}`);
  return check.problems;
}

/** Instants as JST wall clock text, '2027-01-11T09:00'. */
function wall(instants: Date[]): string[] {
  return instants.map((d) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16));
}

function next(rule: Recurrence, after: string, n: number): string[] {
  return wall(nextInstants(rule, new Date(`${after}+09:00`), n));
}

const days = (list: string[]) => list.map((w) => w.slice(0, 10));

describe('instants around month ends and leap days', () => {
  it('fires a monthly 31st only in months that have one', () => {
    const rule = accepted({ freq: 'monthly', byMonthDay: [31], start: '2026-12-01' });
    expect(days(next(rule, '2026-12-01T00:00', 7))).toEqual([
      '2026-12-31',
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
      '2027-07-31',
      '2027-08-31',
      '2027-10-31',
    ]);
  });

  it('gives the last day of each month for -1, February 28 or 29', () => {
    const rule = accepted({ freq: 'monthly', byMonthDay: [-1], start: '2027-01-01', time: '18:00' });
    expect(next(rule, '2027-01-01T00:00', 4)).toEqual(['2027-01-31T18:00', '2027-02-28T18:00', '2027-03-31T18:00', '2027-04-30T18:00']);
    expect(next(rule, '2028-02-01T00:00', 1)).toEqual(['2028-02-29T18:00']);
  });

  it('fires a yearly February 29 only in leap years', () => {
    const fromStart = accepted({ freq: 'yearly', start: '2028-02-29' }, new Date('2028-01-01T00:00:00+09:00'));
    expect(fromStart.byMonth).toEqual([2]);
    expect(fromStart.byMonthDay).toEqual([29]);
    expect(days(next(fromStart, '2028-01-01T00:00', 3))).toEqual(['2028-02-29', '2032-02-29', '2036-02-29']);

    const explicit = accepted({ freq: 'yearly', byMonth: [2], byMonthDay: [29], start: '2026-12-01' });
    expect(days(next(explicit, '2026-12-01T00:00', 2))).toEqual(['2028-02-29', '2032-02-29']);
  });

  it('fires the 5th Monday only in months that have five Mondays', () => {
    const rule = accepted(
      { freq: 'monthly', byNthWeekday: [{ n: 5, weekday: 'MO' }], start: '2026-01-01' },
      new Date('2026-01-01T00:00:00+09:00'),
    );
    const result = days(next(rule, '2026-01-01T00:00', 4));
    expect(result).toEqual(['2026-03-30', '2026-06-29', '2026-08-31', '2026-11-30']);
    for (const d of result) {
      expect(new Date(`${d}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(Number(d.slice(8))).toBeGreaterThan(28);
    }
  });

  it('finds the 2nd Tuesday and the last Friday of each month', () => {
    const rule = accepted({ freq: 'monthly', byNthWeekday: [{ n: 2, weekday: 'TU' }], time: '10:30', start: '2026-12-01' });
    expect(next(rule, '2026-12-01T00:00', 3)).toEqual(['2026-12-08T10:30', '2027-01-12T10:30', '2027-02-09T10:30']);
    const last = accepted({ freq: 'monthly', byNthWeekday: [{ n: -1, weekday: 'FR' }], start: '2026-12-01' });
    expect(days(next(last, '2026-12-01T00:00', 3))).toEqual(['2026-12-25', '2027-01-29', '2027-02-26']);
  });

  it('finds an nth weekday inside the months of a yearly rule', () => {
    // 成人の日 style: the 2nd Monday of January.
    const rule = accepted({ freq: 'yearly', byMonth: [1], byNthWeekday: [{ n: 2, weekday: 'MO' }], start: '2026-12-01' });
    expect(days(next(rule, '2026-12-01T00:00', 3))).toEqual(['2027-01-11', '2028-01-10', '2029-01-08']);
  });
});

describe('the JST day boundary', () => {
  it('puts an 08:00 JST instant at 23:00 UTC of the previous day', () => {
    const rule = accepted({ freq: 'weekly', byWeekday: ['MO'], time: '08:00', start: '2026-12-07' });
    const [first] = nextInstants(rule, NOW, 1);
    expect(first?.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(first?.getUTCDay()).toBe(0); // Sunday in UTC, Monday in Japan
  });

  it('counts a weekday and a month end on the Japanese date, not the UTC one', () => {
    const rule = accepted({ freq: 'monthly', byMonthDay: [1], time: '00:30', start: '2026-12-01' });
    expect(nextInstants(rule, NOW, 2).map((d) => d.toISOString())).toEqual(['2026-11-30T15:30:00.000Z', '2026-12-31T15:30:00.000Z']);
  });

  describe('on a server in another time zone', () => {
    const original = process.env['TZ'];
    afterEach(() => {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    });

    it('gives the same instants whatever TZ the host runs in', () => {
      const rule = accepted({ freq: 'monthly', byMonthDay: [-1], time: '08:00', start: '2026-12-01', holidays: 'next_working_day' });
      const expected = nextInstants(rule, NOW, 12).map((d) => d.toISOString());
      const offsets = { 'America/Los_Angeles': 480, 'Pacific/Kiritimati': -840, UTC: 0 };
      for (const [zone, offset] of Object.entries(offsets)) {
        process.env['TZ'] = zone;
        expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(offset);
        expect(nextInstants(rule, NOW, 12).map((d) => d.toISOString())).toEqual(expected);
      }
    });
  });
});

describe('after, until and count', () => {
  it('returns instants strictly after `after`', () => {
    const rule = accepted({ freq: 'weekly', byWeekday: ['TU'], start: '2026-12-01' });
    expect(next(rule, '2026-12-01T09:00', 1)).toEqual(['2026-12-08T09:00']);
    expect(next(rule, '2026-12-01T08:59', 1)).toEqual(['2026-12-01T09:00']);
  });

  it('includes the until date itself, whatever the time', () => {
    const rule = accepted({ freq: 'monthly', byMonthDay: [-1], time: '23:59', start: '2026-12-01', until: '2027-03-31' });
    expect(next(rule, '2026-12-01T00:00', 10)).toEqual(['2026-12-31T23:59', '2027-01-31T23:59', '2027-02-28T23:59', '2027-03-31T23:59']);
    const shorter = accepted({ freq: 'monthly', byMonthDay: [-1], start: '2026-12-01', until: '2027-03-30' });
    expect(days(next(shorter, '2026-12-01T00:00', 10))).toEqual(['2026-12-31', '2027-01-31', '2027-02-28']);
  });

  it('stops after count dates, counted from the start even when asked later', () => {
    const rule = accepted({ freq: 'weekly', byWeekday: ['MO', 'TH'], start: '2026-12-01', count: 3 });
    expect(days(next(rule, '2026-11-01T00:00', 10))).toEqual(['2026-12-03', '2026-12-07', '2026-12-10']);
    expect(days(next(rule, '2026-12-05T00:00', 10))).toEqual(['2026-12-07', '2026-12-10']);
  });

  it('counts the pattern before the holiday policy: a skipped holiday uses up its turn', () => {
    const rule = accepted({ freq: 'weekly', byWeekday: ['MO'], start: '2027-01-04', count: 3, holidays: 'skip' });
    expect(days(next(rule, '2027-01-01T00:00', 10))).toEqual(['2027-01-04', '2027-01-18']);
  });

  it('starts a biweekly rule in the start week (weeks begin on Monday)', () => {
    const rule = accepted({ freq: 'weekly', interval: 2, byWeekday: ['MO', 'FR'], start: '2026-12-02' });
    // Monday 11/30 is before the start; Friday 12/4 is in the start week.
    expect(days(next(rule, '2026-12-01T00:00', 4))).toEqual(['2026-12-04', '2026-12-14', '2026-12-18', '2026-12-28']);
  });

  it('returns listed dates in order and once each', () => {
    const rule = accepted({ freq: 'dates', dates: ['2026-12-15', '2026-12-01', '2026-12-15'] });
    expect(rule.dates).toEqual(['2026-12-01', '2026-12-15']);
    expect(rule.start).toBe('2026-12-01');
    expect(next(rule, '2026-11-30T00:00', 5)).toEqual(['2026-12-01T09:00', '2026-12-15T09:00']);
  });

  it('returns nothing for n = 0 and refuses a negative n', () => {
    const rule = accepted({ freq: 'weekly', start: '2026-12-01' });
    expect(nextInstants(rule, NOW, 0)).toEqual([]);
    expect(() => nextInstants(rule, NOW, -1)).toThrow(RangeError);
  });
});

describe('holidays', () => {
  it('skips 成人の日 2027-01-11 and 勤労感謝の日 2026-11-23', () => {
    const mondays = accepted(
      { freq: 'weekly', byWeekday: ['MO'], start: '2026-11-16', holidays: 'skip' },
      new Date('2026-11-01T00:00:00+09:00'),
    );
    expect(days(next(mondays, '2026-11-16T00:00', 3))).toEqual(['2026-11-16', '2026-11-30', '2026-12-07']);
    expect(days(next(mondays, '2027-01-01T00:00', 2))).toEqual(['2027-01-04', '2027-01-18']);
  });

  it('keeps holidays under the none policy', () => {
    const mondays = accepted({ freq: 'weekly', byWeekday: ['MO'], start: '2026-12-01' });
    expect(days(next(mondays, '2027-01-05T00:00', 1))).toEqual(['2027-01-11']);
  });

  it('moves 成人の日 and 勤労感謝の日 to the next working day at the same time', () => {
    const mondays = accepted(
      { freq: 'weekly', byWeekday: ['MO'], start: '2026-11-16', time: '10:15', holidays: 'next_working_day' },
      new Date('2026-11-01T00:00:00+09:00'),
    );
    expect(next(mondays, '2026-11-17T00:00', 2)).toEqual(['2026-11-24T10:15', '2026-11-30T10:15']);
    expect(next(mondays, '2027-01-05T00:00', 1)).toEqual(['2027-01-12T10:15']);
  });

  it('moves Golden Week 2026 dates past the 振替休日 (5/6)', () => {
    const wednesdays = accepted(
      { freq: 'weekly', byWeekday: ['WE'], start: '2026-04-01', holidays: 'next_working_day' },
      new Date('2026-04-01T00:00:00+09:00'),
    );
    // 4/29 昭和の日 → 4/30; 5/6 こどもの日 振替休日 → 5/7.
    expect(days(next(wednesdays, '2026-04-22T00:00', 4))).toEqual(['2026-04-22', '2026-04-30', '2026-05-07', '2026-05-13']);
    const skipped = accepted(
      { freq: 'weekly', byWeekday: ['WE'], start: '2026-04-01', holidays: 'skip' },
      new Date('2026-04-01T00:00:00+09:00'),
    );
    expect(days(next(skipped, '2026-04-22T00:00', 3))).toEqual(['2026-04-22', '2026-05-13', '2026-05-20']);
  });

  it('moves a date in Golden Week 2027 (5/3–5/5) to Thursday 5/6, and the 2027 振替休日 3/22 to 3/23', () => {
    const on3rd = accepted({ freq: 'monthly', byMonthDay: [3], start: '2027-04-01', holidays: 'next_working_day' });
    expect(days(next(on3rd, '2027-04-04T00:00', 1))).toEqual(['2027-05-06']);
    const on22nd = accepted({ freq: 'monthly', byMonthDay: [22], start: '2027-03-01', holidays: 'next_working_day' });
    expect(days(next(on22nd, '2027-03-01T00:00', 1))).toEqual(['2027-03-23']);
  });

  it('moves past 国民の休日 in the 2026 silver week (9/21–9/23)', () => {
    const mondays = accepted(
      { freq: 'weekly', byWeekday: ['MO'], start: '2026-09-01', holidays: 'next_working_day' },
      new Date('2026-09-01T00:00:00+09:00'),
    );
    expect(days(next(mondays, '2026-09-15T00:00', 2))).toEqual(['2026-09-24', '2026-09-28']);
  });

  it('collapses a whole working week of Golden Week onto one day, sorted and without duplicates', () => {
    const weekdays = accepted(
      { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], start: '2026-04-27', holidays: 'next_working_day' },
      new Date('2026-04-01T00:00:00+09:00'),
    );
    // 5/4 みどりの日, 5/5 こどもの日 and 5/6 振替休日 all land on 5/7.
    expect(days(next(weekdays, '2026-04-27T00:00', 7))).toEqual([
      '2026-04-27',
      '2026-04-28',
      '2026-04-30',
      '2026-05-01',
      '2026-05-07',
      '2026-05-08',
      '2026-05-11',
    ]);
  });

  it('moves 元日 across the year-end closure and the weekend', () => {
    const newYear = accepted({ freq: 'yearly', byMonth: [1], byMonthDay: [1], start: '2026-12-01', holidays: 'next_working_day' });
    // 2027-01-01 Fri → Sat, Sun → Mon 1/4; 2028-01-01 Sat → Sun, Mon 1/3 (closed) → Tue 1/4;
    // 2031-01-01 Wed → 1/2, 1/3 closed, Sat, Sun → Mon 1/6.
    expect(days(next(newYear, '2026-12-01T00:00', 5))).toEqual(['2027-01-04', '2028-01-04', '2029-01-04', '2030-01-04', '2031-01-06']);
  });

  it('merges a moved date with a date the rule has anyway', () => {
    const friMon = accepted({ freq: 'weekly', byWeekday: ['MO', 'FR'], start: '2026-12-01', holidays: 'next_working_day' });
    // Friday 1/1 moves to Monday 1/4, which is a Monday of the rule.
    expect(days(next(friMon, '2026-12-28T00:00', 3))).toEqual(['2026-12-28', '2027-01-04', '2027-01-08']);
  });

  it('keeps order when a moved date passes a later one, even for the first result', () => {
    const friSat = accepted({ freq: 'weekly', byWeekday: ['FR', 'SA'], start: '2026-12-01', holidays: 'next_working_day' });
    // Friday 1/1 moves to Monday 1/4; Saturday 1/2 is not a holiday and stays.
    expect(days(next(friSat, '2026-12-31T12:00', 1))).toEqual(['2027-01-02']);
    expect(days(next(friSat, '2026-12-31T12:00', 3))).toEqual(['2027-01-02', '2027-01-04', '2027-01-08']);
  });

  it('moves only holidays: a Saturday, and 12/30 in the closure, stay where they are', () => {
    const on30th = accepted({ freq: 'monthly', byMonthDay: [30], start: '2026-12-01', holidays: 'next_working_day' });
    expect(days(next(on30th, '2026-12-01T00:00', 1))).toEqual(['2026-12-30']);
  });

  it('applies the policy to listed dates too', () => {
    const rule = accepted({ freq: 'dates', dates: ['2027-01-11', '2027-01-12', '2027-01-13'], holidays: 'next_working_day' });
    expect(days(next(rule, '2027-01-01T00:00', 5))).toEqual(['2027-01-12', '2027-01-13']);
  });

  it('counts a date that a holiday moved past `after` as still to come', () => {
    const mondays = accepted({ freq: 'weekly', byWeekday: ['MO'], start: '2026-12-01', holidays: 'next_working_day' });
    expect(next(mondays, '2027-01-11T12:00', 1)).toEqual(['2027-01-12T09:00']);
  });
});

describe('validateRecurrence', () => {
  const paths = (problems: Array<{ path: string }>) => problems.map((p) => p.path);

  it('refuses a 31st in a rule limited to February', () => {
    const problems = refused({ freq: 'monthly', byMonth: [2], byMonthDay: [31], start: '2026-12-01' });
    expect(problems).toEqual([{ path: 'byMonthDay', message: expect.stringContaining('配信日が1日もありません') }]);
  });

  it('refuses an impossible rule without searching to the year 9999', () => {
    // rrule stops at UNTIL only on a date it finds; without our own check each of these takes ~0.4 s.
    const started = performance.now();
    for (let i = 0; i < 10; i++)
      expect(paths(refused({ freq: 'monthly', byMonth: [2, 4, 6, 9, 11], byMonthDay: [31], start: '2026-12-01' }))).toEqual(['byMonthDay']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses February 29 every 2 years from a year that is never a leap year', () => {
    const problems = refused({ freq: 'yearly', interval: 2, byMonth: [2], byMonthDay: [29], start: '2027-01-01' });
    expect(paths(problems)).toEqual(['byMonthDay']);
    expect(accepted({ freq: 'yearly', interval: 2, byMonth: [2], byMonthDay: [29], start: '2028-01-01' }).interval).toBe(2);
  });

  it('refuses a 5th Monday in February of a non-leap-year-only window', () => {
    // February has a 5th Monday only when 2/1 is a Monday in a leap year (2044 next); until cuts it off.
    const problems = refused({
      freq: 'monthly',
      byMonth: [2],
      byNthWeekday: [{ n: 5, weekday: 'MO' }],
      start: '2026-12-01',
      until: '2030-12-31',
    });
    expect(problems).toEqual([{ path: 'until', message: '終了日までに配信日が1日もありません。' }]);
  });

  it('refuses an until before the start', () => {
    expect(refused({ freq: 'weekly', start: '2027-01-10', until: '2027-01-09' })).toEqual([
      { path: 'until', message: '終了日が開始日より前になっています。' },
    ]);
  });

  it('refuses count 0, count over 1000, a fractional count and count with until', () => {
    expect(refused({ freq: 'weekly', start: '2026-12-01', count: 0 })).toEqual([
      { path: 'count', message: '回数は1回以上にしてください。' },
    ]);
    expect(refused({ freq: 'weekly', start: '2026-12-01', count: 1001 })).toEqual([
      { path: 'count', message: '回数は1000回までにしてください。' },
    ]);
    expect(paths(refused({ freq: 'weekly', start: '2026-12-01', count: 2.5 }))).toEqual(['count']);
    expect(refused({ freq: 'weekly', start: '2026-12-01', count: 3, until: '2027-01-01' })).toEqual([
      { path: 'count', message: '終了日と回数はどちらか一方だけ指定してください。' },
    ]);
    expect(accepted({ freq: 'weekly', start: '2026-12-01', count: 1000 }).count).toBe(1000);
  });

  it('refuses listed dates that are all in the past, but not a list with one still to come', () => {
    expect(refused({ freq: 'dates', dates: ['2026-11-01', '2026-11-30'] })).toEqual([
      { path: 'dates', message: '指定日がすべて過去の日時です。' },
    ]);
    // Same day, earlier time than now: past as well.
    expect(paths(refused({ freq: 'dates', dates: ['2026-12-01'], time: '08:00' }, new Date('2026-12-01T08:30:00+09:00')))).toEqual([
      'dates',
    ]);
    expect(accepted({ freq: 'dates', dates: ['2026-11-01', '2026-12-02'] }).dates).toEqual(['2026-11-01', '2026-12-02']);
  });

  it('refuses a rule whose until or count has passed, and accepts a running one that started earlier', () => {
    expect(paths(refused({ freq: 'weekly', start: '2026-01-01', until: '2026-11-30' }))).toEqual(['until']);
    expect(refused({ freq: 'weekly', start: '2026-01-01', count: 5 })).toEqual([
      { path: 'count', message: '5回分の配信日がすべて過ぎています。' },
    ]);
    expect(accepted({ freq: 'weekly', start: '2026-01-01', until: '2026-12-31' }).start).toBe('2026-01-01');
  });

  it('refuses more than 366 listed dates', () => {
    const dates = Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    expect(refused({ freq: 'dates', dates })).toEqual([{ path: 'dates', message: '指定日は366日までです（367日指定されています）。' }]);
    expect(accepted({ freq: 'dates', dates: dates.slice(0, 366) }).dates).toHaveLength(366);
  });

  it('refuses sub-daily frequencies and explains how to send every day', () => {
    for (const freq of ['hourly', 'minutely', 'secondly', 'HOURLY'])
      expect(refused({ freq, start: '2026-12-01' })).toEqual([
        { path: 'freq', message: '1日に複数回の繰り返し配信は設定できません（1日1回までです）。' },
      ]);
    expect(refused({ freq: 'daily', start: '2026-12-01' })).toEqual([
      { path: 'freq', message: '毎日の配信は「毎週」ですべての曜日を選んでください。' },
    ]);
    expect(
      summarizeRecurrence(accepted({ freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], start: '2026-12-01' })),
    ).toBe('毎日 9:00');
  });

  it('refuses invalid times and dates, naming the field', () => {
    for (const time of ['25:00', '9:00', '09:60', '0900', 9])
      expect(refused({ freq: 'weekly', start: '2026-12-01', time })).toEqual([
        { path: 'time', message: '配信時刻は「09:00」のように HH:MM（00:00〜23:59）で入力してください。' },
      ]);
    expect(refused({ freq: 'weekly', start: '2027-02-29' })).toEqual([
      { path: 'start', message: '開始日は「2027-03-31」のように YYYY-MM-DD の正しい日付で入力してください。' },
    ]);
    expect(refused({ freq: 'weekly', start: '1999-12-31' })).toEqual([
      { path: 'start', message: '開始日は2000年から2099年までの日付にしてください。' },
    ]);
    expect(refused({ freq: 'dates', dates: ['2026-12-24', '2026-13-01'] })).toEqual([
      { path: 'dates.1', message: '指定日は「2027-03-31」のように YYYY-MM-DD の正しい日付で入力してください。' },
    ]);
  });

  it('reports every problem at once, with its path', () => {
    const problems = refused({
      freq: 'monthly',
      start: '2026-12-01',
      interval: 13,
      byWeekday: ['MO'],
      byMonthDay: [0, 15],
      byNthWeekday: [{ n: 6, weekday: 'XX' }],
      holidays: 'sometimes',
      colour: 'red',
    });
    expect(problems).toEqual([
      { path: 'colour', message: '「colour」は繰り返しの設定にない項目です。' },
      { path: 'holidays', message: '祝日の扱い（そのまま配信・配信しない・翌開庁日に移動）を選んでください。' },
    ]);
    const second = refused({
      freq: 'monthly',
      start: '2026-12-01',
      interval: 13,
      byWeekday: ['MO'],
      byMonthDay: [0, 15],
      byNthWeekday: [{ n: 6, weekday: 'XX' }],
    });
    expect(second).toEqual([
      { path: 'interval', message: '毎月の間隔は12か月までにしてください。' },
      { path: 'byMonthDay.0', message: '日にちは1〜31か末日（-1）で指定してください。' },
      { path: 'byNthWeekday.0.n', message: '第何週は1〜5か最終（-1）で指定してください。' },
      { path: 'byNthWeekday.0.weekday', message: '曜日が正しくありません。' },
      { path: 'byWeekday', message: '毎月の繰り返しでは曜日だけの指定はできません。「第何曜日」で指定してください。' },
    ]);
  });

  it('refuses fields that do not belong to the frequency', () => {
    expect(refused({ freq: 'weekly', start: '2026-12-01', byMonthDay: [1] })).toEqual([
      { path: 'byMonthDay', message: '毎週の繰り返しでは日にちは指定できません。' },
    ]);
    expect(refused({ freq: 'monthly', start: '2026-12-01', byMonthDay: [1], byNthWeekday: [{ n: 1, weekday: 'MO' }] })).toEqual([
      { path: 'byNthWeekday', message: '日にちと第何曜日は同時に指定できません。' },
    ]);
    expect(refused({ freq: 'dates', dates: ['2026-12-24'], count: 1 })).toEqual([
      { path: 'count', message: '指定日の配信では回数は指定できません。' },
    ]);
    expect(refused({ freq: 'dates', dates: [] })).toEqual([{ path: 'dates', message: '配信する日を1日以上指定してください。' }]);
    expect(refused({ freq: 'weekly' })).toEqual([{ path: 'start', message: '開始日を入力してください。' }]);
  });

  it('refuses skipping holidays on a rule that only ever falls on one', () => {
    expect(refused({ freq: 'yearly', byMonth: [1], byMonthDay: [1], start: '2026-12-01', holidays: 'skip' })).toEqual([
      { path: 'holidays', message: '祝日を除くと配信日が1日もありません。' },
    ]);
    expect(accepted({ freq: 'yearly', byMonth: [1], byMonthDay: [1], start: '2026-12-01', holidays: 'next_working_day' }).holidays).toBe(
      'next_working_day',
    );
  });

  it('refuses what is not an object', () => {
    for (const input of [null, 'FREQ=WEEKLY', [], 3])
      expect(validateRecurrence(input, NOW)).toEqual({
        ok: false,
        problems: [{ path: '', message: '繰り返しの設定の形式が正しくありません。' }],
      });
  });

  it('normalises: defaults from the start date, sorted lists without duplicates, null as not set', () => {
    expect(accepted({ freq: 'weekly', start: '2026-12-03', until: null, count: null })).toEqual({
      freq: 'weekly',
      interval: 1,
      byWeekday: ['TH'],
      time: '09:00',
      start: '2026-12-03',
      holidays: 'none',
    });
    expect(accepted({ freq: 'weekly', byWeekday: ['TH', 'MO', 'TH'], start: '2026-12-01' }).byWeekday).toEqual(['MO', 'TH']);
    expect(accepted({ freq: 'monthly', byMonthDay: [-1, 15, 1, 15], start: '2026-12-01' }).byMonthDay).toEqual([1, 15, -1]);
    expect(accepted({ freq: 'monthly', start: '2026-12-10' }).byMonthDay).toEqual([10]);
    expect(accepted({ freq: 'yearly', byNthWeekday: [{ n: 2, weekday: 'MO' }], start: '2027-01-01' }).byMonth).toEqual([1]);
  });
});

describe('RFC 5545 text', () => {
  it('writes DTSTART with TZID=Asia/Tokyo and the holiday policy as an X- line', () => {
    const rule = accepted({ freq: 'weekly', byWeekday: ['TH', 'MO'], start: '2026-12-01', holidays: 'next_working_day' });
    expect(toRRule(rule)).toBe('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH\nX-MACHI-HOLIDAYS:NEXT-WORKING-DAY');
  });

  it('writes UNTIL in UTC as the end of the until day in Japan', () => {
    const rule = accepted({ freq: 'monthly', byMonthDay: [-1], time: '18:00', start: '2026-12-01', until: '2027-03-31' });
    expect(toRRule(rule)).toBe('DTSTART;TZID=Asia/Tokyo:20261201T180000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270331T145959Z');
  });

  it('writes interval, WKST, nth weekdays, months, count and listed dates', () => {
    expect(toRRule(accepted({ freq: 'weekly', interval: 2, byWeekday: ['FR'], start: '2026-12-04', count: 10 }))).toBe(
      'DTSTART;TZID=Asia/Tokyo:20261204T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY=FR;COUNT=10',
    );
    expect(
      toRRule(accepted({ freq: 'yearly', byMonth: [1], byNthWeekday: [{ n: 3, weekday: 'MO' }], start: '2026-12-01', holidays: 'skip' })),
    ).toBe('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=3MO\nX-MACHI-HOLIDAYS:SKIP');
    expect(toRRule(accepted({ freq: 'dates', dates: ['2026-12-15', '2026-12-01'], time: '07:30' }))).toBe(
      'DTSTART;TZID=Asia/Tokyo:20261201T073000\nRDATE;TZID=Asia/Tokyo:20261201T073000,20261215T073000',
    );
  });

  it('reads its own text back to the same definition', () => {
    const rules = [
      accepted({ freq: 'weekly', byWeekday: ['MO', 'TH'], start: '2026-12-01', holidays: 'next_working_day' }),
      accepted({ freq: 'weekly', interval: 3, byWeekday: ['SU'], start: '2026-12-01', count: 12 }),
      accepted({ freq: 'monthly', byMonthDay: [1, 15, -1], start: '2026-12-01', until: '2027-03-31', time: '23:30' }),
      accepted({
        freq: 'monthly',
        interval: 3,
        byMonth: [1, 4, 7, 10],
        byNthWeekday: [
          { n: -1, weekday: 'FR' },
          { n: 1, weekday: 'MO' },
        ],
        start: '2027-01-01',
      }),
      accepted({ freq: 'yearly', byMonth: [2], byMonthDay: [29], start: '2026-12-01', holidays: 'skip' }),
      accepted({ freq: 'dates', dates: ['2026-12-01', '2027-01-11'], time: '00:05', holidays: 'next_working_day' }),
    ];
    for (const rule of rules) expect(fromRRule(toRRule(rule))).toEqual({ ok: true, rule });
  });

  it('agrees with rrule’s own parser on the dates of the text', () => {
    const rules = [
      accepted({ freq: 'weekly', interval: 2, byWeekday: ['MO', 'FR'], start: '2026-12-02' }),
      accepted({ freq: 'monthly', byNthWeekday: [{ n: 5, weekday: 'MO' }], start: '2026-12-01', count: 8 }),
      accepted({ freq: 'monthly', byMonthDay: [31, -1], start: '2026-12-01' }),
      accepted({ freq: 'yearly', byMonth: [2], byMonthDay: [29], start: '2026-12-01', time: '08:00' }),
    ];
    for (const rule of rules) {
      // As a floating DTSTART, rrule reads the JST wall clock into the UTC fields.
      const floating = toRRule(rule).replace(';TZID=Asia/Tokyo', '');
      const theirs = rrulePkg
        .rrulestr(floating)
        .all((_, i) => i < 8)
        .map((d) => d.toISOString().slice(0, 16));
      expect(wall(nextInstants(rule, new Date(`${rule.start}T00:00:00+09:00`), 8))).toEqual(theirs);
    }
  });

  it('reads other spellings where the definition can say them', () => {
    const utc = fromRRule('DTSTART:20261201T000000Z\r\nRRULE:FREQ=DAILY');
    expect(utc).toEqual({
      ok: true,
      rule: {
        freq: 'weekly',
        interval: 1,
        byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
        time: '09:00',
        start: '2026-12-01',
        holidays: 'none',
      },
    });
    // UNTIL at 09:00 JST on 3/31 ends an 18:00 rule on 3/30.
    const until = fromRRule('DTSTART;TZID=Asia/Tokyo:20261201T180000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270331T000000Z');
    expect(until.ok && until.rule.until).toBe('2027-03-30');
    // YEARLY with a month day and no month is every month.
    const monthly = fromRRule('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=YEARLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0');
    expect(monthly.ok && monthly.rule.freq).toBe('monthly');
    // DTSTART is itself an occurrence next to RDATE.
    const dates = fromRRule('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRDATE;VALUE=DATE:20261215');
    expect(dates.ok && dates.rule.dates).toEqual(['2026-12-01', '2026-12-15']);
  });

  it('reports what it cannot read', () => {
    const problem = (text: string) => {
      const check = fromRRule(text);
      return check.ok ? null : check.problems;
    };
    expect(problem('DTSTART;TZID=Europe/Paris:20261201T090000\nRRULE:FREQ=WEEKLY')).toEqual([
      { path: 'rrule', message: 'タイムゾーン Europe/Paris には対応していません（Asia/Tokyo のみ）。' },
    ]);
    expect(problem('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=HOURLY')).toEqual([
      { path: 'rrule', message: '1日に複数回の繰り返し配信は設定できません（1日1回までです）。' },
    ]);
    expect(problem('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=DAILY;BYHOUR=9,18')).toEqual([
      { path: 'rrule', message: '1日に複数回の繰り返し配信は設定できません（1日1回までです）。' },
    ]);
    expect(problem('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1')).toEqual([
      { path: 'rrule', message: '毎月・毎年の「毎週○曜日」には対応していません。「第何曜日」で指定してください。' },
    ]);
    expect(problem('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=MONTHLY;BYSETPOS=-1')).toEqual([
      { path: 'rrule', message: 'RRULE の BYSETPOS には対応していません。' },
    ]);
    expect(problem('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=WEEKLY\nEXDATE:20261208T090000')).toEqual([
      { path: 'rrule', message: 'EXDATE には対応していません。' },
    ]);
    expect(problem('RRULE:FREQ=WEEKLY')).toEqual([{ path: 'rrule', message: 'DTSTART（開始日時）がありません。' }]);
    // Read, then checked like staff input.
    expect(problem('DTSTART;TZID=Asia/Tokyo:20261201T090000\nRRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30')).toEqual([
      { path: 'byMonthDay', message: 'この組み合わせでは配信日が1日もありません（例: 2月の31日）。' },
    ]);
  });

  it('reads a finished stored rule unless now is given', () => {
    const text = toRRule(accepted({ freq: 'weekly', start: '2026-12-01', count: 2 }));
    expect(fromRRule(text).ok).toBe(true);
    expect(fromRRule(text, new Date('2027-01-01T00:00:00+09:00'))).toEqual({
      ok: false,
      problems: [{ path: 'count', message: '2回分の配信日がすべて過ぎています。' }],
    });
  });
});

describe('summarizeRecurrence', () => {
  const summary = (input: Record<string, unknown>) => summarizeRecurrence(accepted({ start: '2026-12-01', ...input }));

  it('describes weekly rules', () => {
    expect(summary({ freq: 'weekly', byWeekday: ['TH', 'MO'], holidays: 'next_working_day' })).toBe(
      '毎週 月・木曜日 9:00（祝日は翌開庁日に移動）',
    );
    expect(summary({ freq: 'weekly', interval: 2, byWeekday: ['FR'], time: '17:45' })).toBe('隔週 金曜日 17:45');
    expect(summary({ freq: 'weekly', interval: 3, byWeekday: ['SA'], holidays: 'skip' })).toBe('3週間ごと 土曜日 9:00（祝日を除く）');
  });

  it('describes monthly rules', () => {
    expect(summary({ freq: 'monthly', byNthWeekday: [{ n: 2, weekday: 'TU' }], time: '10:30' })).toBe('毎月 第2火曜日 10:30');
    expect(summary({ freq: 'monthly', byMonthDay: [-1], time: '18:00', until: '2027-03-31' })).toBe('毎月 末日 18:00、2027年3月31日まで');
    expect(summary({ freq: 'monthly', byMonthDay: [15, 1, -1] })).toBe('毎月 1日・15日・末日 9:00');
    expect(
      summary({
        freq: 'monthly',
        byNthWeekday: [
          { n: 3, weekday: 'TU' },
          { n: 1, weekday: 'TU' },
          { n: -1, weekday: 'FR' },
        ],
      }),
    ).toBe('毎月 第1・第3火曜日・最終金曜日 9:00');
    expect(summary({ freq: 'monthly', interval: 3, byMonthDay: [1], count: 4 })).toBe('3か月ごと 1日 9:00、全4回');
    expect(summary({ freq: 'monthly', byMonth: [8, 2], byMonthDay: [-1] })).toBe('毎月（2月・8月のみ） 末日 9:00');
  });

  it('describes yearly rules', () => {
    expect(summary({ freq: 'yearly', byMonth: [2], byMonthDay: [29] })).toBe('毎年 2月29日 9:00');
    expect(summary({ freq: 'yearly', byMonth: [1], byNthWeekday: [{ n: 2, weekday: 'MO' }], time: '08:00' })).toBe(
      '毎年 1月の第2月曜日 8:00',
    );
    expect(summary({ freq: 'yearly', byMonth: [4, 10], byMonthDay: [1], interval: 2 })).toBe('2年ごと 4月・10月の1日 9:00');
  });

  it('describes listed dates: a few in full, more as ほか', () => {
    expect(summary({ freq: 'dates', dates: ['2026-12-01', '2026-12-15', '2026-12-20', '2026-12-24', '2026-12-28'] })).toBe(
      '指定日（12月1日、12月15日 ほか3日）9:00',
    );
    expect(summary({ freq: 'dates', dates: ['2026-12-24'], holidays: 'skip' })).toBe('指定日（12月24日）9:00（祝日を除く）');
    expect(summary({ freq: 'dates', dates: ['2026-12-24', '2027-01-05'] })).toBe('指定日（2026年12月24日、2027年1月5日）9:00');
  });

  it('says the count', () => {
    expect(summary({ freq: 'weekly', byWeekday: ['WE'], count: 10 })).toBe('毎週 水曜日 9:00、全10回');
  });
});
