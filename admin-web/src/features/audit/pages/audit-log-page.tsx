import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useSubscription } from '@apollo/client/react';
import { Badge, Button, Card, Col, Flex, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { AuditEventAddedDocument, AuditEventsDocument } from '../../../gql/graphql';
import type { AuditEventFieldsFragment, AuditEventFilter } from '../../../gql/graphql';
import { nodesOf } from '../../../shared/lib/connection';
import { formatDateTimeSeconds } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { AuditChainPanel } from '../components/audit-chain-panel';
import { AuditEventDetail } from '../components/audit-event-detail';
import { AuditFilterForm } from '../components/audit-filter-form';
import { AuditRetentionPanel } from '../components/audit-retention-panel';
import { auditCsvUrl, matchesAuditFilter, mergeLiveEvents, toAuditFilter } from '../lib/audit-filter';

const PAGE_SIZE = 50;
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
  /** Cursors of the pages before the current one; empty on the first page. */
  const [cursors, setCursors] = useState<string[]>([]);
  const [liveEvents, setLiveEvents] = useState<AuditEventFieldsFragment[]>([]);
  const [missedLive, setMissedLive] = useState(0);
  const onFirstPage = cursors.length === 0;

  const {
    data: currentData,
    previousData,
    loading,
    error,
    refetch,
  } = useQuery(AuditEventsDocument, {
    variables: { first: PAGE_SIZE, after: cursors.at(-1), filter },
    fetchPolicy: 'cache-and-network',
  });
  const data = currentData ?? previousData;

  const live = useSubscription(AuditEventAddedDocument, {
    onData: ({ data: result }) => {
      const event = result.data?.auditEventAdded;
      if (!event || !matchesAuditFilter(event, filter)) return;
      if (onFirstPage) setLiveEvents((prev) => [event, ...prev].slice(0, MAX_LIVE_EVENTS));
      else setMissedLive((n) => n + 1);
    },
  });

  const connection = data?.auditEvents;
  const pageEvents = nodesOf(connection);
  const liveIds = new Set(liveEvents.map((e) => e.id));
  const rows = onFirstPage ? mergeLiveEvents(liveEvents, pageEvents) : pageEvents;

  const goTo = (nextCursors: string[]) => {
    setCursors(nextCursors);
    setLiveEvents([]);
    setMissedLive(0);
  };

  const applyFilter = (next: AuditEventFilter) => {
    setFilter(next);
    goTo([]);
    // The same filter again means "look again": cache-and-network alone would not refetch.
    if (JSON.stringify(next) === JSON.stringify(filter) && onFirstPage) void refetch();
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

  const total = connection?.totalCount ?? 0;
  const from = cursors.length * PAGE_SIZE + 1;
  const to = cursors.length * PAGE_SIZE + pageEvents.length;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        extra={
          can('audit.export') ? (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => {
                window.location.assign(auditCsvUrl(filter));
              }}
            >
              {t('audit.csv')}
            </Button>
          ) : null
        }
      />
      <div className="stack">
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
            <Button
              size="small"
              onClick={() => {
                goTo([]);
              }}
            >
              {`${t('audit.live.newOnOtherPage', { count: missedLive })} — ${t('audit.live.showLatest')}`}
            </Button>
          ) : null}
        </Flex>
        {error && !data ? (
          <ErrorAlert
            error={error}
            onRetry={() => {
              void refetch();
            }}
          />
        ) : loading && !data ? (
          <LoadingState rows={8} />
        ) : (
          <div>
            {error ? (
              <ErrorAlert
                className="form-alert"
                error={error}
                onRetry={() => {
                  void refetch();
                }}
              />
            ) : null}
            <Table<AuditEventFieldsFragment>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              pagination={false}
              loading={loading}
              size="middle"
              // Fixed layout: the expanded JSON must wrap inside the table, not widen it.
              tableLayout="fixed"
              scroll={{ x: 1300 }}
              rowClassName={(event) => (liveIds.has(event.id) ? 'audit-row-live' : '')}
              expandable={{
                columnTitle: <span className="visually-hidden">{t('audit.columns.detail')}</span>,
                expandedRowRender: (event) => <AuditEventDetail event={event} />,
              }}
              locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
              caption={<span className="visually-hidden">{t('audit.title')}</span>}
            />
            <Flex className="load-more" justify="space-between" align="center" wrap gap="small">
              <Typography.Text type="secondary" aria-live="polite">
                {pageEvents.length > 0 ? t('audit.pageRange', { total, from, to }) : t('common.total', { total })}
              </Typography.Text>
              <Space>
                <Button
                  icon={<LeftOutlined />}
                  disabled={onFirstPage}
                  onClick={() => {
                    goTo(cursors.slice(0, -1));
                  }}
                >
                  {t('audit.prevPage')}
                </Button>
                <Button
                  disabled={!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
                  onClick={() => {
                    const next = connection?.pageInfo.endCursor;
                    if (next) goTo([...cursors, next]);
                  }}
                >
                  {t('audit.nextPage')}
                  <RightOutlined />
                </Button>
              </Space>
            </Flex>
          </div>
        )}
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
      </div>
    </>
  );
}
