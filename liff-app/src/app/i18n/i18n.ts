import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { ja } from './locales/ja';
import {
  browserStorage,
  defaultLanguage,
  readStoredLanguage,
  resolveLanguage,
  storeLanguage,
  supportedLanguages,
  type Language,
} from './language';

export const resources = {
  ja: { translation: ja },
  en: { translation: en },
} as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: resolveLanguage({ stored: readStoredLanguage(browserStorage()) }),
  fallbackLng: defaultLanguage,
  supportedLngs: [...supportedLanguages],
  initAsync: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

function applyDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** A choice made with the language switcher: remembered on this device. */
export function chooseLanguage(language: Language): void {
  storeLanguage(browserStorage(), language);
  void i18n.changeLanguage(language);
}

/** After sign-in: follow the resident's language unless they chose one on this device. */
export function applyResidentLanguage(residentLanguage: string): void {
  const language = resolveLanguage({
    stored: readStoredLanguage(browserStorage()),
    residentLanguage,
  });
  if (language !== i18n.language) void i18n.changeLanguage(language);
}
