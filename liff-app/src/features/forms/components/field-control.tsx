import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRealDate, LIMITS, visibleOptions, type AnswerValue, type Answers, type FormField } from '@machi/form-engine';
import type { UploadedFile } from '../lib/answer-storage';
import { LinkifiedText } from '../lib/linkify';
import { controlAria, fieldIds, GroupField, LabelledField } from './field-shell';
import { FileField } from './file-field';
import { PostalCodeField } from './postal-code-field';
import styles from './form-fields.module.css';

export interface FieldControlProps {
  field: FormField;
  value: AnswerValue | undefined;
  error: string | undefined;
  /** The effective answers (hidden fields dropped): which options show depends on them. */
  answers: Answers;
  onChange: (value: AnswerValue) => void;
  /** Another field's answer (the postal code fills the address). */
  onChangeOther: (fieldId: string, value: AnswerValue) => void;
  files: Record<string, UploadedFile>;
  onFilesUploaded: (files: UploadedFile[]) => void;
}

const asString = (value: AnswerValue | undefined): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const asList = (value: AnswerValue | undefined): string[] => (Array.isArray(value) ? [...(value as readonly string[])] : []);
/** Min/max attributes for the picker; relative bounds (`today+7`) are left to the engine's message. */
const dateBound = (bound: string | undefined): string | undefined => (bound !== undefined && isRealDate(bound) ? bound : undefined);

function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Renders one question of any type; headings and paragraphs are display only. */
export function FieldControl(props: FieldControlProps) {
  const { field } = props;
  switch (field.type) {
    case 'heading':
      return <h2 className={styles.heading}>{field.label}</h2>;
    case 'paragraph':
      return (
        <div className={styles.paragraph}>
          {field.label ? <p className={styles.paragraphTitle}>{field.label}</p> : null}
          <p>
            <LinkifiedText text={field.text} />
          </p>
        </div>
      );
    case 'text':
      return <TextField {...props} field={field} />;
    case 'number':
      return <NumberField {...props} field={field} />;
    case 'email':
    case 'phone':
    case 'time':
    case 'date':
      return <SimpleInput {...props} field={field} />;
    case 'postalCode':
      return <PostalCodeField {...props} field={field} />;
    case 'dateList':
      return <DateListField {...props} field={field} />;
    case 'singleChoice':
      return field.display === 'dropdown' ? <SelectField {...props} field={field} /> : <RadioField {...props} field={field} />;
    case 'multipleChoice':
      return <CheckboxField {...props} field={field} />;
    case 'yesNo':
      return <YesNoField {...props} />;
    case 'consent':
      return <ConsentField {...props} field={field} />;
    case 'file':
      return <FileField {...props} field={field} />;
  }
}

type Props<T extends FormField['type']> = FieldControlProps & { field: Extract<FormField, { type: T }> };

function TextField({ field, value, error, onChange }: Props<'text'>) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  const text = asString(value);
  const max = field.maxLength ?? (field.multiline ? LIMITS.multilineLength : LIMITS.singleLineLength);
  const count = codePoints(text);
  const showCounter = field.maxLength !== undefined;
  const aria = controlAria(field, error, showCounter && ids.extra);
  const counter = showCounter ? (
    <p id={ids.extra} className={[styles.counter, count > max ? styles.counterOver : null].filter(Boolean).join(' ')}>
      {count > max
        ? t('forms.charCountOver', { count, max: String(max), over: String(count - max) })
        : t('forms.charCount', { count, max: String(max) })}
    </p>
  ) : null;
  return (
    <LabelledField field={field} error={error}>
      {field.multiline ? (
        <textarea
          {...aria}
          className={styles.textarea}
          rows={5}
          value={text}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          {...aria}
          className={styles.input}
          type="text"
          value={text}
          placeholder={field.placeholder}
          autoComplete={field.personal ? 'on' : 'off'}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {counter}
    </LabelledField>
  );
}

/** 全角 digits, minus and point as IMEs type them. */
function parseNumber(text: string): number | string | null {
  const half = text
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－ー−]/g, '-')
    .replace(/,/g, '');
  if (half === '') return null;
  // Anything else stays text, so the engine says 「数値で入力してください」 rather than the input eating it.
  return /^-?\d+(?:\.\d+)?$/.test(half) ? Number(half) : text;
}

function NumberField({ field, value, error, onChange }: Props<'number'>) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  const [text, setText] = useState(asString(value));
  const last = useRef(value);
  // An answer set from outside (restore, prefill) replaces what is typed.
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(asString(value));
    }
  }, [value]);
  return (
    <LabelledField field={field} error={error}>
      <div className={styles.inline}>
        <input
          {...controlAria(field, error, field.unit && ids.extra)}
          className={[styles.input, styles.short].join(' ')}
          type="text"
          inputMode={field.integer && (field.min ?? 0) >= 0 ? 'numeric' : 'decimal'}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const parsed = parseNumber(e.target.value);
            last.current = parsed;
            onChange(parsed);
          }}
        />
        {field.unit ? (
          <span id={ids.extra} className={styles.unit}>
            <span className="visually-hidden">{t('forms.unit', { unit: field.unit })}</span>
            <span aria-hidden="true">{field.unit}</span>
          </span>
        ) : null}
      </div>
    </LabelledField>
  );
}

