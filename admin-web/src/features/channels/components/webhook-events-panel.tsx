import { RedoOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Button, Flex, Radio, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LineWebhookEventsDocument, RetryLineWebhookEventDocument } from '../../../gql/graphql';
import type { LineWebhookEventCountsQuery, LineWebhookEventFieldsFragment, WebhookEventStatus } from '../../../gql/graphql';
import { formatDateTimeSeconds } from '../../../shared/lib/format';
import { ListTable, useConnectionList, useRowActions } from '../../../shared/ui/list-page';

/** Failed and pending first: what staff must look at. */
export const STATUS_ORDER: readonly WebhookEventStatus[] = ['FAILED', 'PENDING', 'PROCESSED', 'IGNORED'];

const STATUS_COLOURS: Record<WebhookEventStatus, string | undefined> = {
  FAILED: 'red',
  PENDING: 'orange',
  PROCESSED: 'green',
  IGNORED: undefined,
};

type StatusChoice = WebhookEventStatus | 'ALL';

export function countOf(counts: LineWebhookEventCountsQuery | undefined, status: WebhookEventStatus): number | null {
  if (!counts) return null;
  const key = ({ FAILED: 'failed', PENDING: 'pending', PROCESSED: 'processed', IGNORED: 'ignored' } as const)[status];
  return counts[key].totalCount;
}

export function WebhookStatusTag({ status }: { status: WebhookEventStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`channels.events.status.${status}`)}</Tag>;
}

/** The channel's received webhook events by status, with counts, and a retry for failed ones. */
export function WebhookEventsPanel({
  channelId,
  canRetry,
  counts,
}: {
  channelId: string;
  canRetry: boolean;
  counts: LineWebhookEventCountsQuery | undefined;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StatusChoice>('FAILED');
  const filter = status === 'ALL' ? { channelId } : { channelId, status };
  const list = useConnectionList(LineWebhookEventsDocument, {
    variables: { filter },
    connection: (data) => data.lineWebhookEvents,
    // Events keep arriving from LINE: show the cached rows, then the server's.
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [retry, { loading: retrying }] = useMutation(RetryLineWebhookEventDocument, {
    refetchQueries: ['LineWebhookEvents', 'LineWebhookEventCounts'],
    awaitRefetchQueries: true,
  });

  const columns: TableColumnsType<LineWebhookEventFieldsFragment> = [
    {
      title: t('channels.events.columns.receivedAt'),
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      render: (value: string) => <span className="nowrap">{formatDateTimeSeconds(value)}</span>,
    },
    { title: t('channels.events.columns.type'), dataIndex: 'type', key: 'type', render: (value: string) => <code>{value}</code> },
    {
      title: t('channels.events.columns.status'),
      key: 'status',
      render: (_: unknown, event) => <WebhookStatusTag status={event.status} />,
    },
    { title: t('channels.events.columns.attempts'), dataIndex: 'attempts', key: 'attempts', align: 'right' },
    { title: t('channels.events.columns.redeliveries'), dataIndex: 'redeliveries', key: 'redeliveries', align: 'right' },
    {
      title: t('channels.events.columns.lastError'),
      dataIndex: 'lastError',
      key: 'lastError',
      render: (value: string | null) =>
        value ? (
          <Typography.Text type="danger" className="event-error">
            {value}
          </Typography.Text>
        ) : (
          ''
        ),
    },
    {
      title: t('channels.events.columns.webhookEventId'),
      dataIndex: 'webhookEventId',
      key: 'webhookEventId',
      render: (value: string) => (
        <Typography.Text type="secondary" copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}>
          <code>{value}</code>
        </Typography.Text>
      ),
    },
  ];
  if (canRetry) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, event) =>
        event.status === 'FAILED' ? (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retrying}
            aria-label={t('channels.events.retryOf', { time: formatDateTimeSeconds(event.receivedAt), type: event.type })}
            onClick={() => {
              void rowActions.run(() => retry({ variables: { id: event.id } }), t('channels.events.retried'));
            }}
          >
            {t('channels.events.retry')}
          </Button>
        ) : null,
    });
  }

  const label = (choice: StatusChoice) => {
    const name = choice === 'ALL' ? t('channels.events.all') : t(`channels.events.status.${choice}`);
    const count = choice === 'ALL' ? null : countOf(counts, choice);
    return count === null ? name : t('channels.events.statusWithCount', { status: name, count });
  };

  return (
    <div className="stack">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('channels.events.description')}
      </Typography.Paragraph>
      <Flex align="center" gap="small" wrap role="group" aria-labelledby="webhook-status-filter">
        <span id="webhook-status-filter">{t('channels.events.statusFilter')}</span>
        <Radio.Group
          optionType="button"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as StatusChoice);
          }}
          options={[...STATUS_ORDER, 'ALL' as const].map((choice) => ({ value: choice, label: label(choice) }))}
        />
      </Flex>
      {rowActions.alert()}
      <ListTable<LineWebhookEventFieldsFragment>
        list={list}
        size="small"
        columns={columns}
        caption={t('channels.events.title')}
        emptyText={t('channels.events.empty')}
      />
    </div>
  );
}
