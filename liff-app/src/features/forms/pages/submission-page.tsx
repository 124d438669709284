import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { MySubmissionDocument } from '../../../gql/graphql';
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

/** A browser submitter's key, from `#key=…` (a fragment, so it never reaches a server log). */
function keyFromFragment(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
  return key && /^[A-Za-z0-9_-]{16,64}$/.test(key) ? key : null;
}

/**
 * `/liff/submissions/:submissionId`: one of my submissions, its status and the city's messages.
 * FORM-17's LINE notice carries only a link here; the message itself is read on this page. A
 * browser submitter opens it with the key from their receipt screen or mail.
 */
export function SubmissionPage() {
  const { t } = useTranslation();
  const { submissionId = '' } = useParams();
  const { signedIn, login } = useFormSession();
  const { hash } = useLocation();
  const accessKey = signedIn ? null : keyFromFragment(hash);
  const { data, error, loading, refetch } = useQuery(MySubmissionDocument, {
    variables: { id: submissionId, accessKey },
    skip: !signedIn && accessKey === null,
    fetchPolicy: 'network-only',
  });
  useDocumentTitle(t('forms.submission.title'));

  if (!signedIn && accessKey === null)
    return <SignInPanel title={t('forms.submission.title')} description={t('forms.submission.signIn')} onLogin={login} />;
  if (loading && !data) return <StatusPanel tone="busy" title={t('forms.loading')} />;
  const submission = data?.mySubmission;
  if (error || !submission) {
    const api = error ? toApiError(error) : null;
    const notFound = !error || api?.code === 'NOT_FOUND';
    return (
      <StatusPanel
        tone={notFound ? 'info' : 'error'}
        title={notFound ? t('forms.submission.notFound') : t('forms.loadFailed')}
        icon={<AlertIcon />}
        actions={
          notFound ? undefined : (
            <Button block onClick={() => void refetch()}>
              {t('forms.retry')}
            </Button>
          )
        }
      >
        {notFound ? null : <p>{api?.message ?? t('session.error.server')}</p>}
      </StatusPanel>
    );
  }

  const messages = [...submission.messages].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.formTitle}>{submission.formTitle}</p>
        <h1>{t('forms.submission.title')}</h1>
      </header>
      <dl className={styles.facts}>
        <div className={styles.answerRow}>
          <dt>{t('forms.submission.receipt')}</dt>
          <dd className={styles.receipt}>{submission.receiptNumber}</dd>
        </div>
        <div className={styles.answerRow}>
          <dt>{t('forms.submission.status')}</dt>
          <dd>
            <StatusBadge status={submission.status} />
            <p className={styles.statusHelp}>{t(`forms.statusHelp.${submission.status}`)}</p>
          </dd>
        </div>
        <div className={styles.answerRow}>
          <dt>{t('forms.submission.submittedAt')}</dt>
          <dd>{formatDateTime(submission.submittedAt)}</dd>
        </div>
      </dl>
      <section className={styles.section} aria-labelledby="messages-heading">
        <h2 id="messages-heading">{t('forms.submission.messages')}</h2>
        {messages.length === 0 ? (
          <p className={styles.muted}>{t('forms.submission.noMessages')}</p>
        ) : (
          <ul className={styles.messages}>
            {messages.map((message) => (
              <li key={message.id} className={styles.message}>
                <p className={styles.messageMeta}>
                  <time dateTime={message.sentAt}>{formatDateTime(message.sentAt)}</time>
                  {message.byName ? `\u3000${t('forms.submission.from', { name: message.byName })}` : null}
                </p>
                <p className={styles.messageBody}>{message.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t('forms.submission.answers')}</h2>
        <SubmissionAnswers answers={submission.answers} />
      </section>
      {signedIn ? (
        <div className={styles.actions}>
          <ButtonLink to={`/forms/${submission.formId}/mine`} block>
            {t('forms.submission.backToMine')}
          </ButtonLink>
        </div>
      ) : null}
    </div>
  );
}
