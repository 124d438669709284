import { Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { checkReceiptFormat, formatReceiptNumber } from '@machi/form-engine';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormAccess, FormAnswerPolicy, FormAudience, FormDetailFieldsFragment, UpdateFormInput } from '../../../gql/graphql';
import { audienceAttributes, audienceConditionOf } from '../lib/attributes';
import type { BuilderAttribute } from '../lib/attributes';
import { fromDateTimeLocal, parseEmailList, toDateTimeLocal } from '../lib/form-display';

export interface SettingsValues {
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  audience: FormAudience;
  audienceAttributeKey?: string;
  audienceOptionKeys?: string[];
  answerPolicy: FormAnswerPolicy;
  access: FormAccess;
  receiptFormat: string;
  notificationEmails: string;
  thankYouMessage: string;
  askContactEmail: boolean;
}

export const SETTINGS_FIELDS = [
  'title',
  'description',
  'opensAt',
  'closesAt',
  'audience',
  'audienceCondition',
  'answerPolicy',
  'access',
  'receiptFormat',
  'notificationEmails',
  'thankYouMessage',
  'askContactEmail',
] as const;

export function settingsValuesOf(form: FormDetailFieldsFragment): SettingsValues {
  const condition = audienceConditionOf(form.audienceCondition);
  return {
    title: form.title,
    description: form.description ?? '',
    opensAt: toDateTimeLocal(form.opensAt),
    closesAt: toDateTimeLocal(form.closesAt),
    audience: form.audience,
    audienceAttributeKey: condition?.attributeKey,
    audienceOptionKeys: condition?.optionKeys ?? [],
    answerPolicy: form.answerPolicy,
    access: form.access,
    receiptFormat: form.receiptFormat,
    notificationEmails: form.notificationEmails.join('\n'),
    thankYouMessage: form.thankYouMessage ?? '',
    askContactEmail: form.askContactEmail,
  };
}

