import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useLazyQuery } from '@apollo/client/react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditChainVerificationDocument } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';

export function AuditChainPanel() {
  const { t } = useTranslation();
  const [verify, { data, loading, error }] = useLazyQuery(AuditChainVerificationDocument, {
    fetchPolicy: 'network-only',
  });
  const result = data?.auditChainVerification;

  return (
    <Card title={<h2 className="section-title">{t('audit.chain.title')}</h2>} size="small" className="home-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('audit.chain.description')}
        </Typography.Paragraph>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={loading}
          onClick={() => {
            void verify().catch(() => undefined);
          }}
        >
          {t('audit.chain.run')}
        </Button>
        <div aria-live="polite">
          {error && !loading ? <ErrorAlert error={error} /> : null}
          {result && !loading && !error ? (
            result.ok ? (
              <Alert type="success" showIcon title={t('audit.chain.ok', { checked: result.checked })} />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t('audit.chain.brokenTitle')}
                description={
                  <>
                    <div>{t('audit.chain.broken', { seq: result.firstBrokenSeq ?? '—', checked: result.checked })}</div>
                    {result.message ? <div>{result.message}</div> : null}
                  </>
                }
              />
            )
          ) : null}
        </div>
      </Space>
    </Card>
  );
}
