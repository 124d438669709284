import { CheckOutlined, ExperimentOutlined, SendOutlined, StopOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Flex, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import {
  ApproveDeliveryDocument,
  CancelDeliveryDocument,
  DeliveryChannelsDocument,
  DeliveryEstimateDocument,
  RequestDeliveryApprovalDocument,
  SendDeliveryDocument,
  SendTestDeliveryDocument,
} from '../../../gql/graphql';
import type { DeliveryDetailFieldsFragment, DeliveryEstimateQuery } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LockedButton } from '../../../shared/ui/locked-button';
import { deliveryActions, isEditable } from '../lib/actions';
import { formatJst } from '../lib/jst';
import { BroadcastSendNote } from './broadcast-note';
import type { QueryFlags } from './target-editor';

const n = (value: number) => value.toLocaleString('ja-JP');

/**
 * Sending a delivery (SEG-12/13 test sends, SEG-08/09 schedules, approval by a second staff
 * member): the recipients against the month's quota, a test send, then 送信 / 予約 (for every
 * friend a second confirmation the server insists on), or 承認を依頼 for a role that may not send.
 */
export function SendPanel({
  delivery,
  flags,
  onRunStarted,
}: {
  delivery: DeliveryDetailFieldsFragment;
  flags: QueryFlags;
  /** A run began (a test, or the real send): its panel opens. */
  onRunStarted: (runId: string) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const can = useCan();
  const actions = deliveryActions(delivery, can);
  const open = isEditable(delivery.status);
  const estimate = useQuery(DeliveryEstimateDocument, { variables: { id: delivery.id }, fetchPolicy: 'network-only', skip: !open });
  const channelsQuery = useQuery(DeliveryChannelsDocument, { skip: !flags.withChannel || !actions.test });
  const [testChannelId, setTestChannelId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const refetch = { refetchQueries: ['DeliveryEstimate', 'Deliveries'], awaitRefetchQueries: false };
  const [sendTest, testing] = useMutation(SendTestDeliveryDocument, { refetchQueries: ['Delivery'] });
  const [send, sending] = useMutation(SendDeliveryDocument, refetch);
  const [requestApproval, requesting] = useMutation(RequestDeliveryApprovalDocument, refetch);
  const [approve, approving] = useMutation(ApproveDeliveryDocument, refetch);
  const [cancel, canceling] = useMutation(CancelDeliveryDocument, refetch);

  const fits = estimate.data?.deliveryEstimate.fitsQuota ?? true;
  const recipients = estimate.data?.deliveryEstimate.recipients;
  const scheduled = delivery.timing !== 'IMMEDIATE';
  const sendLabel = scheduled ? t('deliveries.send.schedule') : t('deliveries.send.sendNow');

  /** Runs a step; a refusal stays on screen (role="alert"), unless it asks for the confirmation the caller then gives. */
  const attempt = async (step: () => Promise<unknown>): Promise<'done' | 'confirm' | 'failed'> => {
    setFailure(null);
    try {
      await step();
      return 'done';
    } catch (error) {
      if (describeApiError(error).reason === 'CONFIRMATION_REQUIRED') return 'confirm';
      setFailure(error);
      return 'failed';
    }
  };

  /** The second question before every friend receives it: the server asks it (CONFIRMATION_REQUIRED), the console puts it. */
  const confirmAll = (again: () => Promise<unknown>, done: () => void) => {
    void modal.confirm({
      title: t('deliveries.send.confirmAllTitle'),
      content: (
        <>
          <Typography.Paragraph>
            {recipients === undefined
              ? t('deliveries.send.confirmAllBodyUnknown')
              : t('deliveries.send.confirmAllBody', { n: n(recipients) })}
          </Typography.Paragraph>
          {/* A broadcast reaches every friend LINE knows of, beyond the residents counted above. */}
          {delivery.sendMode === 'BROADCAST' ? <Typography.Paragraph>{t('deliveries.broadcast.confirmNote')}</Typography.Paragraph> : null}
        </>
      ),
      okText: t('deliveries.send.confirmAllOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        if ((await attempt(again)) === 'done') done();
      },
    });
  };

  const sendNow = () => {
    const done = () => {
      void message.success(scheduled ? t('deliveries.send.scheduled') : t('deliveries.send.started'));
    };
    const go = (confirmed: boolean) => async () => {
      const result = await send({ variables: { id: delivery.id, confirmAll: confirmed ? true : null, ...flags } });
      const run = result.data?.sendDelivery.delivery.runs.find((r) => r.kind === 'REAL' && r.status === 'SENDING');
      if (run) onRunStarted(run.id);
    };
    void modal.confirm({
      title: scheduled ? t('deliveries.send.confirmScheduleTitle') : t('deliveries.send.confirmSendTitle'),
      content: <SendSummary delivery={delivery} recipients={recipients} />,
      okText: sendLabel,
      cancelText: t('common.cancel'),
      onOk: async () => {
        const outcome = await attempt(go(false));
        if (outcome === 'done') done();
        if (outcome === 'confirm') confirmAll(go(true), done);
      },
    });
  };

  const askApproval = () => {
    const done = () => {
      void message.success(t('deliveries.send.approvalRequested'));
    };
    const go = (confirmed: boolean) => () =>
      requestApproval({ variables: { id: delivery.id, confirmAll: confirmed ? true : null, ...flags } });
    void modal.confirm({
      title: t('deliveries.send.confirmApprovalTitle'),
      content: <SendSummary delivery={delivery} recipients={recipients} />,
      okText: t('deliveries.send.requestApproval'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const outcome = await attempt(go(false));
        if (outcome === 'done') done();
        if (outcome === 'confirm') confirmAll(go(true), done);
      },
    });
  };

  const test = async () => {
    const outcome = await attempt(async () => {
      const result = await sendTest({ variables: { id: delivery.id, channelId: testChannelId } });
      const run = result.data?.sendTestDelivery.run;
      if (run) onRunStarted(run.id);
    });
    if (outcome === 'done') void message.success(t('deliveries.send.testStarted'));
  };

  const approveIt = () =>
    void modal.confirm({
      title: t('deliveries.send.confirmApproveTitle', { title: delivery.title }),
      content: <SendSummary delivery={delivery} recipients={recipients} />,
      okText: t('deliveries.send.approve'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        if ((await attempt(() => approve({ variables: { id: delivery.id, ...flags } }))) === 'done')
          void message.success(t('deliveries.send.approved'));
      },
    });

  const cancelIt = () =>
    void modal.confirm({
      title: t('deliveries.send.confirmCancelTitle', { title: delivery.title }),
      content: t('deliveries.send.confirmCancelBody'),
      okText: t('deliveries.send.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('deliveries.send.keep'),
      onOk: async () => {
        if ((await attempt(() => cancel({ variables: { id: delivery.id, ...flags } }))) === 'done')
          void message.success(t('deliveries.send.canceled'));
      },
    });

  const trainingChannels = (channelsQuery.data?.lineChannels ?? []).filter((c) => c.isActive && c.purpose === 'TRAINING');
  const sendLock = actions.testRequired ? t('deliveries.send.testRequired') : !fits && !scheduled ? t('deliveries.send.quotaLocked') : null;

  let status: ReactNode = null;
  switch (delivery.status) {
    case 'DRAFT':
      status = null;
      break;
    case 'AWAITING_APPROVAL':
      status = delivery.approvedAt ? (
        <Alert type="success" showIcon title={t('deliveries.send.approvedNote', { at: formatJst(delivery.approvedAt) })} />
      ) : (
        <Alert type="info" showIcon title={t('deliveries.send.awaitingNote')} />
      );
      break;
    case 'SCHEDULED':
      status = <Alert type="info" showIcon title={t('deliveries.send.scheduledNote', { at: formatJst(delivery.nextRunAt) })} />;
      break;
    case 'SENDING':
      status = <Alert type="info" showIcon title={t('deliveries.send.sendingNote')} />;
      break;
    case 'SENT':
      status = <Alert type="success" showIcon title={t('deliveries.send.sentNote')} />;
      break;
    case 'CANCELED':
      status = <Alert type="warning" showIcon title={t('deliveries.send.canceledNote')} />;
      break;
  }

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('deliveries.send.title')}
        </Typography.Title>
      }
    >
      <Flex vertical gap="middle">
        {status}
        {open ? (
          <EstimateView
            value={estimate.data?.deliveryEstimate}
            loading={estimate.loading}
            error={estimate.error}
            onRetry={() => void estimate.refetch()}
            scheduled={scheduled}
          />
        ) : null}
        {open && delivery.sendMode === 'BROADCAST' ? <BroadcastSendNote /> : null}
        {actions.testRequired && (actions.send || actions.requestApproval) ? (
          <Alert type="warning" showIcon title={t('deliveries.send.testRequired')} />
        ) : null}
        {delivery.lastTestedAt ? (
          <Typography.Text type="secondary">{t('deliveries.send.lastTested', { at: formatJst(delivery.lastTestedAt) })}</Typography.Text>
        ) : null}
        {failure ? <ErrorAlert error={failure} onClose={() => setFailure(null)} /> : null}
        <Flex gap="small" wrap align="flex-end">
          {actions.test ? (
            <>
              {trainingChannels.length > 0 ? (
                <Flex vertical gap={2}>
                  <label htmlFor="delivery-test-channel" style={{ fontSize: 13 }}>
                    {t('deliveries.send.testChannel')}
                  </label>
                  <Select<string>
                    id="delivery-test-channel"
                    allowClear
                    value={testChannelId ?? undefined}
                    placeholder={t('deliveries.send.testChannelDefault')}
                    style={{ width: 240 }}
                    options={trainingChannels.map((c) => ({ value: c.id, label: c.name }))}
                    onChange={(value) => setTestChannelId(value ?? null)}
                  />
                </Flex>
              ) : null}
              <Button icon={<ExperimentOutlined aria-hidden="true" />} loading={testing.loading} onClick={() => void test()}>
                {t('deliveries.send.test')}
              </Button>
            </>
          ) : null}
          {actions.send ? (
            sendLock ? (
              <LockedButton type="primary" icon={<SendOutlined aria-hidden="true" />} reason={sendLock}>
                {sendLabel}
              </LockedButton>
            ) : (
              <Button type="primary" icon={<SendOutlined aria-hidden="true" />} loading={sending.loading} onClick={sendNow}>
                {sendLabel}
              </Button>
            )
          ) : null}
          {actions.requestApproval ? (
            actions.testRequired ? (
              <LockedButton type="primary" icon={<UserSwitchOutlined aria-hidden="true" />} reason={t('deliveries.send.testRequired')}>
                {t('deliveries.send.requestApproval')}
              </LockedButton>
            ) : (
              <Button type="primary" icon={<UserSwitchOutlined aria-hidden="true" />} loading={requesting.loading} onClick={askApproval}>
                {t('deliveries.send.requestApproval')}
              </Button>
            )
          ) : null}
          {actions.approve ? (
            <Button icon={<CheckOutlined aria-hidden="true" />} loading={approving.loading} onClick={approveIt}>
              {t('deliveries.send.approve')}
            </Button>
          ) : null}
          {actions.cancel ? (
            <Button danger icon={<StopOutlined aria-hidden="true" />} loading={canceling.loading} onClick={cancelIt}>
              {t('deliveries.send.cancelDelivery')}
            </Button>
          ) : null}
        </Flex>
        {actions.requestApproval ? <Typography.Text type="secondary">{t('deliveries.send.approvalHint')}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}

function SendSummary({ delivery, recipients }: { delivery: DeliveryDetailFieldsFragment; recipients: number | undefined }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }}>
      {t('deliveries.send.summary', {
        title: delivery.title,
        target: t(`deliveries.target.${delivery.targetKind}`),
        recipients: recipients === undefined ? '—' : n(recipients),
      })}
    </Typography.Paragraph>
  );
}

