import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { CreateFormDocument, DepartmentsDocument, FormTemplatesDocument } from '../../../gql/graphql';
import type { FormKind } from '../../../gql/graphql';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { FORM_KINDS } from '../lib/form-display';

interface Values {
  start: 'blank' | 'template';
  templateKey?: string;
  title: string;
  kind: FormKind;
  departmentId?: string;
}

const FIELDS = ['title', 'kind', 'departmentId', 'templateKey'] as const;

/** Creates a form from a blank page or a template, then opens it in the editor. */
export function CreateFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const templates = useQuery(FormTemplatesDocument);
  const departments = useQuery(DepartmentsDocument, can('departments.read') ? { variables: { first: MAX_PAGE_SIZE } } : skipToken);
  const [create, { loading }] = useMutation(CreateFormDocument, { refetchQueries: ['Forms'] });
  const start = Form.useWatch('start', form) ?? 'blank';
  const templateList = templates.data?.formTemplates ?? [];
  const departmentOptions = nodesOf(departments.data?.departments).map((d) => ({ value: d.id, label: d.name }));

  const onFinish = async (values: Values) => {
    errors.clear();
    try {
      const result = await create({
        variables: {
          input: {
            title: values.title.trim(),
            kind: values.kind,
            departmentId: values.departmentId ?? null,
            templateKey: values.start === 'template' ? (values.templateKey ?? null) : null,
          },
        },
      });
      const id = result.data?.createForm.form.id;
      void message.success(t('forms.create.created'));
      onClose();
      if (id) void navigate(`/forms/${id}`);
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={t('forms.create.title')}
      formName="create-form"
      submitText={t('forms.create.submit')}
      submitting={loading}
      onCancel={onClose}
    >
      <Form<Values>
        form={form}
        name="create-form"
        layout="vertical"
        initialValues={{ start: 'blank', kind: 'SURVEY' }}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item name="start" label={t('forms.create.start')}>
          <Radio.Group
            options={[
              { value: 'blank', label: t('forms.create.blank') },
              { value: 'template', label: t('forms.create.template'), disabled: templateList.length === 0 },
            ]}
          />
        </Form.Item>
        {templates.error ? <Alert className="form-alert" type="warning" showIcon title={t('forms.create.templatesUnavailable')} /> : null}
        {start === 'template' ? (
          <Form.Item
            name="templateKey"
            label={t('forms.create.templateLabel')}
            htmlFor="create-form-template"
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('forms.create.templateLabel') }) }]}
          >
            <Radio.Group
              id="create-form-template"
              vertical
              onChange={(event) => {
                const template = templateList.find((x) => x.key === event.target.value);
                if (!template) return;
                form.setFieldsValue({ kind: template.kind, title: form.getFieldValue('title') || template.title });
              }}
              options={templateList.map((template) => ({
                value: template.key,
                label: (
                  <span>
                    <strong>{template.title}</strong>（{t(`forms.kinds.${template.kind}`)}）
                    <br />
                    <Typography.Text type="secondary">{template.description}</Typography.Text>
                  </span>
                ),
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="title"
          label={t('forms.create.formTitle')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('forms.create.formTitle') }) }]}
        >
          <Input autoComplete="off" maxLength={200} placeholder={t('forms.create.formTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('forms.create.kind')} rules={[{ required: true }]}>
          <Select options={FORM_KINDS.map((kind) => ({ value: kind, label: t(`forms.kinds.${kind}`) }))} />
        </Form.Item>
        {departmentOptions.length > 0 ? (
          <Form.Item name="departmentId" label={t('forms.create.department')} extra={t('forms.create.departmentHint')}>
            <Select allowClear options={departmentOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        ) : null}
      </Form>
    </FormModal>
  );
}
