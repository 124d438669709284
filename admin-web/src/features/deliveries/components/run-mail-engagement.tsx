import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryRunFieldsFragment } from '../../../gql/graphql';
import { formatJst } from '../lib/jst';

type Run = Pick<DeliveryRunFieldsFragment, 'kind' | 'mailListIds' | 'mailRecipients' | 'mailQueuedAt' | 'recordsEngagement'>;

/** What a run sent besides LINE messages: its mail to the lists (SEG-05), and whether it records who opens its links (docs/adr/0016). */
export function RunMailAndEngagement({ run }: { run: Run }) {
  const { t } = useTranslation();
  const mail =
    run.kind === 'TEST'
      ? t('deliveries.mailSummary.runTest')
      : run.mailListIds.length === 0
        ? t('deliveries.mailSummary.runNone')
        : run.mailQueuedAt === null || run.mailRecipients === null
          ? t('deliveries.mailSummary.runQueuing')
          : t('deliveries.mailSummary.runQueued', { n: run.mailRecipients.toLocaleString('ja-JP'), at: formatJst(run.mailQueuedAt) });
  const engagement = run.recordsEngagement
    ? t('deliveries.engagement.runOn')
    : run.kind === 'TEST'
      ? t('deliveries.engagement.runTest')
      : t('deliveries.engagement.runOff');
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'mail', label: t('deliveries.mailSummary.runLabel'), children: mail },
        { key: 'engagement', label: t('deliveries.engagement.runLabel'), children: engagement },
      ]}
    />
  );
}
