import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { ResidentDocument } from '../../../gql/graphql';
import { nodesOf } from '../../../shared/lib/connection';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadMore } from '../../../shared/ui/load-more';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { ResidentAttributesPanel } from '../../attributes/components/resident-attributes-panel';
import { PurposeTag } from '../../channels/components/channel-tags';
import { ResidentAvatar } from '../components/resident-avatar';
import { ResidentEditCard } from '../components/resident-edit-card';
import { FollowStatusTag } from '../components/resident-status-tag';
import { ResidentTimeline } from '../components/resident-timeline';
import { residentFieldsVariables } from '../lib/resident-fields';
import { languageName } from '../lib/resident-name';
import { mergeTimeline } from '../lib/timeline';

const TALK_LOG_PAGE_SIZE = 30;

export function ResidentDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const fieldVariables = residentFieldsVariables(can);
  const { withPersonal } = fieldVariables;
  const withTalkLog = can('talklog.read');
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(ResidentDocument, {
    variables: { id, ...fieldVariables, withTalkLog, talkLogFirst: TALK_LOG_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });

  const back = (
    <Link to="/residents">
      <ArrowLeftOutlined aria-hidden="true" /> {t('residents.detail.back')}
    </Link>
  );

  if (error && !data) {
    return (
      <>
        {back}
        <PageHeader title={t('residents.detail.title')} />
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
  const resident = data?.resident;
  if (!resident) return null;

  const talkLog = resident.talkLog;
  const entries = nodesOf(talkLog);
  const timeline = mergeTimeline(resident.followHistory, entries, !talkLog?.pageInfo.hasNextPage);

  const onLoadMore = () => {
    const after = talkLog?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    void fetchMore({ variables: { talkLogAfter: after } }).finally(() => {
      setLoadingMore(false);
    });
  };

  const title = resident.displayName ? t('residents.detail.titleOf', { name: resident.displayName }) : t('residents.detail.title');

  return (
    <>
      {back}
      <PageHeader
        title={
          <span className="resident-name">
            {withPersonal ? <ResidentAvatar pictureUrl={resident.pictureUrl} size={40} /> : null}
            <span>{title}</span>
          </span>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={<h2 className="section-title">{t('residents.detail.profile')}</h2>}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'channel',
                    label: t('residents.detail.channel'),
                    children: resident.channel ? (
                      <Space size={4} wrap>
                        <span>{resident.channel.name}</span>
                        <PurposeTag purpose={resident.channel.purpose} />
                      </Space>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'status',
                    label: t('residents.detail.followStatus'),
                    children: <FollowStatusTag status={resident.followStatus} />,
                  },
                  { key: 'followedAt', label: t('residents.detail.followedAt'), children: formatDateTime(resident.followedAt) },
                  ...(resident.unfollowedAt
                    ? [{ key: 'unfollowedAt', label: t('residents.detail.unfollowedAt'), children: formatDateTime(resident.unfollowedAt) }]
                    : []),
                  { key: 'language', label: t('residents.detail.language'), children: languageName(resident.language, i18n.language) },
                  {
                    key: 'lastSignedInAt',
                    label: t('residents.detail.lastSignedInAt'),
                    children: formatDateTime(resident.lastSignedInAt),
                  },
                  { key: 'createdAt', label: t('residents.detail.createdAt'), children: formatDateTime(resident.createdAt) },
                  {
                    key: 'id',
                    label: t('residents.detail.residentId'),
                    children: <Typography.Text type="secondary">{resident.id}</Typography.Text>,
                  },
                ]}
              />
            </Card>
            <ResidentEditCard key={resident.id} resident={resident} canWrite={can('residents.write')} fieldVariables={fieldVariables} />
            {can('attributes.read') ? <ResidentAttributesPanel residentId={resident.id} canWrite={can('attributes.write')} /> : null}
          </Space>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <Card size="small" title={<h2 className="section-title">{t('residents.detail.timeline')}</h2>}>
            <Typography.Paragraph type="secondary">{t('residents.detail.timelineDescription')}</Typography.Paragraph>
            {withTalkLog ? null : <Alert className="form-alert" type="info" showIcon title={t('residents.detail.talkLogHidden')} />}
            {timeline.length === 0 ? (
              <EmptyState description={t('residents.detail.timelineEmpty')} />
            ) : (
              <div className="timeline-scroll">
                <ResidentTimeline items={timeline} />
              </div>
            )}
            {talkLog && entries.length > 0 ? (
              <LoadMore
                shown={entries.length}
                total={talkLog.totalCount}
                hasNextPage={talkLog.pageInfo.hasNextPage}
                loading={loadingMore}
                onLoadMore={onLoadMore}
              />
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
