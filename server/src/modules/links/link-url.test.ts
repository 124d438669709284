import { describe, expect, it } from 'vitest';
import { normaliseLinkUrl } from './link-url.js';

describe('normaliseLinkUrl', () => {
  it('keeps an http(s) URL as the URL parser writes it', () => {
    expect(normaliseLinkUrl('https://www.city.example.jp/a?b=1#c')).toBe('https://www.city.example.jp/a?b=1#c');
    expect(normaliseLinkUrl(' HTTPS://WWW.City.Example.JP ')).toBe('https://www.city.example.jp/');
    expect(normaliseLinkUrl('http://例え.jp/パス')).toBe('http://xn--r8jz45g.jp/%E3%83%91%E3%82%B9');
    expect(normaliseLinkUrl('https://x.jp/a b"<>`')).toBe('https://x.jp/a%20b%22%3C%3E%60');
  });

  it.each([
    ['javascript:alert(1)', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['jAvAsCrIpT:alert(1)', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['\tjavascript:alert(1)', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['vbscript:msgbox', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['data:text/html,x', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['file:///etc/passwd', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['line://nv/chat', 'LINK_URL_SCHEME_NOT_ALLOWED'],
    ['https://user:pass@city.example.jp/', 'LINK_URL_HAS_CREDENTIALS'],
    ['//evil.example/', 'LINK_URL_INVALID'],
    ['/relative', 'LINK_URL_INVALID'],
    ['', 'LINK_URL_INVALID'],
    [`https://x.jp/${'あ'.repeat(300)}`, 'LINK_URL_TOO_LONG'],
  ])('refuses %j', (url, reason) => {
    expect(() => normaliseLinkUrl(url)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason }) }));
  });
});
