import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { DatePicker, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { CreateApiKeyDocument, DepartmentsDocument } from '../../../gql/graphql';
import type { CreateApiKeyMutation } from '../../../gql/graphql';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';
import { FormModal } from '../../../shared/ui/form-modal';
import { PermissionPicker } from '../../../shared/ui/permission-picker';
import type { CatalogueEntry } from '../../../shared/ui/permission-picker';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { apiKeyFieldsVariables } from '../lib/api-key-issuer';

interface Values {
  name: string;
  permissions: string[];
  departmentId?: string;
  expiresAt?: Dayjs | null;
  ipRestricted: boolean;
  rateLimitPerMinute: number;
}

const FIELDS = ['name', 'permissions', 'departmentId', 'expiresAt', 'ipRestricted', 'rateLimitPerMinute'] as const;
/** Without the department field, a message about it goes to the alert. */
const FIELDS_WITHOUT_DEPARTMENT = FIELDS.filter((name) => name !== 'departmentId');
const DEFAULT_RATE_LIMIT = 60;

export type CreatedApiKey = CreateApiKeyMutation['createApiKey'];

export function CreateApiKeyModal({
  catalogue,
  onCreated,
  onClose,
}: {
  catalogue: readonly CatalogueEntry[];
  onCreated: (created: CreatedApiKey) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const viewer = useViewer();
  // Only system administrators choose the department; anyone else's keys are their own department's.
  const picksDepartment = viewer.isSystemAdmin;
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, picksDepartment ? FIELDS : FIELDS_WITHOUT_DEPARTMENT);
  const departments = useQuery(DepartmentsDocument, picksDepartment ? { variables: { first: MAX_PAGE_SIZE } } : skipToken);
  const [create, { loading }] = useMutation(CreateApiKeyDocument, {
    refetchQueries: ['ApiKeys'],
    // The secret must not linger in the normalised cache.
    fetchPolicy: 'no-cache',
  });

  const onFinish = async (values: Values) => {
    errors.clear();
    try {
      const result = await create({
        variables: {
          ...apiKeyFieldsVariables(can),
          input: {
            name: values.name.trim(),
            permissions: values.permissions,
            departmentId: values.departmentId ?? undefined,
            // The key works through the whole chosen day.
            expiresAt: values.expiresAt ? values.expiresAt.endOf('day').toISOString() : undefined,
            ipRestricted: values.ipRestricted,
            rateLimitPerMinute: values.rateLimitPerMinute,
          },
        },
      });
      if (result.data) onCreated(result.data.createApiKey);
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={t('apiKeys.createTitle')}
      formName="api-key-form"
      submitText={t('apiKeys.createSubmit')}
      submitting={loading}
      onCancel={onClose}
      width={880}
    >
      <Form<Values>
        form={form}
        name="api-key-form"
        layout="vertical"
        initialValues={{ permissions: [], ipRestricted: false, rateLimitPerMinute: DEFAULT_RATE_LIMIT }}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item
          name="name"
          label={t('apiKeys.fields.name')}
          extra={t('apiKeys.fields.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('apiKeys.fields.name') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('apiKeys.fields.permissions')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('common.requiredSelect', { field: t('apiKeys.fields.permissions') }),
            },
          ]}
        >
          <PermissionPicker catalogue={catalogue} label={t('apiKeys.fields.permissions')} />
        </Form.Item>
        {picksDepartment ? (
          <Form.Item name="departmentId" label={t('apiKeys.fields.department')}>
            <Select
              allowClear
              placeholder={t('apiKeys.fields.departmentPlaceholder')}
              loading={departments.loading}
              options={nodesOf(departments.data?.departments).map((d) => ({ value: d.id, label: d.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph>{t('apiKeys.departmentOwn', { department: viewer.staff.department.name })}</Typography.Paragraph>
        )}
        <Form.Item name="expiresAt" label={t('apiKeys.fields.expiresAt')} extra={t('apiKeys.fields.expiresAtHint')}>
          <DatePicker format="YYYY/MM/DD" disabledDate={(date) => date.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="ipRestricted"
          label={t('apiKeys.fields.ipRestricted')}
          extra={t('apiKeys.fields.ipRestrictedHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="rateLimitPerMinute"
          label={t('apiKeys.fields.rateLimitPerMinute')}
          rules={[{ required: true, message: t('common.required', { field: t('apiKeys.fields.rateLimitPerMinute') }) }]}
        >
          <InputNumber min={1} max={100000} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
