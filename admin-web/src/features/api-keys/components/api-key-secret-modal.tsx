import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a new key's secret once; it cannot be fetched again, so closing takes a deliberate click. */
export function ApiKeySecretModal({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      void message.success(t('common.copied'));
    } catch {
      void message.error(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('apiKeys.secretTitle', { name })}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      width={640}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiKeys.secretClose')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon role="alert" title={t('apiKeys.secretWarning')} />
        <div>
          <Typography.Text strong>{t('apiKeys.secretLabel')}</Typography.Text>
          <code className="secret-box" data-testid="api-key-secret">
            {secret}
          </code>
        </div>
        <Button
          icon={<CopyOutlined />}
          onClick={() => {
            void copy();
          }}
        >
          {t('apiKeys.secretCopy')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('apiKeys.secretUsage')}
        </Typography.Paragraph>
      </Space>
    </Modal>
  );
}
