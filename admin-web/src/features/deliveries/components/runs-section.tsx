import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, App, Button, Card, Flex, Progress, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import {
  CancelDeliveryRunDocument,
  DeliveryRunDocument,
  DeliveryRunUpdatedDocument,
  PauseDeliveryRunDocument,
  ResumeDeliveryRunDocument,
} from '../../../gql/graphql';
import type { DeliveryRunFieldsFragment, DeliveryRunStatus } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadingState } from '../../../shared/ui/states';
import { isRunActive, runPercent } from '../lib/actions';
import { formatJst } from '../lib/jst';
import { BroadcastTag, RunBroadcastNote } from './broadcast-note';
import { RunMailAndEngagement } from './run-mail-engagement';
import { RunKindTag, RunStatusTag } from './status-tags';

const n = (value: number) => value.toLocaleString('ja-JP');
/**
 * Until the subscription has brought an event, an active run is also read again this often: an
 * event published between the first read and the moment the server listens for this page is never
 * delivered (a small test send ends within a second), and the panel would show 送信中 until reloaded.
 */
export const RUN_POLL_MS = 5_000;
/** The ground of the run opened below, in the runs table. */
const SELECTED = { background: '#eef6f1' } as const;

/** The delivery's runs (test sends included), most recent first; one of them opened below with its live progress. */
export function RunsSection({
  runs,
  selectedRunId,
  onSelect,
  onRunFinished,
}: {
  runs: readonly DeliveryRunFieldsFragment[];
  selectedRunId: string | null;
  onSelect: (runId: string) => void;
  /** A run followed here ended (the delivery's status and estimate change with it). */
  onRunFinished: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="delivery-runs-title">
      <Typography.Title level={2} id="delivery-runs-title" style={{ fontSize: 18 }}>
        {t('deliveries.runs.title')}
      </Typography.Title>
      <Table<DeliveryRunFieldsFragment>
        size="small"
        rowKey="id"
        pagination={runs.length > 10 ? { pageSize: 10 } : false}
        // Its times do not wrap: in the page's narrower column it scrolls instead of running under the preview.
        scroll={{ x: 'max-content' }}
        style={{ fontVariantNumeric: 'tabular-nums' }}
        dataSource={[...runs]}
        locale={{ emptyText: <Typography.Text type="secondary">{t('deliveries.runs.empty')}</Typography.Text> }}
        // Pinned left: left where the centred caption sits, the hidden caption escapes the table's scrolling and widens a phone's page.
        caption={
          <span className="visually-hidden" style={{ insetInlineStart: 0 }}>
            {t('deliveries.runs.title')}
          </span>
        }
        onRow={(run) => (run.id === selectedRunId ? { style: SELECTED } : {})}
        columns={[
          {
            title: t('deliveries.runs.columns.kind'),
            key: 'kind',
            width: 90,
            render: (_: unknown, run) => (
              <span className="nowrap">
                <RunKindTag kind={run.kind} />
                {run.sendMode === 'BROADCAST' ? <BroadcastTag /> : null}
              </span>
            ),
          },
          {
            title: t('deliveries.runs.columns.startedAt'),
            key: 'startedAt',
            render: (_: unknown, run) => <span className="nowrap">{formatJst(run.createdAt)}</span>,
          },
          { title: t('deliveries.runs.columns.status'), key: 'status', render: (_: unknown, run) => <RunStatusTag status={run.status} /> },
          {
            title: <span className="nowrap">{t('deliveries.runs.columns.progress')}</span>,
            key: 'progress',
            align: 'right',
            render: (_: unknown, run) => (
              <span className="nowrap">
                {t('deliveries.runs.sentOf', { sent: n(run.progress.recipientsSent), planned: n(run.progress.recipientsPlanned) })}
              </span>
            ),
          },
          {
            title: t('deliveries.runs.columns.completedAt'),
            key: 'completedAt',
            render: (_: unknown, run) => <span className="nowrap">{formatJst(run.completedAt)}</span>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            // Stays in sight while the rest scrolls: at 1280px wide the table is wider than its column.
            fixed: 'right',
            // A fixed cell draws its own ground: the opened run's too.
            onCell: (run) => (run.id === selectedRunId ? { style: SELECTED } : {}),
            render: (_: unknown, run) => (
              <Button
                size="small"
                aria-pressed={run.id === selectedRunId}
                aria-label={t('deliveries.runs.openOf', { at: formatJst(run.createdAt) })}
                onClick={() => onSelect(run.id)}
              >
                {t('deliveries.runs.open')}
              </Button>
            ),
          },
        ]}
      />
      {selectedRunId ? (
        <RunPanel
          key={selectedRunId}
          runId={selectedRunId}
          knownStatus={runs.find((r) => r.id === selectedRunId)?.status ?? null}
          onFinished={onRunFinished}
        />
      ) : null}
    </section>
  );
}

