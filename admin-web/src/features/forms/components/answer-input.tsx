import { Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { visibleOptions } from '@machi/form-engine';
import type { AnswerValue, Answers, FormField } from '@machi/form-engine';
import { useTranslation } from 'react-i18next';

/**
 * An input for one answer of any field type, as the resident page offers it (simplified: files are
 * only described). Used by the preview and by staff filling in admin-only fields.
 */
export function AnswerInput({
  idPrefix,
  field,
  answers,
  error,
  effective,
  onChange,
}: {
  /** Unique on the page. */
  idPrefix: string;
  field: FormField;
  answers: Answers;
  /** A message to show under the input (validation). */
  error?: string;
  effective: Answers;
  onChange: (id: string, value: AnswerValue) => void;
}) {
  const { t } = useTranslation();
  const id = `${idPrefix}-field-${field.id}`;
  const value = answers[field.id];
  if (field.type === 'heading') {
    return (
      <Typography.Title level={4} style={{ fontSize: 16 }}>
        {field.label}
      </Typography.Title>
    );
  }
  if (field.type === 'paragraph') {
    return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{field.text}</Typography.Paragraph>;
  }
  const label = (
    <span>
      {field.label}
      {field.required ? <span style={{ color: '#cf1322', marginInlineStart: 4 }}>（{t('forms.preview.required')}）</span> : null}
    </span>
  );
  const str = typeof value === 'string' ? value : '';
  const input = (() => {
    switch (field.type) {
      case 'text':
        return field.multiline ? (
          <Input.TextArea
            id={id}
            value={str}
            placeholder={field.placeholder}
            maxLength={field.maxLength}
            onChange={(e) => onChange(field.id, e.target.value)}
            autoSize={{ minRows: 3 }}
          />
        ) : (
          <Input
            id={id}
            value={str}
            placeholder={field.placeholder}
            maxLength={field.maxLength}
            onChange={(e) => onChange(field.id, e.target.value)}
          />
        );
      case 'number':
        return (
          <Space>
            <InputNumber
              id={id}
              value={typeof value === 'number' ? value : null}
              min={field.min}
              max={field.max}
              onChange={(v) => onChange(field.id, typeof v === 'number' ? v : null)}
            />
            {field.unit}
          </Space>
        );
      case 'email':
      case 'phone':
      case 'postalCode':
        return (
          <Input
            id={id}
            type={field.type === 'email' ? 'email' : 'tel'}
            inputMode={field.type === 'email' ? 'email' : 'numeric'}
            value={str}
            style={{ maxWidth: 320 }}
            onChange={(e) => onChange(field.id, e.target.value)}
          />
        );
      case 'date':
        return <Input id={id} type="date" value={str} style={{ maxWidth: 200 }} onChange={(e) => onChange(field.id, e.target.value)} />;
      case 'time':
        return <Input id={id} type="time" value={str} style={{ maxWidth: 160 }} onChange={(e) => onChange(field.id, e.target.value)} />;
      case 'dateList':
        return (
          <Select<string[]>
            id={id}
            mode="tags"
            value={Array.isArray(value) ? [...value] : []}
            placeholder={t('forms.preview.datePlaceholder')}
            style={{ maxWidth: 360 }}
            onChange={(v) => onChange(field.id, v)}
            options={[]}
          />
        );
      case 'singleChoice': {
        const options = visibleOptions(field, effective);
        return field.display === 'dropdown' ? (
          <Select<string>
            id={id}
            allowClear
            value={str === '' ? undefined : str}
            style={{ maxWidth: 320 }}
            options={options.map((o) => ({ value: o.id, label: o.label }))}
            onChange={(v) => onChange(field.id, v ?? null)}
          />
        ) : (
          <Radio.Group
            id={id}
            vertical
            value={str}
            options={options.map((o) => ({ value: o.id, label: o.label }))}
            onChange={(e) => onChange(field.id, e.target.value as string)}
          />
        );
      }
      case 'multipleChoice': {
        const options = visibleOptions(field, effective);
        return (
          <Checkbox.Group
            value={Array.isArray(value) ? [...value] : []}
            options={options.map((o) => ({ value: o.id, label: o.label }))}
            onChange={(v) => onChange(field.id, v)}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        );
      }
      case 'yesNo':
        return (
          <Radio.Group
            id={id}
            value={typeof value === 'boolean' ? value : undefined}
            options={[
              { value: true, label: t('forms.condition.yes') },
              { value: false, label: t('forms.condition.no') },
            ]}
            onChange={(e) => onChange(field.id, e.target.value as boolean)}
          />
        );
      case 'consent':
        return (
          <div>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{field.text}</Typography.Paragraph>
            <Checkbox id={id} checked={value === true} onChange={(e) => onChange(field.id, e.target.checked)}>
              {t('forms.preview.consentAgree')}
            </Checkbox>
          </div>
        );
      case 'file':
        return <Typography.Text type="secondary">{t('forms.preview.fileNote')}</Typography.Text>;
    }
  })();
  const grouped = field.type === 'singleChoice' && field.display === 'radio';
  const asGroup = grouped || field.type === 'multipleChoice' || field.type === 'yesNo' || field.type === 'file';
  return (
    <Form.Item
      label={label}
      htmlFor={asGroup ? undefined : id}
      extra={field.help}
      style={{ maxWidth: 560 }}
      validateStatus={error ? 'error' : undefined}
      help={error}
    >
      {field.type === 'dateList' ? (
        <Typography.Paragraph type="secondary">{t('forms.preview.dateListHint', { n: field.maxItems ?? 20 })}</Typography.Paragraph>
      ) : null}
      {asGroup ? (
        <div role="group" aria-label={field.label}>
          {input}
        </div>
      ) : (
        input
      )}
    </Form.Item>
  );
}
