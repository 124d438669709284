import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/button';
import { ChatBubbleIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';

/** For pages that show a resident's own answers: only a LINE login can say whose they are. */
export function SignInPanel({ title, description, onLogin }: { title: string; description: string; onLogin: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusPanel
      tone="info"
      title={title}
      icon={<ChatBubbleIcon />}
      actions={
        <Button block onClick={onLogin}>
          <ChatBubbleIcon width={20} height={20} />
          {t('forms.availability.login')}
        </Button>
      }
    >
      <p>{description}</p>
    </StatusPanel>
  );
}
