import { describe, expect, it } from 'vitest';
import { appPath, documentType, fileSize, formatDateTime, splitLinks } from './format';

describe('public comment formatting', () => {
  it("shows times on the city's clock", () => {
    expect(formatDateTime('2026-12-25T08:00:00.000Z')).toBe('2026年12月25日 17:00');
  });

  it('names documents by type and size', () => {
    expect(documentType('application/pdf')).toBe('PDF');
    expect(documentType('image/png')).toBe('PNG');
    expect(fileSize(1_300_000)).toBe('1.2MB');
    expect(fileSize(2048)).toBe('2KB');
  });

  it('turns the server’s /liff/ paths into routes of this app', () => {
    expect(appPath('/liff/forms/abc', '/liff/')).toBe('/forms/abc');
    expect(appPath('/forms/abc', '/')).toBe('/forms/abc');
  });

  it('links addresses in staff’s text and nothing else', () => {
    expect(splitLinks('詳しくは https://city.example.jp/plan をご覧ください。')).toEqual([
      { kind: 'text', text: '詳しくは ' },
      { kind: 'link', href: 'https://city.example.jp/plan' },
      { kind: 'text', text: ' をご覧ください。' },
    ]);
    expect(splitLinks('<script>javascript:alert(1)</script>')).toEqual([{ kind: 'text', text: '<script>javascript:alert(1)</script>' }]);
  });
});
