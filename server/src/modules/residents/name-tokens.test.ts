import { describe, expect, it } from 'vitest';
import { nameTokens, normaliseName, queryTokens } from './name-tokens.js';

describe('name tokens for searching encrypted names', () => {
  it('normalises width, case, katakana and spaces', () => {
    expect(normaliseName('ヤマダ　ﾊﾅｺ Ｔａｒｏ')).toBe('やまだはなこtaro');
  });

  it('finds a name by any substring of it', () => {
    const tokens = new Set(nameTokens('山田 花子'));
    for (const query of ['山', '山田', '田花', '花子', '山田花子']) {
      expect(queryTokens(query).every((t) => tokens.has(t))).toBe(true);
    }
    expect(queryTokens('田中').every((t) => tokens.has(t))).toBe(false);
  });

  it('matches katakana queries against hiragana names and the reverse', () => {
    const tokens = new Set(nameTokens('やまだ'));
    expect(queryTokens('ヤマ').every((t) => tokens.has(t))).toBe(true);
  });
});
