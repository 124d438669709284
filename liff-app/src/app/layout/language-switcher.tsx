import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronRightIcon, GlobeIcon } from '../../shared/ui/icons';
import { supportedLanguages, toSupportedLanguage, type Language } from '../i18n/language';
import styles from './language-switcher.module.css';

/**
 * A native select: compact in the header at 360px and opens the phone's own picker. Each
 * language is written in itself so anyone can find theirs.
 */
export function LanguageSwitcher({ value, onChange }: { value: Language; onChange: (language: Language) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={styles.switcher}>
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <GlobeIcon className={styles.globe} width={20} height={20} />
      <select
        id={id}
        className={styles.select}
        value={value}
        onChange={(event) => {
          const language = toSupportedLanguage(event.target.value);
          if (language) onChange(language);
        }}
      >
        {supportedLanguages.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
      <ChevronRightIcon className={styles.chevron} width={16} height={16} />
    </div>
  );
}
