import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DisableTotpDocument } from '../../../gql/graphql';
import type { ViewerFieldsFragment } from '../../../gql/graphql';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

export function DisableTotpForm({ onDisabled }: { onDisabled: (viewer: ViewerFieldsFragment) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const errors = useFormErrors(form, ['password']);
  const [disableTotp, { loading }] = useMutation(DisableTotpDocument);

  const onFinish = async ({ password }: { password: string }) => {
    errors.clear();
    try {
      const result = await disableTotp({ variables: { input: { password } } });
      form.resetFields();
      void message.success(t('auth.totp.disabled'));
      if (result.data) onDisabled(result.data.disableTotp.viewer);
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <Form
      form={form}
      name="disable-totp"
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => {
        void onFinish(values);
      }}
    >
      <Typography.Title level={3} className="section-title">
        {t('auth.totp.disableTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.totp.disableDescription')}</Typography.Paragraph>
      {errors.alert}
      <Form.Item
        name="password"
        label={t('auth.totp.disablePassword')}
        rules={[{ required: true, message: t('common.required', { field: t('auth.totp.disablePassword') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button danger htmlType="submit" loading={loading}>
        {t('auth.totp.disable')}
      </Button>
    </Form>
  );
}
