import { UserAddOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/lib/format';
import type { TimelineItem } from '../lib/timeline';

/** Follow history and talk log as a chat: the resident's words left, the city's right, follows centred. */
export function ResidentTimeline({ items }: { items: readonly TimelineItem[] }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline-list" aria-label={t('residents.detail.timeline')}>
      {items.map((item) => {
        if (item.type === 'follow') {
          const { kind } = item.event;
          return (
            <li key={item.key} className="timeline-follow" data-testid="timeline-follow">
              {kind === 'FOLLOW' ? <UserAddOutlined aria-hidden="true" /> : <UserDeleteOutlined aria-hidden="true" />}{' '}
              <span>{t(`residents.detail.follow.${kind}`)}</span>
              {' · '}
              <time dateTime={item.at}>{formatDateTime(item.at)}</time>
            </li>
          );
        }
        const { entry } = item;
        const type = t(`residents.detail.messageTypes.${entry.messageType}`, { defaultValue: entry.messageType });
        const origin = entry.origin ? t(`residents.detail.origin.${entry.origin}`, { defaultValue: entry.origin }) : null;
        return (
          <li key={item.key} className={`timeline-talk timeline-talk-${entry.direction}`} data-testid="timeline-talk">
            <div className="timeline-meta">
              <span>{t(`residents.detail.direction.${entry.direction}`)}</span>
              {origin ? <span>{` · ${origin}`}</span> : null}
              {entry.messageType !== 'text' ? <span>{` · ${type}`}</span> : null}
              {' · '}
              <time dateTime={item.at}>{formatDateTime(item.at)}</time>
            </div>
            <div className="timeline-bubble">{entry.content ?? t('residents.detail.noContent')}</div>
          </li>
        );
      })}
    </ol>
  );
}
