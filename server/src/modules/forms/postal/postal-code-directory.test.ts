import { describe, expect, it } from 'vitest';
import { PostalCodeDirectory } from './index.js';

const directory = new PostalCodeDirectory();

describe('PostalCodeDirectory', () => {
  it('finds the address of a real code', () => {
    expect(directory.lookup('100-0001')).toEqual([{ postalCode: '100-0001', prefecture: '東京都', city: '千代田区', town: '千代田' }]);
    expect(directory.lookup('0600042')).toEqual([{ postalCode: '060-0042', prefecture: '北海道', city: '札幌市中央区', town: '大通西' }]);
    expect(directory.lookup('907-1801')).toEqual([
      { postalCode: '907-1801', prefecture: '沖縄県', city: '八重山郡与那国町', town: '与那国' },
    ]);
  });

  it('accepts 全角 digits, 全角 hyphens and a 〒 mark', () => {
    expect(directory.lookup('１５０－０００２')).toEqual([{ postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', town: '渋谷' }]);
    expect(directory.lookup('〒453-0002')[0]).toMatchObject({ city: '名古屋市中村区', town: '名駅' });
  });

  it('returns every town that shares a code', () => {
    expect(directory.lookup('260-0822').map((a) => a.town)).toEqual(['蘇我', '蘇我町']);
  });

  it('returns the city with an empty town where Japan Post lists none', () => {
    expect(directory.lookup('100-0000')).toEqual([{ postalCode: '100-0000', prefecture: '東京都', city: '千代田区', town: '' }]);
  });

  it('finds large-office codes', () => {
    expect(directory.lookup('100-6090')[0]).toMatchObject({ city: '千代田区', town: '霞が関霞が関ビル' });
  });

  it('returns nothing for unknown or malformed codes', () => {
    for (const code of ['000-0000', '999-9999', '100-000', '1000001x', '', 'abc-defg', '10000011'])
      expect(directory.lookup(code)).toEqual([]);
  });
});
