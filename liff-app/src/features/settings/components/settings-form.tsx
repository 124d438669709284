import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/button';
import { areaLevels, type Draft, type Field } from '../lib/settings-draft';
import styles from './settings-form.module.css';

type Entry = Draft[string];

export interface SettingsFormProps {
  fields: readonly Field[];
  draft: Draft;
  /** Japanese messages from the server, by attribute key. */
  errors: Readonly<Record<string, string>>;
  onChange: (key: string, entry: Entry) => void;
}

/** Every attribute the resident may set, one fieldset each, mobile first. */
export function SettingsFields({ fields, draft, errors, onChange }: SettingsFormProps) {
  return (
    <>
      {fields.map((field) => (
        <FieldSet
          key={field.key}
          field={field}
          entry={draft[field.key]!}
          error={errors[field.key]}
          onChange={(entry) => onChange(field.key, entry)}
        />
      ))}
    </>
  );
}

function FieldSet({
  field,
  entry,
  error,
  onChange,
}: {
  field: Field;
  entry: Entry;
  error?: string | undefined;
  onChange: (entry: Entry) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [field.helpText ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const optionLabel = (o: Field['options'][number]) => (o.retired ? `${o.label}${t('settings.retired')}` : o.label);

  let control;
  switch (field.kind) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE': {
      const multiple = field.kind === 'MULTIPLE_CHOICE';
      control = (
        <div className={styles.chips}>
          {field.options.map((o) => (
            <label key={o.key} className={styles.chip}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`${id}-choice`}
                checked={entry.options.includes(o.key)}
                onChange={(e) => {
                  const options = multiple
                    ? e.target.checked
                      ? [...entry.options, o.key]
                      : entry.options.filter((k) => k !== o.key)
                    : [o.key];
                  onChange({ ...entry, options });
                }}
              />
              {optionLabel(o)}
            </label>
          ))}
          {multiple ? null : (
            <label className={styles.chip}>
              <input
                type="radio"
                name={`${id}-choice`}
                checked={entry.options.length === 0}
                onChange={() => onChange({ ...entry, options: [] })}
              />
              {t('settings.notSet')}
            </label>
          )}
        </div>
      );
      break;
    }
    case 'AREA': {
      const { top, inside } = areaLevels(field);
      const chosen = entry.options[0] ?? '';
      const district =
        top.find((o) => o.key === chosen)?.key ?? top.find((o) => inside.get(o.key)?.some((c) => c.key === chosen))?.key ?? '';
      const subAreas = district ? (inside.get(district) ?? []) : [];
      control = (
        <div className={styles.control}>
          <label htmlFor={`${id}-district`}>{t('settings.district')}</label>
          <select
            id={`${id}-district`}
            className={[styles.input, error ? styles.invalid : null].filter(Boolean).join(' ')}
            value={district}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ ...entry, options: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">{t('settings.chooseDistrict')}</option>
            {top.map((o) => (
              <option key={o.key} value={o.key}>
                {optionLabel(o)}
              </option>
            ))}
          </select>
          {subAreas.length ? (
            <>
              <label htmlFor={`${id}-area`}>{t('settings.subArea')}</label>
              <select
                id={`${id}-area`}
                className={styles.input}
                value={chosen === district ? '' : chosen}
                onChange={(e) => onChange({ ...entry, options: [e.target.value || district] })}
              >
                <option value="">{t('settings.wholeDistrict')}</option>
                {subAreas.map((o) => (
                  <option key={o.key} value={o.key}>
                    {optionLabel(o)}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
      );
      break;
    }
    case 'DATE':
      control = (
        <div className={styles.control}>
          <input
            type="date"
            className={[styles.input, error ? styles.invalid : null].filter(Boolean).join(' ')}
            aria-label={field.label}
            aria-describedby={describedBy}
            value={entry.dates[0] ?? ''}
            onChange={(e) => onChange({ ...entry, dates: e.target.value ? [e.target.value] : [] })}
          />
        </div>
      );
      break;
    case 'DATE_LIST':
      control = (
        <div className={styles.control}>
          {entry.dates.map((date, index) => (
            <div key={index} className={styles.dateRow}>
              <input
                type="date"
                className={styles.input}
                aria-label={t('settings.dateLabel', { label: field.label, n: index + 1 })}
                aria-describedby={describedBy}
                value={date}
                onChange={(e) => onChange({ ...entry, dates: entry.dates.map((d, i) => (i === index ? e.target.value : d)) })}
              />
              <Button variant="secondary" onClick={() => onChange({ ...entry, dates: entry.dates.filter((_, i) => i !== index) })}>
                {t('settings.removeDate', { n: index + 1 })}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => onChange({ ...entry, dates: [...entry.dates, ''] })}>
            {t('settings.addDate')}
          </Button>
        </div>
      );
      break;
    case 'NUMBER':
      control = (
        <div className={styles.control}>
          <input
            type="text"
            inputMode={field.numberInteger ? 'numeric' : 'decimal'}
            className={[styles.input, error ? styles.invalid : null].filter(Boolean).join(' ')}
            aria-label={field.label}
            aria-describedby={describedBy}
            value={entry.text}
            onChange={(e) => onChange({ ...entry, text: e.target.value })}
          />
          {field.numberMin !== null && field.numberMax !== null ? (
            <span className={styles.help}>{t('settings.range', { min: field.numberMin, max: field.numberMax })}</span>
          ) : null}
        </div>
      );
      break;
    case 'TEXT':
      control = (
        <div className={styles.control}>
          <textarea
            className={styles.textarea}
            aria-label={field.label}
            aria-describedby={describedBy}
            maxLength={500}
            value={entry.text}
            onChange={(e) => onChange({ ...entry, text: e.target.value })}
          />
        </div>
      );
      break;
    case 'YES_NO':
      control = (
        <div className={styles.chips}>
          {(
            [
              [true, t('settings.yes')],
              [false, t('settings.no')],
              [null, t('settings.notSet')],
            ] as const
          ).map(([flag, label]) => (
            <label key={String(flag)} className={styles.chip}>
              <input type="radio" name={`${id}-flag`} checked={entry.flag === flag} onChange={() => onChange({ ...entry, flag })} />
              {label}
            </label>
          ))}
        </div>
      );
      break;
    case 'CONSENT':
      control = (
        <div className={styles.chips}>
          <label className={styles.chip}>
            <input
              type="checkbox"
              checked={entry.flag === true}
              onChange={(e) => onChange({ ...entry, flag: e.target.checked ? true : null })}
            />
            {t('settings.consent')}
          </label>
        </div>
      );
      break;
  }

  return (
    <fieldset className={styles.field}>
      <legend className={styles.legend}>{field.label}</legend>
      {field.helpText ? (
        <p id={helpId} className={styles.help}>
          {field.helpText}
        </p>
      ) : null}
      {control}
      {error ? (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
