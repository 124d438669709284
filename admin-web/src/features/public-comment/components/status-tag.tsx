import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicCommentStatus } from '../../../gql/graphql';

const COLOURS: Record<PublicCommentStatus, string> = {
  DRAFT: 'default',
  SCHEDULED: 'blue',
  OPEN: 'green',
  CLOSED: 'orange',
  RESULT_PUBLISHED: 'purple',
};

export const PUBLIC_COMMENT_STATUSES: readonly PublicCommentStatus[] = ['DRAFT', 'SCHEDULED', 'OPEN', 'CLOSED', 'RESULT_PUBLISHED'];

/** 下書き / 募集開始前 / 意見募集中 / 募集終了 / 結果公表, in words (colour only adds to them). */
export function PublicCommentStatusTag({ status }: { status: PublicCommentStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`publicComment.status.${status}`)}</Tag>;
}