export function settingsInputOf(values: SettingsValues): Omit<UpdateFormInput, 'definition'> {
  return {
    title: values.title.trim(),
    description: values.description.trim() === '' ? null : values.description.trim(),
    opensAt: fromDateTimeLocal(values.opensAt),
    closesAt: fromDateTimeLocal(values.closesAt),
    audience: values.audience,
    audienceCondition:
      values.audience === 'CONDITION' && values.audienceAttributeKey
        ? { attributeKey: values.audienceAttributeKey, optionKeys: values.audienceOptionKeys ?? [] }
        : null,
    answerPolicy: values.answerPolicy,
    access: values.access,
    receiptFormat: values.receiptFormat.trim(),
    notificationEmails: parseEmailList(values.notificationEmails),
    thankYouMessage: values.thankYouMessage.trim() === '' ? null : values.thankYouMessage.trim(),
    askContactEmail: values.askContactEmail,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A receipt number the format would give today, or null when the format is unusable. */
export function receiptExample(format: string, now: Date = new Date()): string | null {
  if (checkReceiptFormat(format) !== null) return null;
  return formatReceiptNumber(format, { date: now, sequence: 42 });
}

export interface FormSettingsProps {
  form: FormInstance<SettingsValues>;
  saved: FormDetailFieldsFragment;
  initialValues: SettingsValues;
  attributes: readonly BuilderAttribute[];
  attributesUnavailable: boolean;
  confirmation: boolean;
  onConfirmationChange: (value: boolean) => void;
  onChange: () => void;
  disabled: boolean;
  errorsAlert: ReactNode;
}

/** The form's settings tab: saved together with the definition by the editor's 下書きを保存. */
export function FormSettings({
  form,
  saved,
  initialValues,
  attributes,
  attributesUnavailable,
  confirmation,
  onConfirmationChange,
  onChange,
  disabled,
  errorsAlert,
}: FormSettingsProps) {
  const { t } = useTranslation();
  const audience = Form.useWatch('audience', form) ?? initialValues.audience;
  const access = Form.useWatch('access', form) ?? initialValues.access;
  const receiptFormat = Form.useWatch('receiptFormat', form) ?? initialValues.receiptFormat;
  const attributeKey = Form.useWatch('audienceAttributeKey', form) ?? initialValues.audienceAttributeKey;
  const choices = audienceAttributes(attributes);
  const chosen = attributes.find((a) => a.key === attributeKey);
  const example = receiptExample(receiptFormat);

  return (
    <Form<SettingsValues>
      form={form}
      name="form-settings"
      layout="vertical"
      initialValues={initialValues}
      disabled={disabled}
      onValuesChange={onChange}
      style={{ maxWidth: 760 }}
    >
      {errorsAlert}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={<h2 className="section-title">{t('forms.settings.basics')}</h2>}>
          <Form.Item
            name="title"
            label={t('forms.settings.formTitle')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('forms.settings.formTitle') }) }]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="description" label={t('forms.settings.description')} extra={t('forms.settings.descriptionHint')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
          <Typography.Paragraph>
            {t('forms.settings.kind')}：{t(`forms.kinds.${saved.kind}`)}（{t('forms.settings.kindFixed')}）
            <br />
            {t('forms.settings.department')}：{saved.department?.name ?? '—'}
          </Typography.Paragraph>
        </Card>

        <Card size="small" title={<h2 className="section-title">{t('forms.settings.period')}</h2>}>
          <Typography.Paragraph type="secondary">{t('forms.settings.periodHint')}</Typography.Paragraph>
          <Space wrap size="large">
            <Form.Item name="opensAt" label={t('forms.settings.opensAt')}>
              <Input type="datetime-local" style={{ width: 240 }} />
            </Form.Item>
            <Form.Item
              name="closesAt"
              label={t('forms.settings.closesAt')}
              dependencies={['opensAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_: unknown, value: string) => {
                    const from = fromDateTimeLocal(String(getFieldValue('opensAt') ?? ''));
                    const until = fromDateTimeLocal(value ?? '');
                    return from && until && until <= from ? Promise.reject(new Error(t('forms.settings.periodOrder'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input type="datetime-local" style={{ width: 240 }} />
            </Form.Item>
          </Space>
        </Card>

        <Card size="small" title={<h2 className="section-title">{t('forms.settings.audience')}</h2>}>
          <Form.Item name="audience" label={t('forms.settings.audience')}>
            <Radio.Group
              vertical
              options={(['EVERYONE', 'CONDITION', 'STAFF_ONLY'] as const).map((value) => ({
                value,
                label: t(`forms.settings.audiences.${value}`),
              }))}
            />
          </Form.Item>
          {audience === 'CONDITION' ? (
            <>
              {attributesUnavailable ? (
                <Typography.Paragraph type="warning">{t('forms.field.attribute.unavailable')}</Typography.Paragraph>
              ) : null}
              {!attributesUnavailable && choices.length === 0 ? (
                <Typography.Paragraph type="secondary">{t('forms.settings.audienceNoChoiceAttributes')}</Typography.Paragraph>
              ) : null}
              <Form.Item
                name="audienceAttributeKey"
                label={t('forms.settings.audienceAttribute')}
                rules={[{ required: true, message: t('forms.settings.audienceNeedsAttribute') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ maxWidth: 360 }}
                  options={choices.map((a) => ({ value: a.key, label: a.label }))}
                  onChange={() => {
                    form.setFieldValue('audienceOptionKeys', []);
                  }}
                />
              </Form.Item>
              <Form.Item
                name="audienceOptionKeys"
                label={t('forms.settings.audienceOptions')}
                rules={[{ required: true, type: 'array', min: 1, message: t('forms.settings.audienceNeedsAttribute') }]}
              >
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ maxWidth: 520 }}
                  options={(chosen?.options ?? []).filter((o) => !o.retiredAt).map((o) => ({ value: o.key, label: o.label }))}
                />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="answerPolicy" label={t('forms.settings.answerPolicy')}>
            <Radio.Group
              vertical
              options={(['ONCE', 'REPEAT', 'OVERWRITE'] as const).map((value) => ({
                value,
                label: t(`forms.settings.answerPolicies.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="access" label={t('forms.settings.access')} extra={t('forms.settings.accessHint')}>
            <Radio.Group
              vertical
              options={(['LINE_REQUIRED', 'BROWSER_ALLOWED'] as const).map((value) => ({
                value,
                label: t(`forms.settings.accesses.${value}`),
              }))}
            />
          </Form.Item>
          {access === 'BROWSER_ALLOWED' ? (
            <Form.Item name="askContactEmail" valuePropName="checked">
              <Checkbox>{t('forms.settings.askContactEmail')}</Checkbox>
            </Form.Item>
          ) : null}
        </Card>

        <Card size="small" title={<h2 className="section-title">{t('forms.settings.receipt')}</h2>}>
          <Form.Item
            name="receiptFormat"
            label={t('forms.settings.receiptFormat')}
            extra={
              <>
                {t('forms.settings.receiptHint')}
                {example ? (
                  <>
                    <br />
                    <span aria-live="polite">{t('forms.settings.receiptExample', { example })}</span>
                  </>
                ) : null}
              </>
            }
            rules={[
              {
                validator: (_: unknown, value: string) => {
                  const problem = checkReceiptFormat(value ?? '');
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input maxLength={50} spellCheck={false} autoComplete="off" style={{ maxWidth: 320, fontFamily: 'monospace' }} />
          </Form.Item>
        </Card>

        <Card size="small" title={<h2 className="section-title">{t('forms.settings.notifications')}</h2>}>
          <Form.Item
            name="notificationEmails"
            label={t('forms.settings.notificationEmails')}
            extra={t('forms.settings.notificationEmailsHint')}
            rules={[
              {
                validator: (_: unknown, value: string) => {
                  const wrong = parseEmailList(value ?? '').filter((address) => !EMAIL.test(address));
                  return wrong.length > 0
                    ? Promise.reject(new Error(t('forms.settings.invalidEmails', { emails: wrong.join('、') })))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} spellCheck={false} />
          </Form.Item>
          <Form.Item name="thankYouMessage" label={t('forms.settings.thankYouMessage')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('forms.settings.thankYouPlaceholder')} />
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={confirmation}
              onChange={(event) => {
                onConfirmationChange(event.target.checked);
              }}
            >
              {t('forms.settings.confirmation')}
            </Checkbox>
          </Form.Item>
        </Card>
      </Space>
    </Form>
  );
}
