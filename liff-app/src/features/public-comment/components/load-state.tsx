import { useTranslation } from 'react-i18next';
import { toApiError } from '../../../shared/lib/api-error';
import { Button, ButtonLink } from '../../../shared/ui/button';
import { AlertIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';

/** Loading, not found (drafts look the same as ids that never existed) or an error with a retry. */
export function LoadState({
  loading,
  error,
  notFound,
  onRetry,
}: {
  loading: boolean;
  error?: unknown;
  notFound: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (loading) return <StatusPanel tone="busy" title={t('publicComment.loading')} />;
  const api = error ? toApiError(error) : null;
  const missing = !error || api?.code === 'NOT_FOUND';
  return (
    <StatusPanel
      tone={missing ? 'info' : 'error'}
      title={t('publicComment.loadFailed')}
      icon={<AlertIcon />}
      actions={
        missing ? (
          <ButtonLink to="/public-comments" block>
            {t('publicComment.backToList')}
          </ButtonLink>
        ) : (
          <Button block onClick={onRetry}>
            {t('publicComment.retry')}
          </Button>
        )
      }
    >
      <p>{missing ? notFound : (api?.message ?? (api?.kind === 'network' ? t('session.error.network') : t('session.error.title')))}</p>
    </StatusPanel>
  );
}
