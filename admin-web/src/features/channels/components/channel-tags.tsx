import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LineChannelPurpose } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';

export function PurposeTag({ purpose }: { purpose: LineChannelPurpose }) {
  const { t } = useTranslation();
  return <Tag color={purpose === 'PRODUCTION' ? 'blue' : 'gold'}>{t(`channels.purpose.${purpose}`)}</Tag>;
}

/** The last connection check as a tag (OK / error / never checked) with its time. */
export function ConnectionTag({ ok, checkedAt }: { ok: boolean | null; checkedAt: string | null }) {
  const { t } = useTranslation();
  if (ok === null || !checkedAt) return <Tag>{t('channels.check.never')}</Tag>;
  return (
    <span>
      <Tag color={ok ? 'green' : 'red'}>{ok ? t('channels.check.ok') : t('channels.check.failed')}</Tag>
      <span className="nowrap">{formatDateTime(checkedAt)}</span>
    </span>
  );
}
