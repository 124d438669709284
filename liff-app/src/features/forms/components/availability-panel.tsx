import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '../../../shared/ui/button';
import { AlertIcon, ChatBubbleIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';
import { formatDateTime } from '../lib/format';

export type AvailabilityCode = 'NOT_OPEN_YET' | 'CLOSED' | 'SIGN_IN_REQUIRED' | 'OUT_OF_AUDIENCE' | 'ALREADY_ANSWERED' | 'STAFF_ONLY';

const CODES = new Set<string>(['NOT_OPEN_YET', 'CLOSED', 'SIGN_IN_REQUIRED', 'OUT_OF_AUDIENCE', 'ALREADY_ANSWERED', 'STAFF_ONLY']);

/** Why the form cannot be answered now, with the way forward where there is one. */
export function AvailabilityPanel({
  formId,
  title,
  code,
  reason,
  opensAt,
  closesAt,
  signedIn,
  onLogin,
}: {
  formId: string;
  title: string;
  code: string | null;
  reason: string | null;
  opensAt: string | null;
  closesAt: string | null;
  signedIn: boolean;
  onLogin: () => void;
}) {
  const { t } = useTranslation();
  const known = code !== null && CODES.has(code) ? (code as AvailabilityCode) : null;
  const signIn = known === 'SIGN_IN_REQUIRED';
  return (
    <StatusPanel
      tone="info"
      title={signIn ? t('forms.availability.SIGN_IN_REQUIRED') : t('forms.availability.title')}
      icon={signIn ? <ChatBubbleIcon /> : <AlertIcon />}
      actions={
        signIn ? (
          <Button block onClick={onLogin}>
            <ChatBubbleIcon width={20} height={20} />
            {t('forms.availability.login')}
          </Button>
        ) : known === 'ALREADY_ANSWERED' && signedIn ? (
          <ButtonLink to={`/forms/${formId}/mine`} variant="primary" block>
            {t('forms.availability.mine')}
          </ButtonLink>
        ) : undefined
      }
    >
      <p>
        <strong>{title}</strong>
      </p>
      {known && !signIn ? <p>{t(`forms.availability.${known}`)}</p> : null}
      {reason ? <p>{reason}</p> : null}
      {known === 'NOT_OPEN_YET' && opensAt ? <p>{t('forms.availability.opensAt', { date: formatDateTime(opensAt) })}</p> : null}
      {known === 'CLOSED' && closesAt ? <p>{t('forms.availability.closesAt', { date: formatDateTime(closesAt) })}</p> : null}
    </StatusPanel>
  );
}
