import dayjs from 'dayjs';
import 'dayjs/locale/ja';
import { i18n, persistLanguage } from './index';
import type { Language } from './index';

/** Switches everything that follows the language: texts, dates, the document's lang attribute. */
export function applyLanguage(language: Language, options: { persist?: boolean } = {}): void {
  dayjs.locale(language);
  document.documentElement.lang = language;
  if (options.persist) persistLanguage(language);
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.title = i18n.t('app.name');
}
