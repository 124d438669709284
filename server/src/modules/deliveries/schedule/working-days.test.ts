import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_DATA_YEARS, holidayName, isPublicHoliday, isWorkingDay, isYearEndClosure, nextWorkingDay } from './working-days.js';

describe('national holidays', () => {
  it('knows 祝日, 振替休日 and 国民の休日', () => {
    expect(holidayName('2027-01-11')).toBe('成人の日');
    expect(holidayName('2026-11-23')).toBe('勤労感謝の日');
    expect(holidayName('2026-05-06')).toBe('こどもの日 振替休日');
    expect(holidayName('2027-03-22')).toBe('春分の日 振替休日');
    expect(holidayName('2026-09-22')).toBe('休日');
    expect(isPublicHoliday('2026-12-01')).toBe(false);
    expect(isPublicHoliday('2027-05-06')).toBe(false);
  });

  it('covers the years deliveries are planned for', () => {
    expect(HOLIDAY_DATA_YEARS.first).toBeLessThanOrEqual(2000);
    expect(HOLIDAY_DATA_YEARS.last).toBeGreaterThanOrEqual(2050);
  });
});

describe('開庁日', () => {
  it('excludes weekends, holidays and 12/29–1/3', () => {
    expect(isWorkingDay('2026-12-28')).toBe(true); // Monday
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-27')).toBe(false); // Sunday
    expect(isWorkingDay('2027-01-11')).toBe(false); // 成人の日
    for (const d of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(isYearEndClosure(d)).toBe(true);
      expect(isWorkingDay(d)).toBe(false);
    }
    expect(isYearEndClosure('2026-12-28')).toBe(false);
    expect(isYearEndClosure('2027-01-04')).toBe(false);
  });

  it('finds the next one across the closure and a weekend', () => {
    expect(nextWorkingDay('2026-12-28')).toBe('2027-01-04');
    expect(nextWorkingDay('2025-12-31')).toBe('2026-01-05');
    expect(nextWorkingDay('2026-05-01')).toBe('2026-05-07');
    expect(nextWorkingDay('2026-12-01')).toBe('2026-12-02');
  });
});

// The dataset snapshot the project keeps (../shared/data/holidays-jp) is the same holiday_jp data;
// when it is present, the package we ship must agree with it date for date.
const shared = fileURLToPath(new URL('../../../../../../shared/data/holidays-jp/holidays.yml', import.meta.url));
const hasShared = existsSync(shared);
if (!hasShared) console.warn(`holiday cross-check skipped: ${shared} is not present`);

describe('against the shared holiday dataset', () => {
  it.skipIf(!hasShared)('lists the same holidays for 2020–2050', () => {
    const fromFile = readFileSync(shared, 'utf8')
      .split('\n')
      .map((line) => /^(\d{4}-\d{2}-\d{2}): (.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && m[1]! >= '2020-01-01')
      .map((m) => [m[1], m[2]?.trim()]);
    expect(fromFile.length).toBeGreaterThan(500);
    for (const [date, name] of fromFile) expect(holidayName(date as string), date).toBe(name);
    let count = 0;
    for (let day = Date.UTC(2020, 0, 1); day < Date.UTC(2051, 0, 1); day += 86_400_000)
      if (isPublicHoliday(new Date(day).toISOString().slice(0, 10))) count++;
    expect(count).toBe(fromFile.length);
  });
});
