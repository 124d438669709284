import { describe, expect, it } from 'vitest';
import type { FormField } from './index.js';
import { normalizeText, summarizeAnswer } from './index.js';

const base = { id: 'f', label: '質問' } as const;

describe('summarizeAnswer', () => {
  it('writes every answer as Japanese text', () => {
    const options = [
      { id: 'a', label: '北地区' },
      { id: 'b', label: '南地区' },
    ];
    expect(summarizeAnswer({ ...base, type: 'singleChoice', display: 'radio', options }, 'b')).toBe('南地区');
    expect(summarizeAnswer({ ...base, type: 'multipleChoice', options }, ['a', 'b'])).toBe('北地区、南地区');
    expect(summarizeAnswer({ ...base, type: 'singleChoice', display: 'radio', options }, 'retired')).toBe('retired');
    expect(summarizeAnswer({ ...base, type: 'yesNo' }, true)).toBe('はい');
    expect(summarizeAnswer({ ...base, type: 'yesNo' }, false)).toBe('いいえ');
    expect(summarizeAnswer({ ...base, type: 'consent', text: '同意します' }, true)).toBe('同意する');
    expect(summarizeAnswer({ ...base, type: 'date' }, '2026-12-02')).toBe('2026年12月2日');
    expect(summarizeAnswer({ ...base, type: 'dateList' }, ['2020-04-01', '2022-08-15'])).toBe('2020年4月1日、2022年8月15日');
    expect(summarizeAnswer({ ...base, type: 'file', accept: 'image' }, ['x', 'y'])).toBe('ファイル 2 件');
    expect(summarizeAnswer({ ...base, type: 'number', unit: '人' }, 3)).toBe('3人');
    expect(summarizeAnswer({ ...base, type: 'text' }, '山田')).toBe('山田');
    expect(summarizeAnswer({ ...base, type: 'time' }, '09:30')).toBe('09:30');
  });

  it('marks unanswered questions and says nothing for display fields', () => {
    const field: FormField = { ...base, type: 'text' };
    for (const empty of [undefined, null, '', []] as const) expect(summarizeAnswer(field, empty)).toBe('未回答');
    expect(summarizeAnswer({ ...base, type: 'heading' }, undefined)).toBe('');
  });
});

describe('normalizeText', () => {
  it('trims and unifies line breaks but keeps what was typed', () => {
    expect(normalizeText('\u3000 ＡＢＣ　ｱｲｳ\r\n二行目\r三行目 \n')).toBe('ＡＢＣ　ｱｲｳ\n二行目\n三行目');
  });
});
