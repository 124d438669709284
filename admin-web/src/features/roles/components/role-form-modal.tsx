import { useMutation } from '@apollo/client/react';
import { App, Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateRoleDocument, UpdateRoleDocument } from '../../../gql/graphql';
import type { RoleFieldsFragment } from '../../../gql/graphql';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { PermissionPicker } from '../../../shared/ui/permission-picker';
import type { CatalogueEntry } from '../../../shared/ui/permission-picker';

interface Values {
  name: string;
  description?: string;
  requireTotp: boolean;
  permissions: string[];
}

const FIELDS = ['name', 'description', 'requireTotp', 'permissions'] as const;

export function RoleFormModal({
  role,
  catalogue,
  onClose,
}: {
  role: RoleFieldsFragment | null;
  catalogue: readonly CatalogueEntry[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [create, { loading: creating }] = useMutation(CreateRoleDocument, { refetchQueries: ['Roles'] });
  const [update, { loading: updating }] = useMutation(UpdateRoleDocument);

  const onFinish = async (values: Values) => {
    errors.clear();
    const description = values.description?.trim() ?? '';
    try {
      if (role) {
        await update({
          variables: {
            input: {
              id: role.id,
              name: values.name.trim(),
              description,
              permissions: values.permissions,
              requireTotp: values.requireTotp,
            },
          },
        });
        void message.success(t('common.saved'));
      } else {
        await create({
          variables: {
            input: {
              name: values.name.trim(),
              description: description === '' ? undefined : description,
              permissions: values.permissions,
              requireTotp: values.requireTotp,
            },
          },
        });
        void message.success(t('common.created'));
      }
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };

  const initialValues: Values = role
    ? {
        name: role.name,
        description: role.description ?? '',
        requireTotp: role.requireTotp,
        permissions: [...role.permissions],
      }
    : { name: '', description: '', requireTotp: false, permissions: [] };

  return (
    <FormModal
      title={role ? t('roles.editTitle', { name: role.name }) : t('roles.createTitle')}
      formName="role-form"
      submitText={role ? t('common.save') : t('common.create')}
      submitting={creating || updating}
      onCancel={onClose}
      width={880}
    >
      <Form<Values>
        form={form}
        name="role-form"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item
          name="name"
          label={t('roles.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('roles.fields.name') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('roles.fields.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="requireTotp" label={t('roles.fields.requireTotp')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.fields.permissions')} extra={t('roles.fields.permissionsHint')}>
          <PermissionPicker catalogue={catalogue} label={t('roles.fields.permissions')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
