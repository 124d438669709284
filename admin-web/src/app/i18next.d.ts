import 'i18next';
import type { ConsoleTranslation } from './i18n-resources';

// Keys are checked at compile time: `t('staff.title')` compiles only if features/staff/i18n/ja.ts has it.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: ConsoleTranslation };
  }
}
