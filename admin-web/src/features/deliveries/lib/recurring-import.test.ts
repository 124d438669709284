import { describe, expect, it } from 'vitest';
import { fileSize, formatOf, importProblems, looksGarbled } from './recurring-import';

describe('the bulk import’s file', () => {
  it('tells CSV from Excel by the name, then the type, and refuses anything else', () => {
    expect(formatOf({ name: 'ごみ収集.CSV' })).toBe('CSV');
    expect(formatOf({ name: 'patterns.xlsx' })).toBe('XLSX');
    expect(formatOf({ name: 'export', type: 'text/csv' })).toBe('CSV');
    expect(formatOf({ name: 'old.xls', type: 'application/vnd.ms-excel' })).toBeNull();
  });

  it('sizes a file and notices a CSV that was not UTF-8', () => {
    expect(fileSize(900)).toBe('900 B');
    expect(fileSize(12_600)).toBe('12.3 KB');
    expect(fileSize(1_572_864)).toBe('1.5 MB');
    expect(looksGarbled('件名,時刻')).toBe(false);
    expect(looksGarbled('\uFFFD\uFFFD,\uFFFD')).toBe(true);
  });
});

describe('importProblems', () => {
  it('lays the server’s problems out by row and column, the file’s first, in the spreadsheet’s order', () => {
    const problems = importProblems({
      'rows.12.time': '12行目「時刻」: 時刻は「09:00」のように入力してください。',
      'rows.3.segments': '3行目「配信先セグメント」: 「東地区」は、使えるセグメントに見つかりません。',
      'rows.3.title': '3行目「件名」: 件名を入力してください。',
      'rows.1.17': '1行目（見出し）17列目の「備考」は使えない見出しです。',
      file: 'ファイルが大きすぎます。',
    });
    expect(problems).toEqual([
      { row: null, column: null, message: 'ファイルが大きすぎます。' },
      { row: 1, column: { number: 17 }, message: '1行目（見出し）17列目の「備考」は使えない見出しです。' },
      { row: 3, column: { header: '件名' }, message: '件名を入力してください。' },
      { row: 3, column: { header: '配信先セグメント' }, message: '「東地区」は、使えるセグメントに見つかりません。' },
      { row: 12, column: { header: '時刻' }, message: '時刻は「09:00」のように入力してください。' },
    ]);
  });
});
