import { ArrowLeftOutlined, CopyOutlined, EditOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Col, Descriptions, Flex, Row, Tabs, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { DeliveryDocument, DeliveryMailListsDocument, DuplicateDeliveryDocument } from '../../../gql/graphql';
import type { DeliveryDetailFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { AnswersPanel } from '../components/answers-panel';
import { ClicksPanel } from '../components/clicks-panel';
import { PhonePreview } from '../components/phone-preview';
import { RunsSection } from '../components/runs-section';
import { SendPanel } from '../components/send-panel';
import { DeliveryStatusTag } from '../components/status-tags';
import { deliveryActions } from '../lib/actions';
import { targetText, timingText } from '../lib/describe';
import { useDeliveryFlags } from '../lib/flags';
import { formatJst } from '../lib/jst';
import { isVariantLanguage } from '../lib/languages';
import type { VariantLanguage } from '../lib/languages';
import { toDraft } from '../lib/messages';
import type { MessageDraft } from '../lib/messages';

export function DeliveryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const flags = useDeliveryFlags();
  const { data, loading, error, refetch } = useQuery(DeliveryDocument, { variables: { id, ...flags }, fetchPolicy: 'cache-and-network' });
  const back = (
    <Link to="/deliveries">
      <ArrowLeftOutlined aria-hidden="true" /> {t('deliveries.page.back')}
    </Link>
  );
  if (error && !data)
    return (
      <>
        {back}
        <PageHeader title={t('deliveries.list.title')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  if (loading && !data) return <LoadingState rows={12} />;
  const delivery = data?.delivery;
  if (!delivery) return null;
  return (
    <>
      {back}
      <DeliveryView key={delivery.id} delivery={delivery} />
    </>
  );
}

/** The delivery: what it sends (as the talk shows it), to whom and when, sending it, its runs and its clicks. */
function DeliveryView({ delivery }: { delivery: DeliveryDetailFieldsFragment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useApolloClient();
  const can = useCan();
  const flags = useDeliveryFlags();
  const actions = deliveryActions(delivery, can);
  const [chosenRun, setChosenRun] = useState<string | null>(null);
  const [duplicate, duplicating] = useMutation(DuplicateDeliveryDocument, { refetchQueries: ['Deliveries'] });
  // SEG-05: the lists' names for those who may read them; the others see how many.
  const canReadLists = can('mail_lists.read');
  const listsQuery = useQuery(DeliveryMailListsDocument, {
    variables: { first: 100 },
    skip: !canReadLists || delivery.mailListIds.length === 0,
  });
  const mailListNames = useMemo(() => {
    if (!listsQuery.data) return null;
    const names = new Map(listsQuery.data.mailLists.edges.map((e) => [e.node.id, e.node.name]));
    return delivery.mailListIds.map((id) => names.get(id) ?? t('deliveries.mailSummary.unknownList'));
  }, [listsQuery.data, delivery.mailListIds, t]);
  // The run opened below: the one staff chose, or the latest.
  const selectedRunId = chosenRun && delivery.runs.some((r) => r.id === chosenRun) ? chosenRun : (delivery.runs[0]?.id ?? null);
  const refresh = useCallback(() => {
    void client.refetchQueries({ include: ['Delivery', 'DeliveryEstimate', 'DeliveryClicks', 'Deliveries'] });
  }, [client]);

  const variants = useMemo(
    () =>
      delivery.variants.flatMap((v): Array<{ language: VariantLanguage; messages: MessageDraft[] }> => {
        const record = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
        const language = record['language'];
        const messages = record['messages'];
        return isVariantLanguage(language) ? [{ language, messages: Array.isArray(messages) ? messages.map(toDraft) : [] }] : [];
      }),
    [delivery.variants],
  );
  const accountName = delivery.channel?.name ?? t('deliveries.preview.account');

  const copy = async () => {
    try {
      const result = await duplicate({ variables: { id: delivery.id, withSegments: flags.withSegments } });
      const id = result.data?.duplicateDelivery.delivery.id;
      void message.success(t('deliveries.list.duplicated', { title: delivery.title }));
      if (id) void navigate(`/deliveries/${id}/edit`);
    } catch {
      void message.error(t('deliveries.page.duplicateFailed'));
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Flex gap="small" align="center" wrap component="span">
            <span>{delivery.title}</span>
            <DeliveryStatusTag status={delivery.status} approvedAt={delivery.approvedAt} />
          </Flex>
        }
        description={t('deliveries.page.updatedAt', { at: formatDateTime(delivery.updatedAt) })}
        extra={
          <>
            {can('deliveries.manage') ? (
              <Button icon={<CopyOutlined aria-hidden="true" />} loading={duplicating.loading} onClick={() => void copy()}>
                {t('deliveries.page.duplicate')}
              </Button>
            ) : null}
            {actions.edit ? (
              <Button
                type="primary"
                icon={<EditOutlined aria-hidden="true" />}
                onClick={() => void navigate(`/deliveries/${delivery.id}/edit`)}
              >
                {t('deliveries.page.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[32, 24]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={28}>
            <section aria-labelledby="delivery-summary-title">
              <Typography.Title level={2} id="delivery-summary-title" style={{ fontSize: 18 }}>
                {t('deliveries.page.summary')}
              </Typography.Title>
              <Descriptions
                size="small"
                bordered
                column={1}
                items={[
                  { key: 'target', label: t('deliveries.page.target'), children: targetText(delivery, t) },
                  {
                    key: 'timing',
                    label: t('deliveries.page.timing'),
                    children: (
                      <>
                        {timingText(delivery, t)}
                        {delivery.nextRunAt ? (
                          <Typography.Text type="secondary" style={{ display: 'block' }}>
                            {t('deliveries.timing.next', { at: formatJst(delivery.nextRunAt) })}
                          </Typography.Text>
                        ) : null}
                      </>
                    ),
                  },
                  ...(delivery.timing === 'RECURRING' && delivery.recurrencePreview && delivery.recurrencePreview.next.length > 0
                    ? [
                        {
                          key: 'upcoming',
                          label: t('deliveries.page.upcoming'),
                          children: (
                            <ol style={{ margin: 0, paddingLeft: 20 }}>
                              {delivery.recurrencePreview.next.map((instant) => (
                                <li key={instant}>{formatJst(instant)}</li>
                              ))}
                            </ol>
                          ),
                        },
                      ]
                    : []),
                  {
                    key: 'languages',
                    label: t('deliveries.page.languages'),
                    children: variants.map((v) => t(`deliveries.languages.${v.language}`)).join('、'),
                  },
                  ...(delivery.mailListIds.length > 0
                    ? [
                        {
                          key: 'mailLists',
                          label: t('deliveries.mailSummary.lists'),
                          children: mailListNames?.join('、') ?? t('deliveries.mailSummary.listsCount', { n: delivery.mailListIds.length }),
                        },
                        ...(delivery.mailSubject
                          ? [{ key: 'mailSubject', label: t('deliveries.mailSummary.subject'), children: delivery.mailSubject }]
                          : []),
                      ]
                    : []),
                  {
                    key: 'engagement',
                    label: t('deliveries.engagement.title'),
                    children: delivery.recordEngagement ? t('deliveries.engagement.summaryOn') : t('deliveries.engagement.summaryOff'),
                  },
                  ...(delivery.channel ? [{ key: 'channel', label: t('deliveries.page.channel'), children: delivery.channel.name }] : []),
                  ...(delivery.department
                    ? [{ key: 'department', label: t('deliveries.page.department'), children: delivery.department.name }]
                    : []),
                  { key: 'createdAt', label: t('deliveries.page.createdAt'), children: formatDateTime(delivery.createdAt) },
                ]}
              />
            </section>
            <SendPanel delivery={delivery} flags={flags} onRunStarted={setChosenRun} />
            <RunsSection runs={delivery.runs} selectedRunId={selectedRunId} onSelect={setChosenRun} onRunFinished={refresh} />
            <ClicksPanel deliveryId={delivery.id} />
            {delivery.formId ? <AnswersPanel deliveryId={delivery.id} /> : null}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            {variants.length > 1 ? (
              <Tabs
                items={variants.map((v) => ({
                  key: v.language,
                  label: t(`deliveries.languages.${v.language}`),
                  children: <PhonePreview messages={v.messages} language={v.language} accountName={accountName} />,
                }))}
              />
            ) : variants[0] ? (
              <PhonePreview messages={variants[0].messages} language={variants[0].language} accountName={accountName} />
            ) : null}
          </div>
        </Col>
      </Row>
    </>
  );
}
