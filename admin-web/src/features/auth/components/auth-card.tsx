import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../app/layout/language-switch';

/** The centred card of the pages shown outside the app shell (login, forced steps). */
export function AuthCard({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <main className="full-page-center">
      <Card
        className={wide ? 'auth-card auth-card-wide' : 'auth-card'}
        title={
          <span className="auth-card-title">
            <span className="brand-mark" aria-hidden="true">
              M
            </span>
            {t('app.name')}
          </span>
        }
        extra={<LanguageSwitch />}
      >
        {children}
      </Card>
    </main>
  );
}
