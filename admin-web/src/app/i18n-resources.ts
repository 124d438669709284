import { FEATURES } from '../features';
import type { Language } from '../shared/i18n';
import { en as sharedEn } from '../shared/i18n/en';
import { ja as sharedJa } from '../shared/i18n/ja';
import type { SharedTranslation } from '../shared/i18n/ja';

type Feature = (typeof FEATURES)[number];

/** Every text of the console: the shared ones, and each feature's under its key (`t('staff.title')`). */
export type ConsoleTranslation = SharedTranslation & { [F in Feature as F['key']]: F['i18n']['ja'] };

export function consoleTranslation(language: Language): ConsoleTranslation {
  const features = Object.fromEntries(FEATURES.map((feature) => [feature.key, feature.i18n[language]]));
  return { ...(language === 'ja' ? sharedJa : sharedEn), ...features } as ConsoleTranslation;
}
