import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutboundMailFieldsFragment } from '../../../gql/graphql';
import { formatDateTimeSeconds } from '../../../shared/lib/format';

/** A mail in full: the body as plain text (React escapes it; it is never read as HTML) and how it went. */
export function OutboundMailDetail({ mail }: { mail: OutboundMailFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('mail.columns.subject')} span={2}>
          {mail.subject}
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.replyTo')}>{mail.replyTo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.requestedBy')}>{mail.requestedBy}</Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.createdAt')}>{formatDateTimeSeconds(mail.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.sentAt')}>{formatDateTimeSeconds(mail.sentAt)}</Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.messageId')}>{mail.messageId ? <code>{mail.messageId}</code> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.purposeCode')}>
          <code>{mail.purpose}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.mailId')}>
          <code>{mail.id}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.updatedAt')}>{formatDateTimeSeconds(mail.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('mail.detail.lastError')} span={2}>
          {mail.lastError ? (
            <Typography.Text type="danger" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {mail.lastError}
            </Typography.Text>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Text strong>{t('mail.detail.body')}</Typography.Text>
        <pre className="json-view" tabIndex={0} data-testid="outbound-mail-body">
          {mail.body}
        </pre>
      </div>
    </div>
  );
}
