import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { CreateRoleDocument, DepartmentsDocument, UpdateRoleDocument } from '../../../gql/graphql';
import type { RoleFieldsFragment } from '../../../gql/graphql';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { PermissionPicker } from '../../../shared/ui/permission-picker';
import type { CatalogueEntry } from '../../../shared/ui/permission-picker';
import { SHARED_OWNER, ownerDepartmentId, roleFieldsVariables } from '../lib/role-owner';

interface Values {
  name: string;
  description?: string;
  requireTotp: boolean;
  permissions: string[];
  /** SHARED_OWNER or a department id; only system administrators pick it, only when creating. */
  owner?: string;
}

const FIELDS = ['name', 'description', 'requireTotp', 'permissions'] as const;
const FIELDS_WITH_OWNER = [...FIELDS, 'owner'] as const;
const ALIASES = { departmentId: 'owner' } as const;

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
  const can = useCan();
  const viewer = useViewer();
  const fieldVariables = roleFieldsVariables(can);
  // A system administrator creating a role picks its owner; anyone else's new role is their department's.
  const picksOwner = role === null && viewer.isSystemAdmin;
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, picksOwner ? FIELDS_WITH_OWNER : FIELDS, ALIASES);
  const departments = useQuery(DepartmentsDocument, picksOwner ? { variables: { first: MAX_PAGE_SIZE } } : skipToken);
  const [create, { loading: creating }] = useMutation(CreateRoleDocument, { refetchQueries: ['Roles'] });
  const [update, { loading: updating }] = useMutation(UpdateRoleDocument);

  const onFinish = async (values: Values) => {
    errors.clear();
    const description = values.description?.trim() ?? '';
    try {
      if (role) {
        await update({
          variables: {
            ...fieldVariables,
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
            ...fieldVariables,
            input: {
              name: values.name.trim(),
              description: description === '' ? undefined : description,
              permissions: values.permissions,
              requireTotp: values.requireTotp,
              departmentId: ownerDepartmentId(values.owner),
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
    : { name: '', description: '', requireTotp: false, permissions: [], owner: picksOwner ? SHARED_OWNER : undefined };

  const ownerOptions = [
    { value: SHARED_OWNER, label: t('roles.shared') },
    ...nodesOf(departments.data?.departments).map((d) => ({ value: d.id, label: d.name })),
  ];

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
        {role ? (
          <Typography.Paragraph>
            {t('roles.fields.ownerFixed', { owner: role.isShared ? t('roles.shared') : (role.department?.name ?? '—') })}
          </Typography.Paragraph>
        ) : picksOwner ? null : (
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title={t('roles.fields.ownerOwnDepartment', { department: viewer.staff.department.name })}
          />
        )}
        <Form.Item
          name="name"
          label={t('roles.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('roles.fields.name') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {picksOwner ? (
          <Form.Item
            name="owner"
            label={t('roles.fields.owner')}
            extra={t('roles.fields.ownerHint')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('roles.fields.owner') }) }]}
          >
            <Select options={ownerOptions} loading={departments.loading} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        ) : null}
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
