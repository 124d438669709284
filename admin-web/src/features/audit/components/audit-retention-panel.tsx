import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditSettingsDocument, UpdateAuditSettingsDocument } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadingState } from '../../../shared/ui/states';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

interface Values {
  retentionMonths: number;
}

const FIELDS = ['retentionMonths'] as const;

function RetentionForm({ retentionMonths }: { retentionMonths: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [save, { loading }] = useMutation(UpdateAuditSettingsDocument, {
    update(cache, result) {
      const settings = result.data?.updateAuditSettings;
      if (settings) cache.writeQuery({ query: AuditSettingsDocument, data: { auditSettings: settings } });
    },
  });

  const onFinish = async (values: Values) => {
    errors.clear();
    try {
      await save({ variables: { input: { retentionMonths: values.retentionMonths } } });
      void message.success(t('common.saved'));
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="audit-retention"
      layout="vertical"
      initialValues={{ retentionMonths }}
      onFinish={(values) => {
        void onFinish(values);
      }}
    >
      {errors.alert}
      <Form.Item
        name="retentionMonths"
        label={t('audit.retention.months')}
        rules={[
          { required: true, message: t('audit.retention.validation') },
          { type: 'integer', min: 1, message: t('audit.retention.validation') },
        ]}
      >
        <InputNumber min={1} precision={0} suffix={t('audit.retention.unit')} style={{ width: 180 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading}>
        {t('audit.retention.save')}
      </Button>
    </Form>
  );
}

export function AuditRetentionPanel() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(AuditSettingsDocument);
  return (
    <Card title={<h2 className="section-title">{t('audit.retention.title')}</h2>} size="small" className="home-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('audit.retention.description')}
        </Typography.Paragraph>
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
          <RetentionForm retentionMonths={data.auditSettings.retentionMonths} />
        ) : null}
      </Space>
    </Card>
  );
}
