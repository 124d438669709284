import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../shared/lib/use-document-title';
import { ButtonLink } from '../shared/ui/button';
import { AlertIcon } from '../shared/ui/icons';
import { StatusPanel } from '../shared/ui/status-panel';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <StatusPanel
      tone="info"
      title={t('notFound.title')}
      icon={<AlertIcon />}
      actions={
        <ButtonLink to="/" variant="primary" block>
          {t('notFound.backToHome')}
        </ButtonLink>
      }
    >
      <p>{t('notFound.description')}</p>
    </StatusPanel>
  );
}
