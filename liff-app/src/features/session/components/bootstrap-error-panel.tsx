import { useTranslation } from 'react-i18next';
import type { BootstrapError } from '../../../app/session/bootstrap';
import { Button } from '../../../shared/ui/button';
import { AlertIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';

export function BootstrapErrorPanel({
  error,
  canRelogin,
  onRetry,
  onRelogin,
}: {
  error: BootstrapError;
  /** Logging in again only helps in an external browser, where LIFF holds the ID token. */
  canRelogin: boolean;
  onRetry: () => void;
  onRelogin: () => void;
}) {
  const { t } = useTranslation();
  const offerRelogin = canRelogin && (error.kind === 'tokenRejected' || error.kind === 'noIdToken');
  return (
    <StatusPanel
      tone="error"
      title={t('session.error.title')}
      icon={<AlertIcon />}
      actions={
        <>
          {offerRelogin ? (
            <Button block onClick={onRelogin}>
              {t('session.error.relogin')}
            </Button>
          ) : null}
          <Button block variant={offerRelogin ? 'secondary' : 'primary'} onClick={onRetry}>
            {t('session.error.retry')}
          </Button>
        </>
      }
    >
      <p>{t(`session.error.${error.kind}`)}</p>
      {error.serverMessage ? <p>{t('session.error.serverMessage', { message: error.serverMessage })}</p> : null}
    </StatusPanel>
  );
}
