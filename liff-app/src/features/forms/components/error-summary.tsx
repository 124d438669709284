import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIds } from './field-shell';
import styles from './form-runner.module.css';

export interface ShownError {
  fieldId: string;
  label: string;
  message: string;
}

/**
 * The list of problems at the top of the page, announced when it appears (role="alert") and
 * focused by the caller, each entry a link that moves focus to its question.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: ShownError[] }>(function ErrorSummary({ errors }, ref) {
  const { t } = useTranslation();
  return (
    <div ref={ref} className={styles.errorSummary} role="alert" tabIndex={-1} aria-labelledby="form-error-summary-title">
      <h2 id="form-error-summary-title" className={styles.errorSummaryTitle}>
        {t('forms.errorSummaryTitle', { count: errors.length })}
      </h2>
      <ul>
        {errors.map((error) => (
          <li key={error.fieldId}>
            <a
              href={`#${fieldIds(error.fieldId).input}`}
              onClick={(e) => {
                const target = document.getElementById(fieldIds(error.fieldId).input);
                if (target) {
                  e.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }
              }}
            >
              {error.label}：{error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
});
