import { ArrowDownOutlined, ArrowUpOutlined, BranchesOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import type { ChoiceOption, FormField } from '@machi/form-engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveItem } from '../lib/definition-edit';
import { ConditionEditor } from './condition-editor';

export interface OptionsEditorProps {
  fieldId: string;
  options: readonly ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
  /** A new option with an id unused in the form. */
  newOption: (label: string) => ChoiceOption;
  /** Fields an option's condition may use (those before the field). */
  conditionFields: readonly FormField[];
  /** Options of an attribute-bound field are the attribute's: labels and order only. */
  bound: boolean;
}

/** A choice field's options: rename, add, reorder (buttons, so the keyboard can do it), remove, and show only when. */
export function OptionsEditor({ fieldId, options, onChange, newOption, conditionFields, bound }: OptionsEditorProps) {
  const { t } = useTranslation();
  const [conditionOf, setConditionOf] = useState<string | null>(null);
  const update = (index: number, option: ChoiceOption) => {
    onChange(options.map((o, i) => (i === index ? option : o)));
  };
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <legend style={{ fontSize: 'inherit', fontWeight: 600, marginBottom: 4 }}>{t('forms.field.choice.options')}</legend>
      {bound ? <Typography.Paragraph type="secondary">{t('forms.field.choice.boundOptions')}</Typography.Paragraph> : null}
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {options.map((option, index) => {
          const name = option.label || t('forms.field.choice.option', { n: index + 1 });
          return (
            <li key={option.id} style={{ marginBottom: 8 }}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  aria-label={t('forms.field.choice.option', { n: index + 1 })}
                  value={option.label}
                  maxLength={200}
                  onChange={(event) => {
                    update(index, { ...option, label: event.target.value });
                  }}
                />
                <Button
                  icon={<ArrowUpOutlined />}
                  aria-label={t('forms.field.choice.optionUp', { label: name })}
                  disabled={index === 0}
                  onClick={() => {
                    onChange(moveItem(options, index, -1));
                  }}
                />
                <Button
                  icon={<ArrowDownOutlined />}
                  aria-label={t('forms.field.choice.optionDown', { label: name })}
                  disabled={index === options.length - 1}
                  onClick={() => {
                    onChange(moveItem(options, index, 1));
                  }}
                />
                <Button
                  icon={<BranchesOutlined />}
                  aria-label={t('forms.field.choice.optionCondition', { label: name })}
                  aria-expanded={conditionOf === option.id}
                  type={option.visibleWhen ? 'primary' : 'default'}
                  onClick={() => {
                    setConditionOf(conditionOf === option.id ? null : option.id);
                  }}
                />
                <Button
                  icon={<DeleteOutlined />}
                  danger
                  aria-label={t('forms.field.choice.removeOption', { label: name })}
                  disabled={bound || options.length <= 1}
                  onClick={() => {
                    onChange(options.filter((_, i) => i !== index));
                  }}
                />
              </Space.Compact>
              {conditionOf === option.id ? (
                <div style={{ padding: '8px 0 0 12px' }}>
                  <ConditionEditor
                    id={`${fieldId}-${option.id}-condition`}
                    legend={t('forms.field.choice.optionCondition', { label: name })}
                    value={option.visibleWhen}
                    fields={conditionFields}
                    onChange={(visibleWhen) => {
                      update(index, { id: option.id, label: option.label, ...(visibleWhen ? { visibleWhen } : {}) });
                    }}
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {bound ? null : (
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            onChange([...options, newOption(t('forms.builder.optionLabel', { n: options.length + 1 }))]);
          }}
        >
          {t('forms.field.choice.addOption')}
        </Button>
      )}
    </fieldset>
  );
}
