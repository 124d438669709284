import { useQuery } from '@apollo/client/react';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MailSettingsDocument } from '../../../gql/graphql';
import type { MailSettingsQuery } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadingState } from '../../../shared/ui/states';
import { isLoopbackDestination } from '../lib/mail-display';

function MailSettingsView({ settings }: { settings: MailSettingsQuery['mailSettings'] }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('mail.settings.status')}>
          {settings.configured ? (
            <Tag color="green">{t('mail.settings.configured')}</Tag>
          ) : (
            <Tag color="gold">{t('mail.settings.notConfigured')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.settings.destination')}>
          {settings.destination ? <code>{settings.destination}</code> : t('common.notSet')}
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.settings.from')}>
          <code>{settings.from}</code>
        </Descriptions.Item>
      </Descriptions>
      {settings.configured ? null : (
        <Alert
          type="warning"
          showIcon
          title={t('mail.settings.notConfiguredTitle')}
          description={t('mail.settings.notConfiguredDescription')}
        />
      )}
      {settings.configured && isLoopbackDestination(settings.destination) ? (
        <Alert type="info" showIcon title={t('mail.settings.localSinkTitle')} description={t('mail.settings.localSinkDescription')} />
      ) : null}
      <Typography.Text type="secondary">{t('mail.settings.credentialsNote')}</Typography.Text>
    </Space>
  );
}

/** Whether an SMTP server is configured, where mail goes and who it is from. */
export function MailSettingsPanel() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MailSettingsDocument);
  return (
    <Card size="small" title={<h2 className="section-title">{t('mail.settings.title')}</h2>} style={{ marginBottom: 16 }}>
      {error && !data ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void refetch();
          }}
        />
      ) : loading && !data ? (
        <LoadingState rows={2} />
      ) : data ? (
        <MailSettingsView settings={data.mailSettings} />
      ) : null}
    </Card>
  );
}
