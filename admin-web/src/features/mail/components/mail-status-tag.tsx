import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutboundMailStatus } from '../../../gql/graphql';
import { MAIL_STATUS_COLOURS } from '../lib/mail-display';

export function MailStatusTag({ status }: { status: OutboundMailStatus }) {
  const { t } = useTranslation();
  return <Tag color={MAIL_STATUS_COLOURS[status]}>{t(`mail.status.${status}`)}</Tag>;
}
