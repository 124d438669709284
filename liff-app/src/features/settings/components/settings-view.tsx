import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/button';
import type { Draft, Field } from '../lib/settings-draft';
import styles from '../pages/settings-page.module.css';
import { SettingsFields } from './settings-form';

export interface SettingsViewProps {
  fields: readonly Field[];
  draft: Draft;
  errors: Readonly<Record<string, string>>;
  status: 'idle' | 'saved' | 'failed' | 'invalid';
  saving: boolean;
  onSubmit: (e: FormEvent) => void;
  onChange: (key: string, entry: Draft[string]) => void;
  footer?: ReactNode;
}

/** The 受信設定 screen as props draw it (the page adds the data). */
export function SettingsView({ fields, draft, errors, status, saving, onSubmit, onChange, footer }: SettingsViewProps) {
  const { t } = useTranslation();
  const errorCount = Object.keys(errors).length;
  return (
    <div className={styles.page}>
      <h1>{t('settings.title')}</h1>
      <p className={styles.lead}>{t('settings.lead')}</p>
      {status === 'invalid' ? (
        <p className={styles.error} role="alert">
          {t('settings.invalid', { count: errorCount })}
        </p>
      ) : null}
      {fields.length === 0 ? (
        <p>{t('settings.empty')}</p>
      ) : (
        <form className={styles.form} onSubmit={onSubmit} noValidate>
          <SettingsFields fields={fields} draft={draft} errors={errors} onChange={onChange} />
          <div className={styles.actions}>
            <div aria-live="polite">
              {status === 'saved' ? (
                <p className={styles.success} role="status">
                  {t('settings.saved')}
                </p>
              ) : null}
              {status === 'failed' ? (
                <p className={styles.error} role="alert">
                  {t('settings.failed')}
                </p>
              ) : null}
            </div>
            <Button type="submit" block disabled={saving}>
              {saving ? t('settings.saving') : t('settings.save')}
            </Button>
          </div>
        </form>
      )}
      {footer}
    </div>
  );
}
