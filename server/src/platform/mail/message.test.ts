import { describe, expect, it } from 'vitest';
import { bodyText, headerText, isListUnsubscribeUrl, isMailAddress } from './message.js';

describe('mail message checks', () => {
  it('accepts one plain address and nothing else', () => {
    for (const ok of ['taro@example.jp', 'taro.yamada+news@mail.city.example.lg.jp', "o'brien@example.com"])
      expect(isMailAddress(ok)).toBe(true);
    for (const bad of [
      'taro@example.jp, jiro@example.jp',
      'taro@example.jp\r\nBcc: x@example.jp',
      '"Taro" <taro@example.jp>',
      'たろう@example.jp',
      'taro@localhost',
      'taro..yamada@example.jp',
      '.taro@example.jp',
      'taro.@example.jp',
      'taro@-example.jp',
      `${'a'.repeat(65)}@example.jp`,
      '',
    ]) {
      expect(isMailAddress(bad), bad).toBe(false);
    }
  });

  it('flattens header text to one line and bounds it', () => {
    expect(headerText('件名\r\nBcc: x@example.jp\u0000')).toBe('件名 Bcc: x@example.jp');
    expect(headerText('a\u2028b')).toBe('a b');
    expect([...headerText('あ'.repeat(500), 150)]).toHaveLength(150);
  });

  it('takes one http(s) URL for List-Unsubscribe, never one that could end the header or add another', () => {
    expect(isListUnsubscribeUrl('https://city.example.jp/mail-lists/unsubscribe?token=0123abcd')).toBe(true);
    for (const bad of [
      'https://city.example.jp/u?token=1\r\nBcc: x@example.jp',
      'https://city.example.jp/u>, <mailto:x@example.jp',
      'mailto:stop@example.jp',
      'javascript:alert(1)',
      'https://city.example.jp/ space',
      `https://city.example.jp/${'a'.repeat(500)}`,
      '',
    ])
      expect(isListUnsubscribeUrl(bad), bad).toBe(false);
  });

  it('keeps line breaks in the body and drops other control characters', () => {
    expect(bodyText('一行目\r\n二行目\r三行目\u0000\u0007\tタブ')).toBe('一行目\n二行目\n三行目\tタブ');
  });
});
