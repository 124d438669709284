import { describe, expect, it } from 'vitest';
import { countCsvRows, csvRowErrors } from './csv-errors';

describe('csvRowErrors', () => {
  it('reads the row and column of each problem, in row order, without the repeated prefix', () => {
    expect(
      csvRowErrors({
        'row8.row': '8行目: 列の数が2です。',
        'row4.key': '4行目「キー」列: キー「east-1」は3行目にもあります。',
        other: '無関係',
      }),
    ).toEqual([
      { line: 4, column: 'key', message: 'キー「east-1」は3行目にもあります。' },
      { line: 8, column: 'row', message: '列の数が2です。' },
    ]);
  });

  it('counts rows with content', () => {
    expect(countCsvRows('a,b,c\r\n\r\n,x,y\n')).toBe(2);
  });
});
