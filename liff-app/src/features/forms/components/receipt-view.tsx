import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../shared/ui/button';
import { LinkifiedText } from '../lib/linkify';
import styles from './form-runner.module.css';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** After sending: the 受付番号, big and copyable, and the form's thank-you message. */
export const ReceiptView = forwardRef<
  HTMLHeadingElement,
  { title: string; receiptNumber: string; thankYouMessage: string | null; submissionPath: string | null; signedIn: boolean }
>(function ReceiptView({ title, receiptNumber, thankYouMessage, submissionPath, signedIn }, ref) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className={styles.runner}>
      <header className={styles.header}>
        <p className={styles.step}>{title}</p>
        <h1 ref={ref} tabIndex={-1} className={styles.title}>
          {t('forms.done.title')}
        </h1>
      </header>
      <section className={styles.receipt} aria-labelledby="receipt-label">
        <h2 id="receipt-label" className={styles.receiptLabel}>
          {t('forms.done.receiptLabel')}
        </h2>
        <p className={styles.receiptNumber} data-testid="receipt-number">
          {receiptNumber}
        </p>
        <button
          type="button"
          className={styles.copyButton}
          onClick={() => {
            void copyText(receiptNumber).then((ok) => setCopy(ok ? 'copied' : 'failed'));
          }}
        >
          {t('forms.done.copy')}
        </button>
        <p role="status" className={styles.copyStatus}>
          {copy === 'copied' ? t('forms.done.copied') : copy === 'failed' ? t('forms.done.copyFailed') : ''}
        </p>
        <p className={styles.receiptNote}>{t('forms.done.keep')}</p>
      </section>
      {thankYouMessage ? (
        <p className={styles.thankYou}>
          <LinkifiedText text={thankYouMessage} />
        </p>
      ) : null}
      {signedIn ? (
        <div className={styles.actions}>
          {submissionPath ? (
            <ButtonLink to={submissionPath} variant="primary" block>
              {t('forms.done.viewSubmission')}
            </ButtonLink>
          ) : null}
          <ButtonLink to="/" block>
            {t('forms.done.home')}
          </ButtonLink>
        </div>
      ) : submissionPath ? (
        <section className={styles.receipt} aria-labelledby="status-page-label">
          <h2 id="status-page-label" className={styles.receiptLabel}>
            {t('forms.done.statusPage')}
          </h2>
          <p className={styles.receiptNote}>{t('forms.done.statusPageNote')}</p>
          <div className={styles.actions}>
            <ButtonLink to={submissionPath} variant="primary" block>
              {t('forms.done.openStatusPage')}
            </ButtonLink>
          </div>
        </section>
      ) : null}
    </div>
  );
});