/**
 * One run as it goes: sent of planned as a bar and in words (announced politely as it changes),
 * the batches, LINE's reasons for what failed, why it is paused, and pause / resume / cancel for
 * staff with deliveries.send. Live through the deliveryRunUpdated subscription.
 */
export function RunPanel({
  runId,
  knownStatus,
  onFinished,
}: {
  runId: string;
  /** Its status as the page last knew it (a run just started is SENDING), so an end seen on the first read counts too. */
  knownStatus: DeliveryRunStatus | null;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const can = useCan();
  const canControl = can('deliveries.send');
  const query = useQuery(DeliveryRunDocument, { variables: { id: runId } });
  const run = query.data?.deliveryRun;
  const active = run ? isRunActive(run.status) : false;
  // Each event carries the whole run; the cache puts it into this panel and the runs table.
  const live = useSubscription(DeliveryRunUpdatedDocument, { variables: { runId }, skip: !active });
  const heard = live.data !== undefined;
  const { startPolling, stopPolling } = query;
  useEffect(() => {
    if (!active || heard) return;
    startPolling(RUN_POLL_MS);
    return () => stopPolling();
  }, [active, heard, startPolling, stopPolling]);
  const [failure, setFailure] = useState<unknown>(null);
  const [pause, pausing] = useMutation(PauseDeliveryRunDocument);
  const [resume, resuming] = useMutation(ResumeDeliveryRunDocument);
  const [cancel, canceling] = useMutation(CancelDeliveryRunDocument);

  // A run that ends while watched: the delivery around it changes too (送信中 → 送信済み).
  const previous = useRef<DeliveryRunStatus | null>(knownStatus);
  const status = run?.status ?? null;
  useEffect(() => {
    if (status === null) return;
    if (previous.current !== null && isRunActive(previous.current) && !isRunActive(status)) onFinished();
    previous.current = status;
  }, [status, onFinished]);

  if (query.error && !run) return <ErrorAlert className="page-top-gap" error={query.error} onRetry={() => void query.refetch()} />;
  if (!run) return <LoadingState rows={4} />;

  const attempt = async (step: () => Promise<unknown>, done: string) => {
    setFailure(null);
    try {
      await step();
      void message.success(done);
    } catch (error) {
      setFailure(error);
    }
  };
  const progress = run.progress;
  const percent = runPercent(progress);
  const prepared = run.preparedAt !== null;
  const titleId = `delivery-run-${run.id}-title`;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      role="region"
      aria-labelledby={titleId}
      // The title wraps on a phone instead of being cut to 2026/12/02（水）10….
      styles={{ header: { paddingBlock: 8 }, title: { whiteSpace: 'normal', overflow: 'visible', wordBreak: 'auto-phrase' } }}
      title={
        <Flex gap="small" align="center" wrap>
          <Typography.Title level={3} id={titleId} style={{ fontSize: 16, margin: 0 }}>
            {t('deliveries.runs.panelTitle', { at: formatJst(run.createdAt) })}
          </Typography.Title>
          <RunKindTag kind={run.kind} />
          <RunStatusTag status={run.status} />
        </Flex>
      }
      extra={
        active && !live.error ? (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <SyncOutlined spin aria-hidden="true" /> {t('deliveries.runs.live')}
          </Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap="middle">
        <div>
          <Progress
            percent={percent}
            status={run.status === 'PAUSED' ? 'normal' : run.status === 'CANCELED' ? 'exception' : active ? 'active' : 'success'}
            aria-hidden="true"
            strokeColor={run.status === 'PAUSED' ? '#ad6800' : undefined}
          />
          <div role="status" aria-live="polite" aria-atomic="true">
            <Typography.Text strong>
              {t('deliveries.runs.progress', { sent: n(progress.recipientsSent), planned: n(progress.recipientsPlanned), percent })}
            </Typography.Text>
            {progress.recipientsFailed > 0 ? (
              <Typography.Text type="danger">{t('deliveries.runs.failedCount', { n: n(progress.recipientsFailed) })}</Typography.Text>
            ) : null}
            {!prepared && active ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('deliveries.runs.preparing', { n: n(progress.recipientsPlanned) })}
              </Typography.Paragraph>
            ) : null}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('deliveries.runs.batches', {
              sent: n(progress.batchesSent),
              total: n(progress.batchesTotal),
              pending: n(progress.batchesPending),
              failed: n(progress.batchesFailed),
            })}
          </Typography.Text>
        </div>
        <RunBroadcastNote run={run} />
        <RunMailAndEngagement run={run} />
        {run.status === 'PAUSED' ? (
          <Alert type="warning" showIcon title={t('deliveries.runs.paused')} description={run.pauseReason ?? undefined} />
        ) : null}
        {run.lastError ? <Alert type="error" showIcon title={t('deliveries.runs.lastError')} description={run.lastError} /> : null}
        {live.error ? (
          <Alert
            type="warning"
            showIcon
            title={t('deliveries.runs.liveFailed')}
            action={
              <Button size="small" onClick={() => void query.refetch()}>
                {t('deliveries.runs.refresh')}
              </Button>
            }
          />
        ) : null}
        {progress.failures.length > 0 ? (
          <Table
            size="small"
            pagination={false}
            rowKey="reason"
            caption={<Typography.Text strong>{t('deliveries.runs.failures')}</Typography.Text>}
            dataSource={[...progress.failures]}
            columns={[
              { title: t('deliveries.runs.reason'), dataIndex: 'reason', key: 'reason' },
              { title: t('deliveries.runs.failedBatches'), dataIndex: 'batches', key: 'batches', align: 'right', width: 110 },
              {
                title: t('deliveries.runs.failedRecipients'),
                key: 'recipients',
                align: 'right',
                width: 110,
                render: (_: unknown, f: { recipients: number }) => n(f.recipients),
              },
            ]}
          />
        ) : null}
        {failure ? <ErrorAlert error={failure} onClose={() => setFailure(null)} /> : null}
        {canControl && active ? (
          <Flex gap="small" wrap>
            {run.status === 'SENDING' ? (
              <Button
                icon={<PauseCircleOutlined aria-hidden="true" />}
                loading={pausing.loading}
                onClick={() => void attempt(() => pause({ variables: { id: run.id } }), t('deliveries.runs.pausedDone'))}
              >
                {t('deliveries.runs.pause')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<PlayCircleOutlined aria-hidden="true" />}
                loading={resuming.loading}
                onClick={() => void attempt(() => resume({ variables: { id: run.id } }), t('deliveries.runs.resumedDone'))}
              >
                {t('deliveries.runs.resume')}
              </Button>
            )}
            <Button
              danger
              icon={<StopOutlined aria-hidden="true" />}
              loading={canceling.loading}
              onClick={() =>
                void modal.confirm({
                  title: t('deliveries.runs.cancelTitle'),
                  content: t('deliveries.runs.cancelBody', {
                    left: n(Math.max(0, progress.recipientsPlanned - progress.recipientsSent - progress.recipientsFailed)),
                  }),
                  okText: t('deliveries.runs.cancel'),
                  okButtonProps: { danger: true },
                  cancelText: t('deliveries.runs.keep'),
                  onOk: () => attempt(() => cancel({ variables: { id: run.id } }), t('deliveries.runs.canceledDone')),
                })
              }
            >
              {t('deliveries.runs.cancel')}
            </Button>
          </Flex>
        ) : null}
        {run.completedAt ? (
          <Typography.Text type="secondary">{t('deliveries.runs.completedAt', { at: formatJst(run.completedAt) })}</Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
