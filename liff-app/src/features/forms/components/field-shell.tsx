import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '@machi/form-engine';
import { LinkifiedText } from '../lib/linkify';
import styles from './form-fields.module.css';

/** DOM ids of a question's parts; field ids are URL-safe (`f_1a2b`), so they make valid ids. */
export function fieldIds(fieldId: string) {
  const base = `q-${fieldId}`;
  return { input: base, label: `${base}-label`, help: `${base}-help`, error: `${base}-error`, extra: `${base}-extra` };
}

export function describedBy(...ids: (string | null | undefined | false)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return list.length > 0 ? list.join(' ') : undefined;
}

function RequiredMark({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return <span className={required ? styles.required : styles.optional}>{required ? t('forms.required') : t('forms.optional')}</span>;
}

function HelpAndError({ field, error }: { field: FormField; error: string | undefined }) {
  const ids = fieldIds(field.id);
  return (
    <>
      {field.help ? (
        <p id={ids.help} className={styles.help}>
          <LinkifiedText text={field.help} />
        </p>
      ) : null}
      {error ? (
        <p id={ids.error} className={styles.error}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** One question with a single control: a `<label for>` names it. */
export function LabelledField({ field, error, children }: { field: FormField; error: string | undefined; children: ReactNode }) {
  const ids = fieldIds(field.id);
  return (
    <div className={[styles.field, error ? styles.invalid : null].filter(Boolean).join(' ')}>
      <label htmlFor={ids.input} id={ids.label} className={styles.label}>
        <span>{field.label}</span>
        <RequiredMark required={field.required === true} />
      </label>
      <HelpAndError field={field} error={error} />
      {children}
    </div>
  );
}

/** One question with several controls (radios, checkboxes, a list of dates): a fieldset and legend name them. */
export function GroupField({ field, error, children }: { field: FormField; error: string | undefined; children: ReactNode }) {
  const ids = fieldIds(field.id);
  return (
    <fieldset
      className={[styles.field, styles.group, error ? styles.invalid : null].filter(Boolean).join(' ')}
      aria-describedby={describedBy(field.help && ids.help, error && ids.error)}
    >
      <legend id={ids.label} className={styles.label}>
        <span>{field.label}</span>
        <RequiredMark required={field.required === true} />
      </legend>
      <HelpAndError field={field} error={error} />
      {children}
    </fieldset>
  );
}

/** The aria attributes every single control carries. */
export function controlAria(field: FormField, error: string | undefined, ...extra: (string | null | undefined | false)[]) {
  const ids = fieldIds(field.id);
  return {
    id: ids.input,
    'aria-describedby': describedBy(field.help && ids.help, error && ids.error, ...extra),
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required ? true : undefined,
  } as const;
}