function EstimateView({
  value,
  loading,
  error,
  onRetry,
  scheduled,
}: {
  value: DeliveryEstimateQuery['deliveryEstimate'] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  scheduled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-busy={loading}>
      {error ? (
        <ErrorAlert error={error} onRetry={onRetry} />
      ) : value ? (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'recipients',
                label: t('deliveries.send.recipients'),
                children: t('deliveries.send.people', { n: n(value.recipients) }),
              },
              { key: 'messages', label: t('deliveries.send.messages'), children: t('deliveries.send.count', { n: n(value.messages) }) },
              {
                key: 'quota',
                label: t('deliveries.send.remaining'),
                children:
                  value.quotaLimit === null || value.quotaRemaining === null
                    ? t('deliveries.send.noLimit')
                    : t('deliveries.send.remainingValue', {
                        remaining: n(value.quotaRemaining),
                        limit: n(value.quotaLimit),
                        used: n(value.quotaUsed),
                      }),
              },
            ]}
          />
          {value.fitsQuota ? null : (
            <Alert
              style={{ marginTop: 8 }}
              type={scheduled ? 'warning' : 'error'}
              showIcon
              title={t(scheduled ? 'deliveries.send.notFitsScheduled' : 'deliveries.send.notFits', {
                remaining: n(value.quotaRemaining ?? 0),
                messages: n(value.messages),
              })}
            />
          )}
        </>
      ) : (
        <Flex gap="small" align="center">
          <Spin size="small" />
          <Typography.Text>{t('deliveries.send.estimating')}</Typography.Text>
        </Flex>
      )}
    </div>
  );
}
