import { describe, expect, it } from 'vitest';
import { readStoredLanguage, resolveLanguage, storeLanguage, toSupportedLanguage } from './language';
import { en } from './locales/en';
import { ja } from './locales/ja';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => {
      values.set(key, value);
    },
  };
}

describe('language', () => {
  it('maps LINE language tags to the languages we have text for', () => {
    expect(toSupportedLanguage('ja')).toBe('ja');
    expect(toSupportedLanguage('en-US')).toBe('en');
    expect(toSupportedLanguage('EN_gb')).toBe('en');
    expect(toSupportedLanguage('zh-TW')).toBeNull();
    expect(toSupportedLanguage(null)).toBeNull();
  });

  it('prefers the choice stored on this device, then the resident language, then Japanese', () => {
    expect(resolveLanguage({ stored: 'ja', residentLanguage: 'en' })).toBe('ja');
    expect(resolveLanguage({ stored: null, residentLanguage: 'en-US' })).toBe('en');
    expect(resolveLanguage({ stored: null, residentLanguage: 'ko' })).toBe('ja');
    expect(resolveLanguage({ stored: null })).toBe('ja');
  });

  it('remembers a choice and survives storage that is missing or throws', () => {
    const storage = memoryStorage();
    expect(readStoredLanguage(storage)).toBeNull();
    storeLanguage(storage, 'en');
    expect(readStoredLanguage(storage)).toBe('en');

    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readStoredLanguage(broken)).toBeNull();
    expect(() => {
      storeLanguage(broken, 'ja');
    }).not.toThrow();
    expect(readStoredLanguage(null)).toBeNull();
  });
});

function keyPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keyPaths(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('locales', () => {
  it('has an English text for every Japanese one and no more', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(ja).sort());
  });

  it('uses the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const lookup = (messages: object, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages);
    for (const path of keyPaths(ja)) {
      expect(variables(String(lookup(en, path))), path).toEqual(variables(String(lookup(ja, path))));
    }
  });
});
