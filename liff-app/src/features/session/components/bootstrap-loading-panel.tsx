import { useTranslation } from 'react-i18next';
import type { BootstrapStep } from '../../../app/session/bootstrap';
import { StatusPanel } from '../../../shared/ui/status-panel';

export function BootstrapLoadingPanel({ step }: { step: BootstrapStep }) {
  const { t } = useTranslation();
  return (
    <StatusPanel tone="busy" title={t('session.loading.title')}>
      <p>{t(`session.loading.${step}`)}</p>
    </StatusPanel>
  );
}
