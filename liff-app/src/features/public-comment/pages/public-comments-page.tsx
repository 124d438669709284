import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublishedPublicCommentsDocument } from '../../../gql/graphql';
import type { PublishedPublicCommentFieldsFragment } from '../../../gql/graphql';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { LoadState } from '../components/load-state';
import { PublicCommentStatusBadge } from '../components/status-badge';
import { formatDateTime } from '../lib/format';
import styles from '../components/public-comment.module.css';

/** `/liff/public-comments`: what the city asks opinions on now, what opens soon, what has closed. */
export function PublicCommentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('publicComment.listTitle'));
  const { data, loading, error, refetch } = useQuery(PublishedPublicCommentsDocument, { fetchPolicy: 'cache-and-network' });
  if (!data) return <LoadState loading={loading} error={error} notFound={t('publicComment.notFound')} onRetry={() => void refetch()} />;
  return <PublicCommentList items={data.publishedPublicComments} />;
}

export function PublicCommentList({ items }: { items: readonly PublishedPublicCommentFieldsFragment[] }) {
  const { t } = useTranslation();
  const open = items.filter((p) => p.status === 'OPEN');
  const scheduled = items.filter((p) => p.status === 'SCHEDULED');
  const closed = items.filter((p) => p.status === 'CLOSED' || p.status === 'RESULT_PUBLISHED');
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1>{t('publicComment.listTitle')}</h1>
        <p className={styles.lead}>{t('publicComment.listIntro')}</p>
      </header>
      <Section title={t('publicComment.sections.open')} items={open} empty={t('publicComment.empty')} />
      {scheduled.length ? <Section title={t('publicComment.sections.scheduled')} items={scheduled} /> : null}
      {closed.length ? <Section title={t('publicComment.sections.closed')} items={closed} /> : null}
    </div>
  );
}

function Section({ title, items, empty }: { title: string; items: readonly PublishedPublicCommentFieldsFragment[]; empty?: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.id}>
              <Link className={styles.card} to={`/public-comments/${item.id}`}>
                <PublicCommentStatusBadge status={item.status} />
                <span className={styles.cardTitle}>{item.title}</span>
                {item.summary ? <span className={styles.text}>{item.summary}</span> : null}
                <span className={styles.meta}>
                  {t('publicComment.period')}：
                  {t('publicComment.periodValue', { from: formatDateTime(item.opensAt), to: formatDateTime(item.closesAt) })}
                </span>
                {item.departmentName ? (
                  <span className={styles.meta}>
                    {t('publicComment.department')}：{item.departmentName}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
