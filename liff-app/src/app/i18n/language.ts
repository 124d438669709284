export const supportedLanguages = ['ja', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = 'ja';

const storageKey = 'machi-line.liff.language';

/** Maps a BCP 47 tag such as `en-US` or `ja-JP` to a language we have text for, or null. */
export function toSupportedLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return supportedLanguages.find((language) => language === primary) ?? null;
}

/** Storage can be missing or throw (private browsing, disabled cookies): then nothing is stored. */
export type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readStoredLanguage(storage: LanguageStorage | null): Language | null {
  try {
    return toSupportedLanguage(storage?.getItem(storageKey));
  } catch {
    return null;
  }
}

export function storeLanguage(storage: LanguageStorage | null, language: Language): void {
  try {
    storage?.setItem(storageKey, language);
  } catch {
    // Not persisting the choice only means it is asked again next time.
  }
}

/**
 * The resident's explicit choice on this device wins; otherwise the language the platform knows
 * for the resident (from LINE); otherwise Japanese.
 */
export function resolveLanguage(input: { stored: Language | null; residentLanguage?: string | null }): Language {
  return input.stored ?? toSupportedLanguage(input.residentLanguage) ?? defaultLanguage;
}

export function browserStorage(): LanguageStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
