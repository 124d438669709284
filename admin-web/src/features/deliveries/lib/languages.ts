/**
 * The languages a delivery may carry a variant for, in the order the editor offers them: the
 * server's list (deliveries/delivery.service.ts VARIANT_LANGUAGES). Japanese is always there; a
 * resident whose language has no variant receives the Japanese one.
 */
export const VARIANT_LANGUAGES = ['ja', 'ja-easy', 'en', 'zh', 'ko', 'vi', 'pt', 'tl', 'ne'] as const;
export type VariantLanguage = (typeof VARIANT_LANGUAGES)[number];

export function isVariantLanguage(value: unknown): value is VariantLanguage {
  return typeof value === 'string' && (VARIANT_LANGUAGES as readonly string[]).includes(value);
}

/** The BCP 47 tag of a variant's text, for `lang` on what shows it (やさしい日本語 is Japanese). */
export function htmlLang(language: VariantLanguage): string {
  return language === 'ja-easy' ? 'ja' : language;
}
