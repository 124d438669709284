import { useTranslation } from 'react-i18next';
import type { PublicCommentStatus } from '../../../gql/graphql';
import styles from './public-comment.module.css';

/** 意見募集中 / 募集開始前 / 募集終了 / 結果公表, in words and colour (never colour alone). */
export function PublicCommentStatusBadge({ status }: { status: PublicCommentStatus }) {
  const { t } = useTranslation();
  return <span className={[styles.badge, styles[status]].join(' ')}>{t(`publicComment.status.${status}`)}</span>;
}
