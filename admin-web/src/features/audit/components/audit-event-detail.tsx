import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEventFieldsFragment } from '../../../gql/graphql';
import { prettyJson } from '../../../shared/lib/format';

export function AuditEventDetail({ event }: { event: AuditEventFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('audit.detail.eventId')}>
          <code>{event.id}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.detail.actorId')}>{event.actorId ? <code>{event.actorId}</code> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.detail.departmentId')}>
          {event.departmentId ? <code>{event.departmentId}</code> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.detail.userAgent')}>{event.userAgent ?? '—'}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Text strong>{t('audit.detail.summary')}</Typography.Text>
        {event.summary ? (
          <pre className="json-view" tabIndex={0}>
            {prettyJson(event.summary)}
          </pre>
        ) : (
          <Typography.Paragraph type="secondary">{t('audit.detail.noSummary')}</Typography.Paragraph>
        )}
      </div>
    </div>
  );
}
