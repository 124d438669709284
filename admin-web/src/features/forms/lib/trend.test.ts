import { describe, expect, it } from 'vitest';
import { averageRows, shareRows, stackedShares, type TrendBucket, type TrendQuestion } from './trend';

const periods: TrendBucket[] = [
  { key: 'FY2025-Q4', label: '2025年度 第4四半期', startsOn: '2026-01-01', endsOn: '2026-03-31', total: 2 },
  { key: 'FY2026-Q1', label: '2026年度 第1四半期', startsOn: '2026-04-01', endsOn: '2026-06-30', total: 0 },
];
const option = (optionId: string, count: number, percent: number) => ({
  optionId,
  label: optionId,
  count,
  percent,
});

describe('trend chart data', () => {
  it('plots a number question per period, leaving a gap (null, not 0) where nobody answered', () => {
    const question: TrendQuestion = {
      fieldId: 'recommend',
      label: '勧める度合い',
      type: 'number',
      points: [
        { periodKey: 'FY2025-Q4', answered: 2, average: 7.5, options: [] },
        { periodKey: 'FY2026-Q1', answered: 0, average: null, options: [] },
      ],
    };
    expect(averageRows(question, periods)).toEqual([
      { key: 'FY2025-Q4', label: '2025年度 第4四半期', answered: 2, average: 7.5 },
      { key: 'FY2026-Q1', label: '2026年度 第1四半期', answered: 0, average: null },
    ]);
  });

  it("stacks each option's share per period, in the options' order", () => {
    const question: TrendQuestion = {
      fieldId: 'overall',
      label: '総合満足度',
      type: 'singleChoice',
      points: [
        {
          periodKey: 'FY2025-Q4',
          answered: 2,
          average: null,
          options: [option('s5', 1, 50), option('s1', 1, 50)],
        },
        {
          periodKey: 'FY2026-Q1',
          answered: 0,
          average: null,
          options: [option('s5', 0, 0), option('s1', 0, 0)],
        },
      ],
    };
    const rows = shareRows(question, periods);
    expect(rows.map((r) => [r.key, r.answered, r.options.map((o) => o.count)])).toEqual([
      ['FY2025-Q4', 2, [1, 1]],
      ['FY2026-Q1', 0, [0, 0]],
    ]);
    expect(stackedShares(rows)).toEqual([
      { name: '2025年度 第4四半期', o0: 50, o1: 50 },
      { name: '2026年度 第1四半期', o0: 0, o1: 0 },
    ]);
  });
});
