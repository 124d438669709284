import { useSubscription } from '@apollo/client/react';
import { Badge, Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { AuditEventAddedDocument, AuditEventsDocument } from '../../../gql/graphql';
import type { AuditEventFieldsFragment, AuditEventFilter } from '../../../gql/graphql';
import { formatDateTimeSeconds } from '../../../shared/lib/format';
import { ListPage, useConnectionList } from '../../../shared/ui/list-page';
import { AuditChainPanel } from '../components/audit-chain-panel';
import { AuditEventDetail } from '../components/audit-event-detail';
import { AuditFilterForm } from '../components/audit-filter-form';
import { AuditRetentionPanel } from '../components/audit-retention-panel';
import { auditCsvUrl, matchesAuditFilter, mergeLiveEvents, toAuditFilter } from '../lib/audit-filter';

/** Live rows kept above the first page; older ones are on the server's pages anyway. */
const MAX_LIVE_EVENTS = 200;
const ACTOR_TYPES = ['STAFF', 'API_KEY', 'SYSTEM', 'ANONYMOUS'] as const;
type ActorType = (typeof ACTOR_TYPES)[number];

function isActorType(value: string): value is ActorType {
  return (ACTOR_TYPES as readonly string[]).includes(value);
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const [liveEvents, setLiveEvents] = useState<AuditEventFieldsFragment[]>([]);
  const [missedLive, setMissedLive] = useState(0);
  const forgetLive = () => {
    setLiveEvents([]);
    setMissedLive(0);
  };
  // Page by page: new events arrive live on the first page, so later pages must not shift under the reader.
  const list = useConnectionList(AuditEventsDocument, {
    variables: { filter },
    connection: (data) => data.auditEvents,
    paging: 'pages',
    onPageChange: forgetLive,
  });
  const { onFirstPage } = list;

  const live = useSubscription(AuditEventAddedDocument, {
    onData: ({ data: result }) => {
      const event = result.data?.auditEventAdded;
      if (!event || !matchesAuditFilter(event, filter)) return;
      if (onFirstPage) setLiveEvents((prev) => [event, ...prev].slice(0, MAX_LIVE_EVENTS));
      else setMissedLive((n) => n + 1);
    },
  });

  const liveIds = new Set(liveEvents.map((e) => e.id));
  const rows = onFirstPage ? mergeLiveEvents(liveEvents, list.rows) : list.rows;

  const applyFilter = (next: AuditEventFilter) => {
    setFilter(next);
    list.toFirstPage();
    // The same filter again means "look again": the same variables alone would not refetch.
    if (JSON.stringify(next) === JSON.stringify(filter) && onFirstPage) list.refetch();
  };

  const columns: TableColumnsType<AuditEventFieldsFragment> = [
    {
      title: t('audit.columns.occurredAt'),
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      width: 180,
      render: (value: string) => <span className="nowrap">{formatDateTimeSeconds(value)}</span>,
    },
    { title: t('audit.columns.seq'), dataIndex: 'seq', key: 'seq', width: 90, align: 'right' },
    {
      title: t('audit.columns.actor'),
      key: 'actor',
      width: 220,
      render: (_: unknown, event) => (
        <Space size={4} wrap>
          <Tag>{isActorType(event.actorType) ? t(`audit.actorTypes.${event.actorType}`) : event.actorType}</Tag>
          <span>{event.actorLabel ?? event.actorId ?? ''}</span>
        </Space>
      ),
    },
    {
      title: t('audit.columns.action'),
      dataIndex: 'action',
      key: 'action',
      width: 280,
      render: (value: string) => {
        // Known actions get a name staff read; the stable code stays visible for support and exports.
        const name = t(`audit.actionNames.${value.replaceAll('.', '_')}`, { defaultValue: '' });
        return (
          <Space direction="vertical" size={0}>
            {name ? <span>{name}</span> : null}
            <Typography.Text type="secondary">
              <code>{value}</code>
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('audit.columns.target'),
      key: 'target',
      width: 240,
      render: (_: unknown, event) =>
        event.targetType ? (
          <span>
            {event.targetType}
            {event.targetId ? (
              <Typography.Text type="secondary" ellipsis={{ tooltip: event.targetId }} style={{ display: 'block', maxWidth: 220 }}>
                {`#${event.targetId}`}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          ''
        ),
    },
    { title: t('audit.columns.ip'), dataIndex: 'ip', key: 'ip', width: 150, render: (value: string | null) => value ?? '' },
  ];

  return (
    <ListPage<AuditEventFieldsFragment>
      title={t('audit.title')}
      description={t('audit.description')}
      downloads={can('audit.export') ? [{ key: 'csv', label: t('audit.csv'), format: 'csv', href: auditCsvUrl(filter) }] : []}
      stacked
      before={
        <>
          <Card size="small" title={<h2 className="section-title">{t('audit.filters.title')}</h2>}>
            <AuditFilterForm
              onApply={(values) => {
                applyFilter(toAuditFilter(values));
              }}
              onReset={() => {
                applyFilter({});
              }}
            />
          </Card>
          <Flex justify="space-between" align="center" wrap gap="small">
            <span aria-live="polite">
              {live.error ? <Badge status="warning" text={t('audit.live.off')} /> : <Badge status="processing" text={t('audit.live.on')} />}
            </span>
            {missedLive > 0 ? (
              <Button size="small" onClick={list.toFirstPage}>
                {`${t('audit.live.newOnOtherPage', { count: missedLive })} — ${t('audit.live.showLatest')}`}
              </Button>
            ) : null}
          </Flex>
        </>
      }
      list={{ ...list, rows }}
      columns={columns}
      emptyText={t('audit.empty')}
      skeletonRows={8}
      size="middle"
      // Fixed layout: the expanded JSON must wrap inside the table, not widen it.
      tableLayout="fixed"
      scroll={{ x: 1300 }}
      rowClassName={(event) => (liveIds.has(event.id) ? 'audit-row-live' : '')}
      expandable={{
        columnTitle: <span className="visually-hidden">{t('audit.columns.detail')}</span>,
        expandedRowRender: (event) => <AuditEventDetail event={event} />,
      }}
      after={
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <AuditChainPanel />
          </Col>
          {can('audit.settings') ? (
            <Col xs={24} lg={12}>
              <AuditRetentionPanel />
            </Col>
          ) : null}
        </Row>
      }
    />
  );
}
