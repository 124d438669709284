import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';

export function FullPageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="full-page-center">
      <Card className="auth-card" title={<h1 className="auth-card-title">{t('app.name')}</h1>}>
        <ErrorAlert error={error} onRetry={onRetry} />
      </Card>
    </main>
  );
}
