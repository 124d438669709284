import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PublicCommentResultDocument } from '../../../gql/graphql';
import type { PublicCommentResultQuery } from '../../../gql/graphql';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { ButtonLink } from '../../../shared/ui/button';
import { LinkedText } from '../components/linked-text';
import { LoadState } from '../components/load-state';
import { formatDate, formatDateTime } from '../lib/format';
import styles from '../components/public-comment.module.css';

type Result = PublicCommentResultQuery['publicCommentResult'];

/** `/liff/public-comments/:id/result`: 「意見の概要と市の考え方」 as published, and its CSV. */
export function PublicCommentResultPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(PublicCommentResultDocument, { variables: { procedureId: id } });
  useDocumentTitle(data ? `${t('publicComment.result.title')}（${data.publicCommentResult.title}）` : t('publicComment.result.title'));
  if (!data)
    return <LoadState loading={loading} error={error} notFound={t('publicComment.resultNotFound')} onRetry={() => void refetch()} />;
  return <PublicCommentResultView result={data.publicCommentResult} />;
}

export function PublicCommentResultView({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <article className={styles.page}>
      <header className={styles.header}>
        <p className={styles.meta}>{result.title}</p>
        <h1>{t('publicComment.result.title')}</h1>
      </header>

      <dl className={styles.facts}>
        <div className={styles.factRow}>
          <dt>{t('publicComment.period')}</dt>
          <dd>{t('publicComment.periodValue', { from: formatDateTime(result.opensAt), to: formatDateTime(result.closesAt) })}</dd>
        </div>
        <div className={styles.factRow}>
          <dt>{t('publicComment.result.total')}</dt>
          <dd>{t('publicComment.result.totalValue', { count: result.totalOpinions })}</dd>
        </div>
        {result.publishedAt ? (
          <div className={styles.factRow}>
            <dt>{t('publicComment.result.publishedAt')}</dt>
            <dd>{formatDate(result.publishedAt)}</dd>
          </div>
        ) : null}
        {result.departmentName ? (
          <div className={styles.factRow}>
            <dt>{t('publicComment.department')}</dt>
            <dd>{result.departmentName}</dd>
          </div>
        ) : null}
      </dl>

      {result.introduction ? (
        <p className={styles.text}>
          <LinkedText text={result.introduction} />
        </p>
      ) : null}

      {result.groups.length === 0 ? <p>{t('publicComment.result.noOpinions')}</p> : null}
      {result.groups.map((group) => (
        <section key={group.number} className={styles.group} aria-labelledby={`group-${group.number}`}>
          <h2 id={`group-${group.number}`}>
            {group.number}. {group.title}
          </h2>
          <p className={styles.meta}>{t('publicComment.result.groupCount', { count: group.count })}</p>
          <h3>{t('publicComment.result.summary')}</h3>
          <p className={styles.text}>{group.summary}</p>
          <h3>{t('publicComment.result.response')}</h3>
          <p className={styles.text}>
            <LinkedText text={group.response} />
          </p>
        </section>
      ))}

      <p className={styles.meta}>{t('publicComment.result.privacy')}</p>
      <div className={styles.actions}>
        <a className={styles.documentLink} href={result.csvPath} download>
          {t('publicComment.result.download')}
        </a>
        <ButtonLink to={`/public-comments/${result.procedureId}`} block>
          {t('publicComment.backToProcedure')}
        </ButtonLink>
      </div>
    </article>
  );
}
