import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordDocument } from '../../../gql/graphql';
import type { ViewerFieldsFragment } from '../../../gql/graphql';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { passwordPolicyRule } from './password-rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function ChangePasswordForm({ loginId, onChanged }: { loginId: string; onChanged: (viewer: ViewerFieldsFragment) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [changePassword, { loading }] = useMutation(ChangePasswordDocument);

  const onFinish = async (values: Values) => {
    errors.clear();
    try {
      const result = await changePassword({
        variables: { input: { currentPassword: values.currentPassword, newPassword: values.newPassword } },
      });
      form.resetFields();
      void message.success(t('auth.changePassword.done'));
      if (result.data) onChanged(result.data.changePassword.viewer);
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="change-password"
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => {
        void onFinish(values);
      }}
    >
      {errors.alert}
      <Form.Item
        name="currentPassword"
        label={t('auth.changePassword.currentPassword')}
        rules={[{ required: true, message: t('common.required', { field: t('auth.changePassword.currentPassword') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.changePassword.newPassword')}
        extra={t('auth.passwordPolicy')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.changePassword.newPassword') }) },
          passwordPolicyRule(t, () => loginId),
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error(t('auth.validation.passwordSameAsCurrent')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('auth.changePassword.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.changePassword.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              value && value !== getFieldValue('newPassword')
                ? Promise.reject(new Error(t('auth.validation.passwordMismatch')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading}>
        {t('auth.changePassword.submit')}
      </Button>
    </Form>
  );
}
