import { ApiOutlined, ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Col, Descriptions, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { CheckLineChannelConnectionDocument, LineChannelDocument, LineWebhookEventCountsDocument } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { ConnectionTag, PurposeTag } from '../components/channel-tags';
import { ChannelOnboardingCard } from '../components/channel-onboarding-card';
import { LineChannelFormModal } from '../components/line-channel-form-modal';
import { countOf, WebhookEventsPanel } from '../components/webhook-events-panel';
import { WebhookUrlField } from '../components/webhook-url-field';

type TabKey = 'settings' | 'events';

export function LineChannelDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const canWrite = can('channels.write');
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<TabKey>('settings');
  const [check, setCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const { data, loading, error, refetch } = useQuery(LineChannelDocument, { variables: { id } });
  const { data: counts } = useQuery(LineWebhookEventCountsDocument, { variables: { channelId: id }, fetchPolicy: 'cache-and-network' });
  const [runCheck, { loading: checking }] = useMutation(CheckLineChannelConnectionDocument);

  const back = (
    <Link to="/channels">
      <ArrowLeftOutlined aria-hidden="true" /> {t('channels.detail.back')}
    </Link>
  );

  if (error && !data) {
    return (
      <>
        {back}
        <PageHeader title={t('channels.title')} />
        <ErrorAlert
          className="page-top-gap"
          error={error}
          onRetry={() => {
            void refetch();
          }}
        />
      </>
    );
  }
  if (loading && !data) return <LoadingState rows={8} />;
  const channel = data?.lineChannel;
  if (!channel) return null;

  const needsAttention = (countOf(counts, 'FAILED') ?? 0) + (countOf(counts, 'PENDING') ?? 0);

  const onCheck = async () => {
    setCheck(null);
    setCheckError(null);
    try {
      const result = await runCheck({ variables: { id: channel.id } });
      if (result.data) setCheck({ ok: result.data.checkLineChannelConnection.ok, message: result.data.checkLineChannelConnection.message });
    } catch (e) {
      setCheckError(e);
    }
  };

  const settings = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={<h2 className="section-title">{t('channels.detail.webhook')}</h2>}>
            <WebhookUrlField url={channel.webhookUrl} />
          </Card>
          <Card size="small" title={<h2 className="section-title">{t('channels.detail.settings')}</h2>}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'purpose', label: t('channels.fields.purpose'), children: <PurposeTag purpose={channel.purpose} /> },
                {
                  key: 'status',
                  label: t('channels.columns.status'),
                  children: channel.isActive ? (
                    <Tag color="green">{t('channels.status.active')}</Tag>
                  ) : (
                    <Tag>{t('channels.status.inactive')}</Tag>
                  ),
                },
                { key: 'messagingChannelId', label: t('channels.fields.messagingChannelId'), children: channel.messagingChannelId },
                {
                  key: 'credentials',
                  label: t('channels.detail.credentials'),
                  children: channel.hasCredentials
                    ? t('channels.detail.credentialsSet', { time: formatDateTime(channel.credentialsUpdatedAt) })
                    : t('channels.detail.credentialsMissing'),
                },
                {
                  key: 'loginChannelId',
                  label: t('channels.fields.loginChannelId'),
                  children: channel.loginChannelId ?? t('common.notSet'),
                },
                {
                  key: 'liffIds',
                  label: t('channels.fields.liffIds'),
                  children:
                    channel.liffIds.length > 0 ? (
                      <Space size={[0, 4]} wrap>
                        {channel.liffIds.map((liffId) => (
                          <Tag key={liffId}>{liffId}</Tag>
                        ))}
                      </Space>
                    ) : (
                      t('channels.detail.liffIdsNone')
                    ),
                },
                { key: 'createdAt', label: t('channels.detail.createdAt'), children: formatDateTime(channel.createdAt) },
                { key: 'updatedAt', label: t('channels.detail.updatedAt'), children: formatDateTime(channel.updatedAt) },
              ]}
            />
          </Card>
          <Card size="small" title={<h2 className="section-title">{t('channels.detail.greeting')}</h2>}>
            <div className="greeting-preview" data-testid="greeting-text">
              {channel.greetingText}
            </div>
          </Card>
          <ChannelOnboardingCard channelId={channel.id} canWrite={canWrite} />
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={<h2 className="section-title">{t('channels.detail.connection')}</h2>}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('channels.detail.connectionDescription')}
            </Typography.Paragraph>
            {canWrite ? (
              <Button
                icon={<ApiOutlined />}
                loading={checking}
                onClick={() => {
                  void onCheck();
                }}
              >
                {t('channels.detail.runCheck')}
              </Button>
            ) : null}
            <div aria-live="polite">
              {check ? (
                <Alert type={check.ok ? 'success' : 'error'} showIcon title={check.message} data-testid="connection-check-result" />
              ) : null}
              {checkError ? (
                <ErrorAlert
                  error={checkError}
                  onClose={() => {
                    setCheckError(null);
                  }}
                />
              ) : null}
            </div>
            <Descriptions
              column={1}
              size="small"
              bordered
              layout="vertical"
              items={[
                {
                  key: 'result',
                  label: t('channels.detail.lastCheckResult'),
                  children: (
                    <Space orientation="vertical" size={4}>
                      <ConnectionTag ok={channel.lastCheckOk} checkedAt={channel.lastCheckedAt} />
                      {channel.lastCheckMessage ? <span>{channel.lastCheckMessage}</span> : null}
                    </Space>
                  ),
                },
                {
                  key: 'bot',
                  label: t('channels.detail.bot'),
                  children: channel.botDisplayName ? (
                    <Space align="center">
                      {channel.botPictureUrl ? (
                        <img src={channel.botPictureUrl} alt="" width={32} height={32} className="bot-picture" />
                      ) : null}
                      <span>
                        {channel.botDisplayName}
                        {channel.basicId ? (
                          <Typography.Text type="secondary" className="bot-basic-id">
                            {` ${channel.basicId}`}
                          </Typography.Text>
                        ) : null}
                      </span>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('channels.detail.botUnknown')}</Typography.Text>
                  ),
                },
              ]}
            />
          </Space>
        </Card>
      </Col>
    </Row>
  );

  return (
    <>
      {back}
      <PageHeader
        title={
          <>
            {channel.name} <PurposeTag purpose={channel.purpose} />
          </>
        }
        extra={
          canWrite ? (
            <Button
              icon={<EditOutlined />}
              aria-label={t('channels.editOf', { name: channel.name })}
              onClick={() => {
                setEditing(true);
              }}
            >
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as TabKey);
        }}
        items={[
          { key: 'settings', label: t('channels.detail.tabs.settings'), children: settings },
          {
            key: 'events',
            label: (
              <span>
                {t('channels.detail.tabs.events')}{' '}
                {needsAttention > 0 ? (
                  <>
                    <Badge count={needsAttention} aria-hidden="true" />
                    <span className="visually-hidden">{t('channels.detail.eventsTabNeedsAttention', { count: needsAttention })}</span>
                  </>
                ) : null}
              </span>
            ),
            children: <WebhookEventsPanel channelId={channel.id} canRetry={canWrite} counts={counts} />,
          },
        ]}
      />
      {editing ? (
        <LineChannelFormModal
          channel={channel}
          onClose={() => {
            setEditing(false);
          }}
        />
      ) : null}
    </>
  );
}
