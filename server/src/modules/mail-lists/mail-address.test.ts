import { describe, expect, it } from 'vitest';
import { maskAddress, normaliseAddress } from './mail-address.js';

describe('mail list addresses', () => {
  it('normalises what residents type on a phone to one form, and refuses anything but one address', () => {
    expect(normaliseAddress('  Taro.Yamada@Example.JP ')).toBe('taro.yamada@example.jp');
    expect(normaliseAddress('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toBe('taro@example.jp');
    for (const bad of ['taro', 'taro@example.jp, jiro@example.jp', '"T" <taro@example.jp>', 'taro@example.jp\r\nBcc: x@example.jp', ''])
      expect(normaliseAddress(bad), bad).toBeNull();
  });

  it('masks all but the first characters and the top-level domain', () => {
    expect(maskAddress('taro.yamada@example.jp')).toBe('t***@e***.jp');
    expect(maskAddress('hanako@mail.city.example.lg.jp')).toBe('h***@m***.jp');
    expect(maskAddress('taro.yamada@example.jp')).not.toContain('yamada');
  });
});
