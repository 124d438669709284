import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FollowStatus } from '../../../gql/graphql';

const COLOURS: Record<FollowStatus, string | undefined> = { FOLLOWING: 'green', BLOCKED: 'red', UNKNOWN: undefined };

export function FollowStatusTag({ status }: { status: FollowStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`residents.followStatus.${status}`)}</Tag>;
}
