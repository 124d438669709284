import { describe, expect, it } from 'vitest';
import { splitLinks } from './linkify';

describe('splitLinks', () => {
  it('finds http(s) URLs and leaves Japanese punctuation outside them', () => {
    expect(splitLinks('詳しくは https://city.example.jp/a?b=1 をご覧ください。')).toEqual([
      { kind: 'text', text: '詳しくは ' },
      { kind: 'link', href: 'https://city.example.jp/a?b=1', text: 'https://city.example.jp/a?b=1' },
      { kind: 'text', text: ' をご覧ください。' },
    ]);
    expect(splitLinks('（https://example.jp/x）。')).toEqual([
      { kind: 'text', text: '（' },
      { kind: 'link', href: 'https://example.jp/x', text: 'https://example.jp/x' },
      { kind: 'text', text: '）。' },
    ]);
    expect(splitLinks('see http://example.jp.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', href: 'http://example.jp', text: 'http://example.jp' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never makes a link of other schemes', () => {
    expect(splitLinks('javascript:alert(1) と data:text/html')).toEqual([{ kind: 'text', text: 'javascript:alert(1) と data:text/html' }]);
  });
});
