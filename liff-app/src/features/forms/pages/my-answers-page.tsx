import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MyFormAnswersDocument } from '../../../gql/graphql';
import { toApiError } from '../../../shared/lib/api-error';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { Button, ButtonLink } from '../../../shared/ui/button';
import { AlertIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';
import { SignInPanel } from '../components/sign-in-panel';
import { StatusBadge } from '../components/status-badge';
import { SubmissionAnswers } from '../components/submission-answers';
import { formatDateTime } from '../lib/format';
import { useFormSession } from '../lib/use-form-session';
import styles from '../components/submission.module.css';

/** `/liff/forms/:formId/mine`: what I answered; for registration forms, what I have registered. */
export function MyAnswersPage() {
  const { t } = useTranslation();
  const { formId = '' } = useParams();
  const { signedIn, login } = useFormSession();
  const { data, error, loading, refetch } = useQuery(MyFormAnswersDocument, {
    variables: { formId },
    skip: !signedIn,
    fetchPolicy: 'network-only',
  });
  const form = data?.residentForm;
  const registration = form?.kind === 'REGISTRATION';
  const title = registration ? t('forms.mine.registrationTitle') : t('forms.mine.title');
  useDocumentTitle(form ? `${title}（${form.title}）` : t('forms.mine.title'));

  if (!signedIn) return <SignInPanel title={t('forms.mine.title')} description={t('forms.mine.signIn')} onLogin={login} />;
  if (loading && !data) return <StatusPanel tone="busy" title={t('forms.loading')} />;
  if (error || !form || !data) {
    const api = error ? toApiError(error) : null;
    return (
      <StatusPanel
        tone={api?.code === 'NOT_FOUND' || !error ? 'info' : 'error'}
        title={t('forms.loadFailed')}
        icon={<AlertIcon />}
        actions={
          api?.code === 'NOT_FOUND' ? undefined : (
            <Button block onClick={() => void refetch()}>
              {t('forms.retry')}
            </Button>
          )
        }
      >
        <p>{api?.code === 'NOT_FOUND' || !error ? t('forms.notFound') : (api?.message ?? t('session.error.server'))}</p>
      </StatusPanel>
    );
  }

  const submissions = [...data.myFormSubmissions].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  const latest = submissions[0];
  const canAnswer = form.availability.open;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.formTitle}>{form.title}</p>
        <h1>{title}</h1>
      </header>
      {!latest ? <p className={styles.muted}>{t('forms.mine.none')}</p> : null}
      {registration && latest ? (
        <section className={styles.section} aria-labelledby="registered-heading">
          <h2 id="registered-heading" className="visually-hidden">
            {title}
          </h2>
          <p className={styles.muted}>{t('forms.mine.submittedAt', { date: formatDateTime(latest.submittedAt) })}</p>
          <SubmissionAnswers answers={latest.answers} />
        </section>
      ) : null}
      {!registration && submissions.length > 0 ? (
        <ul className={styles.list}>
          {submissions.map((submission) => (
            <li key={submission.id} className={styles.card}>
              <div className={styles.cardTop}>
                <span className={styles.receipt}>{submission.receiptNumber}</span>
                <StatusBadge status={submission.status} />
              </div>
              <p className={styles.muted}>{t('forms.mine.submittedAt', { date: formatDateTime(submission.submittedAt) })}</p>
              <Link to={`/submissions/${submission.id}`} aria-label={`${t('forms.mine.open')}（${submission.receiptNumber}）`}>
                {t('forms.mine.open')}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {canAnswer ? (
        <div className={styles.actions}>
          <ButtonLink to={`/forms/${form.id}`} variant="primary" block>
            {!latest
              ? t('forms.mine.answer')
              : registration || form.answerPolicy === 'OVERWRITE'
                ? t('forms.mine.change')
                : t('forms.mine.answerAgain')}
          </ButtonLink>
        </div>
      ) : null}
    </div>
  );
}
