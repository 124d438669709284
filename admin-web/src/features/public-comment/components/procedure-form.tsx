import { Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ProcedureFormValues {
  title: string;
  summary?: string;
  body: string;
  opensAt: string;
  closesAt: string;
}

export const PROCEDURE_FIELDS = ['title', 'summary', 'body', 'opensAt', 'closesAt'] as const;

/** The procedure's own fields, for creating and for changing it at any time (FORM-13). */
export function ProcedureFormFields({ form }: { form: FormInstance<ProcedureFormValues> }) {
  const { t } = useTranslation();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('publicComment.required', { field }) }];
  void form;
  return (
    <>
      <Form.Item name="title" label={t('publicComment.fields.title')} rules={required(t('publicComment.fields.title'))}>
        <Input maxLength={200} showCount />
      </Form.Item>
      <Form.Item name="summary" label={t('publicComment.fields.summary')}>
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('publicComment.fields.body')}
        extra={t('publicComment.fields.bodyHelp')}
        rules={required(t('publicComment.fields.body'))}
      >
        <Input.TextArea maxLength={20000} autoSize={{ minRows: 5, maxRows: 14 }} />
      </Form.Item>
      <Form.Item name="opensAt" label={t('publicComment.fields.opensAt')} rules={required(t('publicComment.fields.opensAt'))}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item
        name="closesAt"
        label={t('publicComment.fields.closesAt')}
        extra={t('publicComment.fields.closesAtHelp')}
        rules={required(t('publicComment.fields.closesAt'))}
      >
        <Input type="datetime-local" />
      </Form.Item>
    </>
  );
}
