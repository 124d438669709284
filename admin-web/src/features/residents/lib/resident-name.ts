import type { TFunction } from 'i18next';

/** How a row or page names a resident: the LINE display name when the viewer may see it. */
export function residentLabel(resident: { id: string; displayName?: string | null }, t: TFunction): string {
  if (resident.displayName) return resident.displayName;
  return `${t('residents.anonymous')} #${resident.id.slice(-6)}`;
}

/** The language's name in the console's language (ja → 日本語 / Japanese); the code when unknown. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
