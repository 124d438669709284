import { useMutation } from '@apollo/client/react';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateDepartmentDocument, UpdateDepartmentDocument } from '../../../gql/graphql';
import type { DepartmentFieldsFragment } from '../../../gql/graphql';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

interface Values {
  code: string;
  name: string;
}

const FIELDS = ['code', 'name'] as const;

export function DepartmentFormModal({
  department,
  onClose,
}: {
  /** null: create a new department. */
  department: DepartmentFieldsFragment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [create, { loading: creating }] = useMutation(CreateDepartmentDocument, { refetchQueries: ['Departments'] });
  const [update, { loading: updating }] = useMutation(UpdateDepartmentDocument);

  const onFinish = async (values: Values) => {
    errors.clear();
    const input = { code: values.code.trim(), name: values.name.trim() };
    try {
      if (department) {
        await update({ variables: { input: { id: department.id, ...input } } });
        void message.success(t('common.saved'));
      } else {
        await create({ variables: { input } });
        void message.success(t('common.created'));
      }
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={department ? t('departments.editTitle', { name: department.name }) : t('departments.createTitle')}
      formName="department-form"
      submitText={department ? t('common.save') : t('common.create')}
      submitting={creating || updating}
      onCancel={onClose}
    >
      <Form<Values>
        form={form}
        name="department-form"
        layout="vertical"
        initialValues={department ? { code: department.code, name: department.name } : undefined}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item
          name="code"
          label={t('departments.fields.code')}
          extra={t('departments.fields.codeHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('departments.fields.code') }) }]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('departments.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('departments.fields.name') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
