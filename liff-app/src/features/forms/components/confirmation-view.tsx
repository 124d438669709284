import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { summarizeAnswer, type Answers, type FormPage } from '@machi/form-engine';
import { Button } from '../../../shared/ui/button';
import type { ResidentFormView } from './form-types';
import styles from './form-runner.module.css';

/** FORM-16: every answer as the city will read it, with a way back to each question. */
export const ConfirmationView = forwardRef<
  HTMLHeadingElement,
  {
    form: ResidentFormView;
    /** Effective answers: only what is visible is sent, so only that is listed. */
    answers: Answers;
    pages: readonly FormPage[];
    fieldsVisible: ReadonlySet<string>;
    contactEmail: string | null;
    submitting: boolean;
    submitError: string | null;
    onEdit: (fieldId: string) => void;
    onBack: () => void;
    onSubmit: () => void;
  }
>(function ConfirmationView({ form, answers, pages, fieldsVisible, contactEmail, submitting, submitError, onEdit, onBack, onSubmit }, ref) {
  const { t } = useTranslation();
  return (
    <div className={styles.runner}>
      <header className={styles.header}>
        <p className={styles.step}>{form.title}</p>
        <h1 ref={ref} tabIndex={-1} className={styles.title}>
          {t('forms.confirm.title')}
        </h1>
        <p className={styles.description}>{t('forms.confirm.lead')}</p>
      </header>
      {pages.map((page) => {
        const fields = page.fields.filter((f) => fieldsVisible.has(f.id) && !f.adminOnly && f.type !== 'heading' && f.type !== 'paragraph');
        if (fields.length === 0) return null;
        return (
          <section key={page.id} className={styles.confirmSection} aria-label={page.title ?? form.title}>
            {page.title && pages.length > 1 ? <h2 className={styles.confirmHeading}>{page.title}</h2> : null}
            <dl className={styles.confirmList}>
              {fields.map((field) => (
                <div key={field.id} className={styles.confirmRow}>
                  <dt>{field.label}</dt>
                  <dd>
                    <span className={styles.answerText}>{summarizeAnswer(field, answers[field.id])}</span>
                    <button
                      type="button"
                      className={styles.editButton}
                      aria-label={t('forms.confirm.editLabel', { label: field.label })}
                      onClick={() => onEdit(field.id)}
                    >
                      {t('forms.confirm.edit')}
                    </button>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      {contactEmail ? (
        <dl className={styles.confirmList}>
          <div className={styles.confirmRow}>
            <dt>{t('forms.contact.label')}</dt>
            <dd>
              <span className={styles.answerText}>{contactEmail}</span>
              <button
                type="button"
                className={styles.editButton}
                aria-label={t('forms.confirm.editLabel', { label: t('forms.contact.label') })}
                onClick={() => onEdit('contactEmail')}
              >
                {t('forms.confirm.edit')}
              </button>
            </dd>
          </div>
        </dl>
      ) : null}
      {submitError ? (
        <p className={styles.submitError} role="alert">
          {submitError}
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button block disabled={submitting} onClick={onSubmit}>
          {submitting ? t('forms.submitting') : t('forms.submit')}
        </Button>
        <Button variant="secondary" block disabled={submitting} onClick={onBack}>
          {t('forms.back')}
        </Button>
      </div>
    </div>
  );
});
