import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { languageName, residentLabel } from './resident-name';

const t = ((key: string) => (key === 'residents.anonymous' ? '住民' : key)) as unknown as TFunction;

describe('residentLabel', () => {
  it('uses the display name when present', () => {
    expect(residentLabel({ id: 'abcdef123456', displayName: '山田 太郎' }, t)).toBe('山田 太郎');
  });

  it('falls back to a short id without personal data', () => {
    expect(residentLabel({ id: 'abcdef123456' }, t)).toBe('住民 #123456');
  });
});

describe('languageName', () => {
  it('names the language in the UI language', () => {
    expect(languageName('ja', 'ja')).toBe('日本語');
    expect(languageName('en', 'en')).toBe('English');
  });

  it('keeps an unknown or malformed code', () => {
    expect(languageName('??', 'ja')).toBe('??');
  });
});
