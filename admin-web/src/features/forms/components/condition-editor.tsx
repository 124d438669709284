import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Condition, FormField } from '@machi/form-engine';
import { useTranslation } from 'react-i18next';
import { defaultRule, fromEditable, needsValue, operatorsFor, toEditable, withField, withOperator } from '../lib/conditions';
import type { EditableCondition, Operator, Rule } from '../lib/conditions';

export interface ConditionEditorProps {
  /** Unique on the page: the ids of the controls start with it. */
  id: string;
  legend: string;
  value: Condition | undefined;
  onChange: (next: Condition | undefined) => void;
  /** The fields the condition may use: only those before its owner (earlierFields). */
  fields: readonly FormField[];
}

/**
 * When a field, an option or a page is shown (FORM-15): always, or when all / any of a list of
 * rules (earlier field + operator + value) hold.
 */
export function ConditionEditor({ id, legend, value, onChange, fields }: ConditionEditorProps) {
  const { t } = useTranslation();
  const editable = toEditable(value);
  const set = (next: EditableCondition) => {
    onChange(fromEditable(next));
  };
  const first = fields[0];

  return (
    <fieldset className="form-condition" style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <legend style={{ fontSize: 'inherit', marginBottom: 4, fontWeight: 600 }}>{legend}</legend>
      {editable.kind === 'other' ? (
        <Alert
          type="info"
          showIcon
          title={t('forms.condition.other')}
          action={
            <Button
              size="small"
              onClick={() => {
                onChange(undefined);
              }}
            >
              {t('forms.condition.reset')}
            </Button>
          }
        />
      ) : (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Radio.Group
            name={`${id}-enabled`}
            value={editable.kind === 'none' ? 'always' : 'when'}
            disabled={editable.kind === 'none' && !first}
            onChange={(event) => {
              if (event.target.value === 'always') set({ kind: 'none' });
              else if (first) set({ kind: 'group', mode: 'all', rules: [defaultRule(first)] });
            }}
            options={[
              { value: 'always', label: t('forms.condition.always') },
              { value: 'when', label: t('forms.condition.when') },
            ]}
          />
          {editable.kind === 'none' && !first ? (
            <Typography.Text type="secondary">{t('forms.condition.noEarlierFields')}</Typography.Text>
          ) : null}
          {editable.kind === 'group' ? <RuleGroup id={id} group={editable} fields={fields} onChange={set} /> : null}
        </Space>
      )}
    </fieldset>
  );
}

function RuleGroup({
  id,
  group,
  fields,
  onChange,
}: {
  id: string;
  group: Extract<EditableCondition, { kind: 'group' }>;
  fields: readonly FormField[];
  onChange: (next: EditableCondition) => void;
}) {
  const { t } = useTranslation();
  const setRule = (index: number, rule: Rule) => {
    onChange({ ...group, rules: group.rules.map((r, i) => (i === index ? rule : r)) });
  };
  const first = fields[0];
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {group.rules.length > 1 ? (
        <Select<'all' | 'any'>
          aria-label={t('forms.condition.mode')}
          value={group.mode}
          style={{ minWidth: 180 }}
          onChange={(mode) => {
            onChange({ ...group, mode });
          }}
          options={[
            { value: 'all', label: t('forms.condition.all') },
            { value: 'any', label: t('forms.condition.any') },
          ]}
        />
      ) : null}
      {group.rules.map((rule, index) => (
        <RuleRow
          // Rules have no ids of their own; their position is what the staff member sees.
          key={index}
          n={index + 1}
          rule={rule}
          fields={fields}
          onChange={(next) => {
            setRule(index, next);
          }}
          onRemove={() => {
            onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) });
          }}
        />
      ))}
      {first ? (
        <Button
          size="small"
          icon={<PlusOutlined />}
          id={`${id}-add`}
          onClick={() => {
            onChange({ ...group, rules: [...group.rules, defaultRule(first)] });
          }}
        >
          {t('forms.condition.add')}
        </Button>
      ) : null}
    </Space>
  );
}

function RuleRow({
  n,
  rule,
  fields,
  onChange,
  onRemove,
}: {
  n: number;
  rule: Rule;
  fields: readonly FormField[];
  onChange: (rule: Rule) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.id === rule.field);
  const ruleName = t('forms.condition.rule', { n });
  const fieldOptions = fields.map((f) => ({ value: f.id, label: f.label || t('forms.builder.noLabel') }));
  // A condition on a field that is no longer before its owner still shows, so it can be fixed.
  if (!field) fieldOptions.push({ value: rule.field, label: rule.field });
  const ops = field ? operatorsFor(field.type) : (['answered', 'notAnswered'] as Operator[]);
  return (
    <div role="group" aria-label={ruleName} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <Select<string>
        aria-label={`${ruleName}：${t('forms.condition.field')}`}
        value={rule.field}
        style={{ minWidth: 180, maxWidth: 260 }}
        options={fieldOptions}
        onChange={(fieldId) => {
          const next = fields.find((f) => f.id === fieldId);
          if (next) onChange(withField(rule, next));
        }}
      />
      <Select<Operator>
        aria-label={`${ruleName}：${t('forms.condition.operator')}`}
        value={rule.op}
        style={{ minWidth: 150 }}
        options={ops.map((op) => ({ value: op, label: t(`forms.condition.ops.${op}`) }))}
        onChange={(op) => {
          onChange(withOperator(rule, field, op));
        }}
      />
      {needsValue(rule.op) ? (
        <RuleValue
          label={`${ruleName}：${t('forms.condition.value')}`}
          field={field}
          value={rule.value}
          onChange={(value) => {
            onChange({ ...rule, value });
          }}
        />
      ) : null}
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('forms.condition.remove', { n })}
        onClick={onRemove}
      />
    </div>
  );
}

function RuleValue({
  label,
  field,
  value,
  onChange,
}: {
  label: string;
  field: FormField | undefined;
  value: Rule['value'];
  onChange: (value: Rule['value']) => void;
}) {
  const { t } = useTranslation();
  if (field && (field.type === 'singleChoice' || field.type === 'multipleChoice')) {
    return (
      <Select<string>
        aria-label={label}
        value={typeof value === 'string' ? value : undefined}
        style={{ minWidth: 160 }}
        options={field.options.map((o) => ({ value: o.id, label: o.label }))}
        onChange={onChange}
      />
    );
  }
  if (field && (field.type === 'yesNo' || field.type === 'consent')) {
    const yes = field.type === 'yesNo' ? t('forms.condition.yes') : t('forms.condition.agreed');
    const no = field.type === 'yesNo' ? t('forms.condition.no') : t('forms.condition.notAgreed');
    return (
      <Select<'true' | 'false'>
        aria-label={label}
        value={value === true ? 'true' : value === false ? 'false' : undefined}
        style={{ minWidth: 120 }}
        options={[
          { value: 'true', label: yes },
          { value: 'false', label: no },
        ]}
        onChange={(next) => {
          onChange(next === 'true');
        }}
      />
    );
  }
  if (field?.type === 'number') {
    return (
      <InputNumber
        aria-label={label}
        value={typeof value === 'number' ? value : null}
        onChange={(next) => {
          onChange(typeof next === 'number' ? next : undefined);
        }}
      />
    );
  }
  return (
    <Input
      aria-label={label}
      style={{ width: 180 }}
      type={field?.type === 'date' ? 'date' : field?.type === 'time' ? 'time' : 'text'}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => {
        onChange(event.target.value === '' ? undefined : event.target.value);
      }}
    />
  );
}
