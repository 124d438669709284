import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, cellText, checkRow, readHeader, type ColumnKey, type RawCell } from './recurring-import.layout.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const HEADER = IMPORT_COLUMNS.map((c) => c.header);
const { columns } = readHeader(HEADER);

function row(values: Partial<Record<ColumnKey, RawCell>>, n = 2) {
  return checkRow({ row: n, cells: IMPORT_COLUMNS.map((c) => values[c.key] ?? null) }, columns, NOW);
}

const BASE = { title: '件名', segments: '東地区', text: '本文', time: '09:00', start: '2027-04-01' } as const;

describe('the recurring-delivery import layout', () => {
  it('reads every header of the template and nothing else', () => {
    expect(readHeader(HEADER).problems).toEqual({});
    expect(readHeader(['件名', '繰り返し']).problems).toMatchObject({
      'rows.1.segments': expect.any(String),
      'rows.1.time': expect.any(String),
    });
    expect(readHeader([...HEADER, '件名']).problems).toHaveProperty(['rows.1.title']);
  });

  it('reads hand-typed variants: full-width digits, 曜日 names, 2027/4/1 and 9:00', () => {
    const checked = row({ ...BASE, repeat: '毎週', weekdays: '月曜日・木曜', time: '９:００', start: '2027/4/1' });
    expect(checked.ok && checked.value.recurrence).toMatchObject({ byWeekday: ['MO', 'TH'], time: '09:00', start: '2027-04-01' });
  });

  it('names the row and column of each problem, in Japanese', () => {
    const checked = row({ ...BASE, title: '', repeat: '毎日', holidays: '休み' }, 7);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.problems).sort()).toEqual(['rows.7.holidays', 'rows.7.repeat', 'rows.7.title']);
    expect(checked.problems['rows.7.repeat']).toMatch(/^7行目「繰り返し」: /);
  });

  it('keeps formula-looking titles as written and never reads a body variable', () => {
    const formula = row({ ...BASE, repeat: '毎週', title: '=1+1' });
    expect(formula.ok && formula.value.title).toBe('=1+1');
    const variable = row({ ...BASE, repeat: '毎週', text: '{nickname}さんへ' });
    expect(variable.ok ? {} : variable.problems).toHaveProperty(['rows.2.text']);
  });

  it('reads Excel times from its day zero, so 25:00 is refused rather than read as 01:00', () => {
    expect(cellText(new Date(Date.UTC(1899, 11, 30, 9, 30)), 'time')).toBe('09:30');
    expect(cellText(new Date(Date.UTC(1899, 11, 31, 1, 0)), 'time')).toBe('25:00');
    expect(cellText(new Date(Date.UTC(2027, 3, 1)), 'start')).toBe('2027-04-01');
    expect(cellText(0.75, 'time')).toBe('18:00');
    expect(cellText(46478, 'start')).toBe('2027-04-01');
    const late = row({ ...BASE, repeat: '毎週', time: new Date(Date.UTC(1899, 11, 31, 1, 0)) });
    expect(late.ok ? {} : late.problems).toHaveProperty(['rows.2.time']);
  });
});
