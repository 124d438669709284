import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../shared/i18n';
import { applyLanguage } from '../../shared/i18n/language';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = isLanguage(i18n.language) ? i18n.language : 'ja';
  return (
    <Select
      className="language-switch"
      aria-label={t('app.language')}
      value={value}
      onChange={(next) => {
        applyLanguage(next, { persist: true });
      }}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`app.languages.${language}`) }))}
      popupMatchSelectWidth={false}
    />
  );
}
