import { Alert, Checkbox, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { ChoiceOption, DefinitionProblem, FormDefinition, FormField, TextCharset } from '@machi/form-engine';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canBindAttribute, earlierFields, newOption } from '../lib/definition-edit';
import { attributesFor } from '../lib/attributes';
import type { BuilderAttribute } from '../lib/attributes';
import { ConditionEditor } from './condition-editor';
import { OptionsEditor } from './options-editor';

const CHARSETS: readonly TextCharset[] = ['any', 'zenkaku', 'hankaku', 'katakana', 'hiragana', 'alphanumeric'];

export interface FieldEditorProps {
  definition: FormDefinition;
  field: FormField;
  problems: readonly DefinitionProblem[];
  attributes: readonly BuilderAttribute[];
  attributesUnavailable: boolean;
  onChange: (field: FormField) => void;
}

/** The settings of one field: what every field has, then what its type adds. */
export function FieldEditor({ definition, field, problems, attributes, attributesUnavailable, onChange }: FieldEditorProps) {
  const { t } = useTranslation();
  const id = (name: string) => `field-${field.id}-${name}`;
  const display = field.type === 'heading' || field.type === 'paragraph';
  const set = (patch: Partial<Record<string, unknown>>) => {
    onChange({ ...field, ...patch });
  };
  const number = (name: string, label: string, value: number | undefined, extra?: ReactNode, min?: number) => (
    <Form.Item label={label} htmlFor={id(name)} extra={extra}>
      <InputNumber
        id={id(name)}
        value={value ?? null}
        min={min}
        style={{ width: 160 }}
        onChange={(next) => {
          set({ [name]: typeof next === 'number' ? next : undefined });
        }}
      />
    </Form.Item>
  );
  const text = (
    name: string,
    label: string,
    value: string | undefined,
    options: { extra?: ReactNode; placeholder?: string; type?: string } = {},
  ) => (
    <Form.Item label={label} htmlFor={id(name)} extra={options.extra}>
      <Input
        id={id(name)}
        type={options.type}
        value={value ?? ''}
        placeholder={options.placeholder}
        style={{ maxWidth: 260 }}
        onChange={(event) => {
          set({ [name]: event.target.value === '' ? undefined : event.target.value });
        }}
      />
    </Form.Item>
  );
  const conditionFields = earlierFields(definition, { fieldId: field.id });
  const bindable = attributesFor(field.type, attributes);

  return (
    <Form layout="vertical" component="div" colon={false}>
      {problems.length > 0 ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title={t('forms.field.problems')}
          description={
            <ul className="error-list">
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Typography.Paragraph type="secondary">
        {t('forms.field.type')}：{t(`forms.fieldTypes.${field.type}`)}
        {'\u3000'}
        {t('forms.field.id')}：<code>{field.id}</code>
      </Typography.Paragraph>
      <Form.Item label={field.type === 'heading' ? t('forms.field.headingText') : t('forms.field.label')} htmlFor={id('label')}>
        <Input
          id={id('label')}
          value={field.label}
          maxLength={200}
          onChange={(event) => {
            set({ label: event.target.value });
          }}
        />
      </Form.Item>
      {field.type === 'paragraph' ? (
        <Form.Item label={t('forms.field.paragraph.text')} htmlFor={id('text')}>
          <Input.TextArea
            id={id('text')}
            value={field.text}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={5000}
            onChange={(event) => {
              set({ text: event.target.value });
            }}
          />
        </Form.Item>
      ) : null}
      <Form.Item label={t('forms.field.help')} htmlFor={id('help')}>
        <Input.TextArea
          id={id('help')}
          value={field.help ?? ''}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={1000}
          onChange={(event) => {
            set({ help: event.target.value === '' ? undefined : event.target.value });
          }}
        />
      </Form.Item>
      {display ? null : (
        <Form.Item>
          <Checkbox
            checked={field.required ?? false}
            onChange={(event) => {
              set({ required: event.target.checked || undefined });
            }}
          >
            {t('forms.field.required')}
          </Checkbox>
          <br />
          <Checkbox
            checked={field.personal ?? false}
            onChange={(event) => {
              set({ personal: event.target.checked || undefined });
            }}
          >
            {t('forms.field.personal')}
          </Checkbox>
          <br />
          <Checkbox
            checked={field.adminOnly ?? false}
            onChange={(event) => {
              set({ adminOnly: event.target.checked || undefined });
            }}
          >
            {t('forms.field.adminOnly')}
          </Checkbox>
        </Form.Item>
      )}

      {field.type === 'text' ? (
        <>
          <Form.Item>
            <Checkbox
              checked={field.multiline ?? false}
              onChange={(event) => {
                set({ multiline: event.target.checked || undefined });
              }}
            >
              {t('forms.field.text.multiline')}
            </Checkbox>
          </Form.Item>
          <Form.Item label={t('forms.field.text.charset')} htmlFor={id('charset')}>
            <Select<TextCharset>
              id={id('charset')}
              value={field.charset ?? 'any'}
              style={{ maxWidth: 260 }}
              options={CHARSETS.map((c) => ({ value: c, label: t(`forms.field.text.charsets.${c}`) }))}
              onChange={(charset) => {
                set({ charset: charset === 'any' ? undefined : charset });
              }}
            />
          </Form.Item>
          {number('minLength', t('forms.field.text.minLength'), field.minLength, undefined, 0)}
          {number('maxLength', t('forms.field.text.maxLength'), field.maxLength, undefined, 1)}
          {text('placeholder', t('forms.field.text.placeholder'), field.placeholder)}
        </>
      ) : null}

      {field.type === 'number' ? (
        <>
          {number('min', t('forms.field.number.min'), field.min)}
          {number('max', t('forms.field.number.max'), field.max)}
          <Form.Item>
            <Checkbox
              checked={field.integer ?? false}
              onChange={(event) => {
                set({ integer: event.target.checked || undefined });
              }}
            >
              {t('forms.field.number.integer')}
            </Checkbox>
          </Form.Item>
          {text('unit', t('forms.field.number.unit'), field.unit, { placeholder: t('forms.field.number.unitPlaceholder') })}
        </>
      ) : null}

      {field.type === 'date' || field.type === 'dateList' ? (
        <>
          {text('min', t('forms.field.date.min'), field.min, { extra: t('forms.field.date.boundHint'), placeholder: 'today-30' })}
          {text('max', t('forms.field.date.max'), field.max, { placeholder: 'today+90' })}
          {field.type === 'dateList' ? number('maxItems', t('forms.field.date.maxItems'), field.maxItems, undefined, 1) : null}
        </>
      ) : null}

      {field.type === 'time' ? (
        <>
          {text('min', t('forms.field.time.min'), field.min, { extra: t('forms.field.time.hint'), type: 'time' })}
          {text('max', t('forms.field.time.max'), field.max, { type: 'time' })}
        </>
      ) : null}

      {field.type === 'singleChoice' ? (
        <Form.Item label={t('forms.field.choice.display')} htmlFor={id('display')}>
          <Radio.Group
            id={id('display')}
            value={field.display}
            onChange={(event) => {
              set({ display: event.target.value as 'radio' | 'dropdown' });
            }}
            options={[
              { value: 'radio', label: t('forms.field.choice.radio') },
              { value: 'dropdown', label: t('forms.field.choice.dropdown') },
            ]}
          />
        </Form.Item>
      ) : null}
      {field.type === 'singleChoice' || field.type === 'multipleChoice' ? (
        <Form.Item>
          <OptionsEditor
            fieldId={field.id}
            options={field.options}
            bound={field.attributeKey !== undefined}
            conditionFields={conditionFields}
            newOption={(label) => newOption(definition, label)}
            onChange={(options: ChoiceOption[]) => {
              set({ options });
            }}
          />
        </Form.Item>
      ) : null}
      {field.type === 'multipleChoice' ? (
        <>
          {number('minSelected', t('forms.field.choice.minSelected'), field.minSelected, undefined, 0)}
          {number('maxSelected', t('forms.field.choice.maxSelected'), field.maxSelected, undefined, 1)}
        </>
      ) : null}

      {field.type === 'postalCode' ? (
        <Form.Item
          label={t('forms.field.postalCode.addressField')}
          htmlFor={id('addressField')}
          extra={t('forms.field.postalCode.addressFieldHint')}
        >
          <Select<string>
            id={id('addressField')}
            value={field.addressField ?? ''}
            style={{ maxWidth: 300 }}
            options={[
              { value: '', label: t('forms.field.postalCode.addressFieldNone') },
              ...definition.pages
                .flatMap((p) => p.fields)
                .filter((f) => f.type === 'text')
                .map((f) => ({ value: f.id, label: f.label || f.id })),
            ]}
            onChange={(addressField) => {
              set({ addressField: addressField === '' ? undefined : addressField });
            }}
          />
        </Form.Item>
      ) : null}

      {field.type === 'file' ? (
        <>
          <Form.Item label={t('forms.field.file.accept')} htmlFor={id('accept')}>
            <Radio.Group
              id={id('accept')}
              value={field.accept}
              onChange={(event) => {
                set({ accept: event.target.value as 'image' | 'imageOrPdf' });
              }}
              options={[
                { value: 'image', label: t('forms.field.file.image') },
                { value: 'imageOrPdf', label: t('forms.field.file.imageOrPdf') },
              ]}
            />
          </Form.Item>
          {number('maxFiles', t('forms.field.file.maxFiles'), field.maxFiles, undefined, 1)}
        </>
      ) : null}

      {field.type === 'consent' ? (
        <Form.Item label={t('forms.field.consent.text')} htmlFor={id('text')}>
          <Input.TextArea
            id={id('text')}
            value={field.text}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={5000}
            onChange={(event) => {
              set({ text: event.target.value });
            }}
          />
        </Form.Item>
      ) : null}

      {display ? null : (
        <Form.Item
          label={t('forms.field.attribute.label')}
          htmlFor={id('attribute')}
          extra={
            !canBindAttribute(field.type)
              ? t('forms.field.attribute.notBindable')
              : attributesUnavailable
                ? t('forms.field.attribute.unavailable')
                : t('forms.field.attribute.hint')
          }
        >
          <Select<string>
            id={id('attribute')}
            value={field.attributeKey ?? ''}
            disabled={!canBindAttribute(field.type)}
            style={{ maxWidth: 300 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: t('forms.field.attribute.none') },
              ...bindable.map((a) => ({ value: a.key, label: a.retiredAt ? `${a.label}${t('forms.field.attribute.retired')}` : a.label })),
              ...(field.attributeKey && !bindable.some((a) => a.key === field.attributeKey)
                ? [{ value: field.attributeKey, label: field.attributeKey }]
                : []),
            ]}
            onChange={(key) => {
              const attribute = bindable.find((a) => a.key === key);
              if (!attribute) {
                set({ attributeKey: undefined });
                return;
              }
              // A bound choice field answers with the attribute's option keys (definition.ts).
              const options =
                field.type === 'singleChoice' || field.type === 'multipleChoice'
                  ? { options: attribute.options.filter((o) => !o.retiredAt).map((o) => ({ id: o.key, label: o.label })) }
                  : {};
              set({ attributeKey: attribute.key, ...options, ...(attribute.personal ? { personal: true } : {}) });
            }}
          />
        </Form.Item>
      )}

      <Form.Item>
        <ConditionEditor
          id={id('condition')}
          legend={t('forms.field.condition.title')}
          value={field.visibleWhen}
          fields={conditionFields}
          onChange={(visibleWhen) => {
            set({ visibleWhen });
          }}
        />
      </Form.Item>
    </Form>
  );
}
