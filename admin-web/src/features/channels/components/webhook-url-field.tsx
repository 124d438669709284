import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The channel's webhook URL, a copy button and where to paste it. */
export function WebhookUrlField({ url }: { url: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('common.copied'));
    } catch {
      void message.error(t('common.copyFailed'));
    }
  };

  return (
    <div>
      <Flex gap="small" align="center" wrap>
        <code className="secret-box webhook-url" data-testid="webhook-url">
          {url}
        </code>
        <Button
          icon={<CopyOutlined />}
          onClick={() => {
            void copy();
          }}
        >
          {t('channels.detail.copyWebhook')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" className="field-hint">
        {t('channels.detail.webhookHint')}
      </Typography.Paragraph>
    </div>
  );
}
