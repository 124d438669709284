import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PublishedPublicCommentDocument } from '../../../gql/graphql';
import type { PublishedPublicCommentQuery } from '../../../gql/graphql';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { ButtonLink } from '../../../shared/ui/button';
import { LinkedText } from '../components/linked-text';
import { LoadState } from '../components/load-state';
import { PublicCommentStatusBadge } from '../components/status-badge';
import { appPath, documentType, fileSize, formatDateTime } from '../lib/format';
import styles from '../components/public-comment.module.css';

type Procedure = PublishedPublicCommentQuery['publishedPublicComment'];

/** `/liff/public-comments/:id`: the procedure, its documents and period, and the way to the opinion form. */
export function PublicCommentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(PublishedPublicCommentDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  useDocumentTitle(data?.publishedPublicComment.title ?? t('publicComment.listTitle'));
  if (!data) return <LoadState loading={loading} error={error} notFound={t('publicComment.notFound')} onRetry={() => void refetch()} />;
  return <PublicCommentView procedure={data.publishedPublicComment} />;
}

export function PublicCommentView({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation();
  const documentsId = useId();
  return (
    <article className={styles.page}>
      <header className={styles.header}>
        <PublicCommentStatusBadge status={procedure.status} />
        <h1>{procedure.title}</h1>
        {procedure.summary ? <p className={[styles.lead, styles.text].join(' ')}>{procedure.summary}</p> : null}
      </header>

      <dl className={styles.facts}>
        <div className={styles.factRow}>
          <dt>{t('publicComment.period')}</dt>
          <dd>{t('publicComment.periodValue', { from: formatDateTime(procedure.opensAt), to: formatDateTime(procedure.closesAt) })}</dd>
        </div>
        {procedure.departmentName ? (
          <div className={styles.factRow}>
            <dt>{t('publicComment.department')}</dt>
            <dd>{procedure.departmentName}</dd>
          </div>
        ) : null}
      </dl>

      <Actions procedure={procedure} />

      <p className={styles.text}>
        <LinkedText text={procedure.body} />
      </p>

      <section className={styles.section} aria-labelledby={documentsId}>
        <h2 id={documentsId}>{t('publicComment.documents')}</h2>
        {procedure.documents.length === 0 ? (
          <p>{t('publicComment.noDocuments')}</p>
        ) : (
          <ul className={styles.list}>
            {procedure.documents.map((doc) => (
              <li key={doc.id}>
                <a className={styles.documentLink} href={doc.url} target="_blank" rel="noopener noreferrer">
                  <span>{doc.title}</span>
                  <span className={styles.documentMeta}>
                    {t('publicComment.documentType', { type: documentType(doc.contentType), size: fileSize(doc.byteSize) })}
                    {t('publicComment.opensNewTab')}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ButtonLink to="/public-comments" block>
        {t('publicComment.backToList')}
      </ButtonLink>
    </article>
  );
}

function Actions({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation();
  if (procedure.status === 'RESULT_PUBLISHED') {
    return (
      <div className={styles.actions}>
        <ButtonLink variant="primary" block to={`/public-comments/${procedure.id}/result`}>
          {t('publicComment.viewResult')}
        </ButtonLink>
      </div>
    );
  }
  if (procedure.acceptingOpinions) {
    return (
      <div className={styles.actions}>
        <ButtonLink variant="primary" block to={appPath(procedure.formPath)}>
          {t('publicComment.submit')}
        </ButtonLink>
        <p className={styles.meta}>{t('publicComment.submitNote')}</p>
      </div>
    );
  }
  const note =
    procedure.status === 'SCHEDULED'
      ? t('publicComment.notYetOpen', { from: formatDateTime(procedure.opensAt) })
      : procedure.status === 'OPEN'
        ? t('publicComment.formNotReady')
        : t('publicComment.closedNote');
  return (
    <p className={styles.notice} role="status">
      {note}
    </p>
  );
}