function SimpleInput({ field, value, error, onChange }: Props<'email' | 'phone' | 'time' | 'date'>) {
  const common = {
    ...controlAria(field, error),
    value: asString(value),
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  let input;
  switch (field.type) {
    case 'email':
      input = <input {...common} className={styles.input} type="email" inputMode="email" autoComplete="email" spellCheck={false} />;
      break;
    case 'phone':
      input = <input {...common} className={[styles.input, styles.medium].join(' ')} type="tel" inputMode="tel" autoComplete="tel" />;
      break;
    case 'time':
      input = <input {...common} className={[styles.input, styles.medium].join(' ')} type="time" min={field.min} max={field.max} />;
      break;
    case 'date':
      input = (
        <input
          {...common}
          className={[styles.input, styles.medium].join(' ')}
          type="date"
          min={dateBound(field.min)}
          max={dateBound(field.max)}
        />
      );
      break;
  }
  return (
    <LabelledField field={field} error={error}>
      {input}
    </LabelledField>
  );
}

function DateListField({ field, value, error, onChange }: Props<'dateList'>) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  const dates = asList(value);
  const max = Math.min(field.maxItems ?? LIMITS.dateListItems, LIMITS.dateListItems);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  // After adding or removing a row, focus goes to a row that exists, not to the page's top.
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    inputs.current[pendingFocus.current]?.focus();
    pendingFocus.current = null;
  });
  const set = (next: string[]) => onChange(next);
  return (
    <GroupField field={field} error={error}>
      {dates.length === 0 ? <p className={styles.help}>{t('forms.dateList.empty')}</p> : null}
      <ol className={styles.dateList}>
        {dates.map((date, i) => (
          <li key={i} className={styles.dateRow}>
            <label className="visually-hidden" htmlFor={i === 0 ? ids.input : `${ids.input}-${i}`}>
              {`${field.label} ${t('forms.dateList.item', { n: String(i + 1) })}`}
            </label>
            <input
              ref={(el) => {
                inputs.current[i] = el;
              }}
              id={i === 0 ? ids.input : `${ids.input}-${i}`}
              className={[styles.input, styles.medium].join(' ')}
              type="date"
              value={date}
              min={dateBound(field.min)}
              max={dateBound(field.max)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              onChange={(e) => set(dates.map((d, j) => (j === i ? e.target.value : d)))}
            />
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => {
                set(dates.filter((_, j) => j !== i));
                pendingFocus.current = Math.max(0, i - 1);
              }}
            >
              {t('forms.dateList.remove', { n: String(i + 1) })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className={styles.addButton}
        disabled={dates.length >= max}
        aria-describedby={`${ids.input}-limit`}
        onClick={() => {
          set([...dates, '']);
          pendingFocus.current = dates.length;
        }}
      >
        ＋ {t('forms.dateList.add')}
      </button>
      <p id={`${ids.input}-limit`} className={styles.help}>
        {t('forms.dateList.limit', { max: String(max) })}
      </p>
    </GroupField>
  );
}

function RadioField({ field, value, error, answers, onChange }: Props<'singleChoice'>) {
  const ids = fieldIds(field.id);
  const name = useId();
  const options = visibleOptions(field, answers);
  return (
    <GroupField field={field} error={error}>
      <div className={styles.choices}>
        {options.map((option, i) => (
          <label key={option.id} className={styles.choice}>
            <input
              type="radio"
              name={name}
              id={i === 0 ? ids.input : undefined}
              value={option.id}
              checked={value === option.id}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(option.id)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </GroupField>
  );
}

function SelectField({ field, value, error, answers, onChange }: Props<'singleChoice'>) {
  const { t } = useTranslation();
  const options = visibleOptions(field, answers);
  const current = typeof value === 'string' && options.some((o) => o.id === value) ? value : '';
  return (
    <LabelledField field={field} error={error}>
      <select
        {...controlAria(field, error)}
        className={styles.select}
        value={current}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{t('forms.choosePlaceholder')}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

function CheckboxField({ field, value, error, answers, onChange }: Props<'multipleChoice'>) {
  const ids = fieldIds(field.id);
  const options = visibleOptions(field, answers);
  const selected = asList(value);
  return (
    <GroupField field={field} error={error}>
      <div className={styles.choices}>
        {options.map((option, i) => (
          <label key={option.id} className={styles.choice}>
            <input
              type="checkbox"
              id={i === 0 ? ids.input : undefined}
              value={option.id}
              checked={selected.includes(option.id)}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                const next = e.target.checked ? [...selected, option.id] : selected.filter((id) => id !== option.id);
                // In the form's order, as the server stores it.
                onChange(field.options.map((o) => o.id).filter((id) => next.includes(id)));
              }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </GroupField>
  );
}

function YesNoField({ field, value, error, onChange }: FieldControlProps) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  const name = useId();
  return (
    <GroupField field={field} error={error}>
      <div className={[styles.choices, styles.choicesRow].join(' ')}>
        {[true, false].map((answer) => (
          <label key={String(answer)} className={styles.choice}>
            <input
              type="radio"
              name={name}
              id={answer ? ids.input : undefined}
              checked={value === answer}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(answer)}
            />
            <span>{answer ? t('forms.yes') : t('forms.no')}</span>
          </label>
        ))}
      </div>
    </GroupField>
  );
}

function ConsentField({ field, value, error, onChange }: Props<'consent'>) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  return (
    <GroupField field={field} error={error}>
      <div id={ids.extra} className={styles.consentText}>
        <LinkifiedText text={field.text} />
      </div>
      <label className={styles.choice}>
        <input
          type="checkbox"
          id={ids.input}
          checked={value === true}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.extra}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{t('forms.agree')}</span>
      </label>
    </GroupField>
  );
}
