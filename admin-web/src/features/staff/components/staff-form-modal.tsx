import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { CreateStaffUserDocument, UpdateStaffUserDocument } from '../../../gql/graphql';
import type { StaffUserFieldsFragment } from '../../../gql/graphql';
import { generatePassword } from '../../../shared/lib/password';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { passwordPolicyRule } from '../../auth/components/password-rules';
import { rolesForDepartment, splitRoleIdsByFit } from '../../roles/lib/role-owner';
import { staffUserFieldsVariables } from '../lib/staff-user-fields';
import { useStaffOptions, withCurrent } from './use-staff-options';

interface Values {
  loginId: string;
  displayName: string;
  email?: string;
  departmentId?: string;
  roleIds: string[];
  initialPassword: string;
  isActive: boolean;
}

const FIELDS = ['loginId', 'displayName', 'email', 'departmentId', 'roleIds', 'initialPassword', 'isActive'] as const;
/** ResetStaffPassword and CreateStaffUser both may report the password under these names. */
const ALIASES = { newPassword: 'initialPassword', password: 'initialPassword' } as const;

export function StaffFormModal({ staff, onClose }: { staff: StaffUserFieldsFragment | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const fieldVariables = staffUserFieldsVariables(can);
  const { withPersonal } = fieldVariables;
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, ALIASES);
  const options = useStaffOptions();
  const departmentId = Form.useWatch('departmentId', form);
  /** Names of the roles taken off because the chosen department may not have them. */
  const [droppedRoles, setDroppedRoles] = useState<string[]>([]);
  const [create, { loading: creating }] = useMutation(CreateStaffUserDocument, { refetchQueries: ['StaffUsers'] });
  const [update, { loading: updating }] = useMutation(UpdateStaffUserDocument, { refetchQueries: ['StaffUsers'] });
  const editing = staff !== null;

  const departmentOptions = withCurrent(options.assignableDepartmentOptions, staff?.department ? [staff.department] : []);
  // Shared roles and those of the chosen department; the record's roles unknown to the list stay choosable.
  const listedRoleIds = new Set(options.roles.map((r) => r.id));
  const roleOptions = withCurrent(
    rolesForDepartment(options.roles, departmentId).map((r) => ({ value: r.id, label: r.name })),
    (staff?.roles ?? []).filter((r) => !listedRoleIds.has(r.id)),
  );

  const onDepartmentChange = (nextDepartmentId: string | undefined) => {
    const { kept, dropped } = splitRoleIdsByFit(form.getFieldValue('roleIds') ?? [], options.roles, nextDepartmentId);
    if (dropped.length > 0) form.setFieldValue('roleIds', kept);
    setDroppedRoles(options.roles.filter((r) => dropped.includes(r.id)).map((r) => r.name));
  };

  const onFinish = async (values: Values) => {
    errors.clear();
    const email = values.email?.trim() ?? '';
    try {
      if (staff) {
        await update({
          variables: {
            ...fieldVariables,
            input: {
              id: staff.id,
              displayName: values.displayName.trim(),
              // Without staff.read_personal the current email is unknown: leave it untouched.
              ...(withPersonal ? { email } : {}),
              departmentId: values.departmentId,
              ...(options.canReadRoles ? { roleIds: values.roleIds } : {}),
              isActive: values.isActive,
            },
          },
        });
        void message.success(t('common.saved'));
      } else {
        await create({
          variables: {
            ...fieldVariables,
            input: {
              loginId: values.loginId.trim(),
              displayName: values.displayName.trim(),
              email: email === '' ? undefined : email,
              departmentId: values.departmentId ?? '',
              roleIds: values.roleIds,
              initialPassword: values.initialPassword,
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

  const initialValues: Partial<Values> = staff
    ? {
        loginId: staff.loginId,
        displayName: staff.displayName,
        email: staff.email ?? '',
        // Unreadable without departments.read: then the viewer is limited to their own department, the record's too.
        departmentId: staff.department?.id ?? (options.onlyOwnDepartment ? options.ownDepartment.id : undefined),
        roleIds: (staff.roles ?? []).map((r) => r.id),
        isActive: staff.isActive,
      }
    : { departmentId: options.onlyOwnDepartment ? options.ownDepartment.id : undefined, roleIds: [], isActive: true };

  return (
    <FormModal
      title={staff ? t('staff.editTitle', { name: staff.displayName }) : t('staff.createTitle')}
      formName="staff-form"
      submitText={editing ? t('common.save') : t('common.create')}
      submitting={creating || updating}
      onCancel={onClose}
      width={640}
    >
      <Form<Values>
        form={form}
        name="staff-form"
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: Partial<Values>) => {
          if ('departmentId' in changed) onDepartmentChange(changed.departmentId);
        }}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        {editing ? null : (
          <Form.Item
            name="loginId"
            label={t('staff.fields.loginId')}
            extra={t('staff.fields.loginIdHint')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('staff.fields.loginId') }) }]}
          >
            <Input autoComplete="off" spellCheck={false} autoCapitalize="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('staff.fields.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('staff.fields.displayName') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {editing && !withPersonal ? null : (
          <Form.Item name="email" label={t('staff.fields.email')} rules={[{ type: 'email', message: t('staff.validation.email') }]}>
            <Input type="email" autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item
          name="departmentId"
          label={t('staff.fields.department')}
          extra={options.onlyOwnDepartment ? t('staff.fields.departmentOwnOnly', { department: options.ownDepartment.name }) : undefined}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('staff.fields.department') }) }]}
        >
          <Select options={departmentOptions} loading={options.loading} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          name="roleIds"
          label={t('staff.fields.roles')}
          extra={
            options.canReadRoles ? (
              <>
                {t('staff.fields.rolesHint')}
                <div role="status">
                  {droppedRoles.length > 0
                    ? t('staff.fields.rolesDropped', { names: new Intl.ListFormat(i18n.language).format(droppedRoles) })
                    : null}
                </div>
              </>
            ) : (
              t('staff.fields.rolesUnavailable')
            )
          }
        >
          <Select
            mode="multiple"
            options={roleOptions}
            loading={options.loading}
            disabled={!options.canReadRoles}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {editing ? (
          <Form.Item name="isActive" label={t('staff.fields.isActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item label={t('staff.fields.initialPassword')} required>
            <Space.Compact block>
              <Form.Item
                name="initialPassword"
                noStyle
                dependencies={['loginId']}
                rules={[
                  {
                    required: true,
                    message: t('common.required', { field: t('staff.fields.initialPassword') }),
                  },
                  passwordPolicyRule(t, () => form.getFieldValue('loginId') as string | undefined),
                ]}
              >
                <Input.Password autoComplete="new-password" aria-label={t('staff.fields.initialPassword')} />
              </Form.Item>
              <Button
                onClick={() => {
                  form.setFieldValue('initialPassword', generatePassword());
                  void form.validateFields(['initialPassword']);
                }}
              >
                {t('staff.generatePassword')}
              </Button>
            </Space.Compact>
            <div className="ant-form-item-extra">{t('staff.fields.initialPasswordHint')}</div>
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
