import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatBubbleIcon } from '../../shared/ui/icons';
import { chooseLanguage } from '../i18n/i18n';
import { toSupportedLanguage, defaultLanguage } from '../i18n/language';
import styles from './app-layout.module.css';
import { LanguageSwitcher } from './language-switcher';

export function AppHeader() {
  const { t, i18n } = useTranslation();
  const language = toSupportedLanguage(i18n.language) ?? defaultLanguage;
  return (
    <header className={styles.header}>
      <div className={styles.headerInner}>
        <p className={styles.serviceName}>
          <span className={styles.serviceMark}>
            <ChatBubbleIcon width={18} height={18} />
          </span>
          {t('app.serviceName')}
        </p>
        <LanguageSwitcher value={language} onChange={chooseLanguage} />
      </div>
    </header>
  );
}

export function AppFooter() {
  const { t } = useTranslation();
  return (
    <footer className={styles.footer}>
      <div className={styles.footerInner}>
        <h2 className={styles.footerTitle}>{t('footer.privacyTitle')}</h2>
        <p>{t('footer.privacyNote')}</p>
      </div>
    </footer>
  );
}

/** Header, main and footer: the same frame for every page and every session state. */
export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.shell}>
      <AppHeader />
      <main className={styles.main} id="main">
        {children}
      </main>
      <AppFooter />
    </div>
  );
}
