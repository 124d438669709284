import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/button';
import { ChatBubbleIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';

export function LineLoginPanel({ onLogin }: { onLogin: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusPanel
      tone="info"
      title={t('session.signedOut.title')}
      icon={<ChatBubbleIcon />}
      actions={
        <Button block onClick={onLogin}>
          <ChatBubbleIcon width={20} height={20} />
          {t('session.signedOut.loginButton')}
        </Button>
      }
    >
      <p>{t('session.signedOut.description')}</p>
    </StatusPanel>
  );
}
