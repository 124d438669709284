import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { ResetStaffPasswordDocument } from '../../../gql/graphql';
import type { StaffUserFieldsFragment } from '../../../gql/graphql';
import { generatePassword } from '../../../shared/lib/password';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { passwordPolicyRule } from '../../auth/components/password-rules';
import { staffUserFieldsVariables } from '../lib/staff-user-fields';

const FIELDS = ['newPassword'] as const;

export function ResetPasswordModal({ staff, onClose }: { staff: StaffUserFieldsFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<{ newPassword: string }>();
  const errors = useFormErrors(form, FIELDS);
  const [reset, { loading }] = useMutation(ResetStaffPasswordDocument);

  const onFinish = async ({ newPassword }: { newPassword: string }) => {
    errors.clear();
    try {
      await reset({
        variables: { ...staffUserFieldsVariables(can), input: { id: staff.id, newPassword } },
      });
      void message.success(t('staff.resetPasswordDone'), 6);
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={t('staff.resetPasswordTitle', { name: staff.displayName })}
      formName="reset-password-form"
      submitText={t('staff.actions.resetPassword')}
      submitting={loading}
      onCancel={onClose}
    >
      <Form
        form={form}
        name="reset-password-form"
        layout="vertical"
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item label={t('staff.fields.newPassword')} required>
          <Space.Compact block>
            <Form.Item
              name="newPassword"
              noStyle
              rules={[
                { required: true, message: t('common.required', { field: t('staff.fields.newPassword') }) },
                passwordPolicyRule(t, () => staff.loginId),
              ]}
            >
              <Input.Password autoComplete="new-password" aria-label={t('staff.fields.newPassword')} />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldValue('newPassword', generatePassword());
                void form.validateFields(['newPassword']);
              }}
            >
              {t('staff.generatePassword')}
            </Button>
          </Space.Compact>
          <div className="ant-form-item-extra">{t('staff.fields.newPasswordHint')}</div>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
