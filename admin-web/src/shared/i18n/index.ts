import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'machi.admin.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'ja';
  } catch {
    return 'ja';
  }
}

export function persistLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or disabled storage: the choice just does not survive a reload.
  }
}

/** Starts i18next with the console's texts per language (the app assembles them from the features). */
export function initI18n(translations: Record<Language, object>): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources: { ja: { translation: translations.ja }, en: { translation: translations.en } },
    lng: storedLanguage(),
    fallbackLng: 'ja',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18n;
}

export { i18n };
