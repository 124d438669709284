import { describe, expect, it } from 'vitest';
import { checkReceiptFormat, DEFAULT_RECEIPT_FORMAT, formatReceiptNumber } from './index.js';

// 2026-12-31 16:30 UTC is already 2027-01-01 01:30 in Japan.
const newYearInJapan = new Date('2026-12-31T16:30:00Z');

describe('formatReceiptNumber', () => {
  it('fills date tokens on the Japanese calendar and pads the sequence', () => {
    expect(formatReceiptNumber('{YYYY}{MM}{DD}-{SEQ:4}', { date: newYearInJapan, sequence: 42 })).toBe('20270101-0042');
    expect(formatReceiptNumber('R{YY}-{SEQ:6}', { date: newYearInJapan, sequence: 7 })).toBe('R27-000007');
    expect(formatReceiptNumber('受付{SEQ}号', { date: newYearInJapan, sequence: 1234 })).toBe('受付1234号');
  });

  it('honours another time zone', () => {
    expect(formatReceiptNumber('{YYYY}-{MM}-{DD}/{SEQ}', { date: newYearInJapan, sequence: 1, timeZone: 'UTC' })).toBe('2026-12-31/1');
  });

  it('never cuts a sequence longer than its padding', () => {
    expect(formatReceiptNumber('{SEQ:3}', { date: newYearInJapan, sequence: 123456 })).toBe('123456');
    expect(formatReceiptNumber(DEFAULT_RECEIPT_FORMAT, { date: newYearInJapan, sequence: 5 })).toBe('20270101-0005');
  });

  it('refuses a sequence that is not a non-negative integer', () => {
    expect(() => formatReceiptNumber('{SEQ}', { date: newYearInJapan, sequence: -1 })).toThrow(RangeError);
    expect(() => formatReceiptNumber('{SEQ}', { date: newYearInJapan, sequence: 1.5 })).toThrow(RangeError);
  });
});

describe('checkReceiptFormat', () => {
  it('accepts formats with one sequence', () => {
    for (const f of [DEFAULT_RECEIPT_FORMAT, '{SEQ}', 'A-{YY}{MM}-{SEQ:6}', '粗大{YYYY}-{SEQ:5}']) expect(checkReceiptFormat(f)).toBeNull();
  });

  it('explains what is wrong in Japanese', () => {
    expect(checkReceiptFormat('')).toBe('受付番号の形式を入力してください');
    expect(checkReceiptFormat('{YYYY}{MM}{DD}')).toBe('受付番号の形式には連番 {SEQ} または {SEQ:桁数} を含めてください');
    expect(checkReceiptFormat('{SEQ}-{SEQ:3}')).toBe('連番 {SEQ} は1つだけ含めてください');
    expect(checkReceiptFormat('{HH}-{SEQ}')).toBe('{HH} は使えません。使えるのは {YYYY} {YY} {MM} {DD} {SEQ} {SEQ:桁数} です');
    expect(checkReceiptFormat('{SEQ:0}')).toBe('{SEQ:n} の桁数は1から10で指定してください');
    expect(checkReceiptFormat('{SEQ:11}')).toBe('{SEQ:n} の桁数は1から10で指定してください');
    expect(checkReceiptFormat('{SEQ:abc}')).toBe('{SEQ:abc} は使えません。使えるのは {YYYY} {YY} {MM} {DD} {SEQ} {SEQ:桁数} です');
    expect(checkReceiptFormat('A {SEQ}')).toBe('受付番号の形式に空白や改行は使えません');
    expect(checkReceiptFormat('{SEQ}}')).toBe('波かっこ { } は {YYYY} などの記号にだけ使えます');
    expect(checkReceiptFormat(`${'A'.repeat(50)}{SEQ}`)).toBe('受付番号の形式は50文字以内で入力してください');
  });
});
