import { NotificationOutlined } from '@ant-design/icons';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryRunFieldsFragment } from '../../../gql/graphql';
import { TONES } from '../../../shared/ui/status-tag';
import { isRunActive } from '../lib/actions';

/**
 * 一斉配信 (docs/adr/0014 "Broadcast"): a real run to all friends with Japanese only goes out as one
 * LINE broadcast, which reaches every friend LINE knows of, also those the system never knew.
 */

/** Breaks the notes between phrases (never inside ブロードキャスト or 友だち), where the browser knows how. */
const PHRASES = { wordBreak: 'auto-phrase' } as const;

/** Beside a run's kind in the runs table, drawn like the kind and status tags there. */
export function BroadcastTag() {
  const { t } = useTranslation();
  return (
    <Tag
      style={{ ...TONES.purple, fontSize: 13, marginInlineStart: 4, marginInlineEnd: 0 }}
      icon={<NotificationOutlined aria-hidden="true" />}
    >
      {t('deliveries.broadcast.tag')}
    </Tag>
  );
}

/** In a run's panel: that it was (or is being) sent as one broadcast, and whom that reaches. */
export function RunBroadcastNote({ run }: { run: Pick<DeliveryRunFieldsFragment, 'sendMode' | 'status'> }) {
  const { t } = useTranslation();
  if (run.sendMode !== 'BROADCAST') return null;
  const active = isRunActive(run.status);
  return (
    <Alert
      type="info"
      showIcon
      style={PHRASES}
      title={t(active ? 'deliveries.broadcast.runSendingTitle' : 'deliveries.broadcast.runTitle')}
      description={
        <>
          {t('deliveries.broadcast.runBody')}
          {active ? (
            <>
              <br />
              {t('deliveries.broadcast.runWaiting')}
            </>
          ) : null}
        </>
      }
    />
  );
}

/** In the send panel, before a real send that will be one broadcast. */
export function BroadcastSendNote() {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      style={PHRASES}
      title={t('deliveries.broadcast.sendTitle')}
      description={
        <>
          {t('deliveries.broadcast.sendBody')}
          <br />
          {t('deliveries.broadcast.testNote')}
        </>
      }
    />
  );
}
