import { useTranslation } from 'react-i18next';
import type { MySubmission_FieldsFragment } from '../../../gql/graphql';
import styles from './submission.module.css';

/** The answers as sent, in the server's words (summarizeAnswer on the stored version). */
export function SubmissionAnswers({ answers }: { answers: MySubmission_FieldsFragment['answers'] }) {
  const { t } = useTranslation();
  return (
    <dl className={styles.answers}>
      {answers.map((answer) => (
        <div key={answer.fieldId} className={styles.answerRow}>
          <dt>{answer.label}</dt>
          <dd>{answer.masked ? t('forms.submission.masked') : answer.text}</dd>
        </div>
      ))}
    </dl>
  );
}
