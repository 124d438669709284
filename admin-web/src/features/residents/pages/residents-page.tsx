import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { ResidentsDocument } from '../../../gql/graphql';
import type { FollowStatus, ResidentFieldsFragment, ResidentFilter } from '../../../gql/graphql';
import { nodesOf } from '../../../shared/lib/connection';
import { formatDate } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadMore } from '../../../shared/ui/load-more';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { PurposeTag } from '../../channels/components/channel-tags';
import { ResidentAvatar } from '../components/resident-avatar';
import { FollowStatusTag } from '../components/resident-status-tag';
import { TalkLogExportModal } from '../components/talk-log-export-modal';
import { useChannelOptions } from '../components/use-channel-options';
import { residentFieldsVariables } from '../lib/resident-fields';
import { languageName, residentLabel } from '../lib/resident-name';

const PAGE_SIZE = 50;
const FOLLOW_STATUSES: readonly FollowStatus[] = ['FOLLOWING', 'BLOCKED', 'UNKNOWN'];

export function ResidentsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const fieldVariables = residentFieldsVariables(can);
  const { withPersonal, withChannel } = fieldVariables;
  const channelOptions = useChannelOptions();
  const [filter, setFilter] = useState<ResidentFilter>({});
  const [tagText, setTagText] = useState('');
  const [exporting, setExporting] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const {
    data: currentData,
    previousData,
    loading,
    error,
    refetch,
    fetchMore,
  } = useQuery(ResidentsDocument, {
    variables: { first: PAGE_SIZE, filter, ...fieldVariables },
    fetchPolicy: 'cache-and-network',
  });
  // Keep the previous rows on screen while a new filter loads, instead of flashing a skeleton.
  const data = currentData ?? previousData;
  const connection = data?.residents;
  const residents = nodesOf(connection);

  const onLoadMore = () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    void fetchMore({ variables: { after } }).finally(() => {
      setLoadingMore(false);
    });
  };

  const columns: TableColumnsType<ResidentFieldsFragment> = [
    ...(withPersonal
      ? [
          {
            title: t('residents.columns.displayName'),
            key: 'displayName',
            render: (_: unknown, resident: ResidentFieldsFragment) => (
              <Link to={`/residents/${resident.id}`} className="resident-name">
                <ResidentAvatar pictureUrl={resident.pictureUrl} />
                <span>{resident.displayName ?? t('residents.noName')}</span>
              </Link>
            ),
          },
        ]
      : []),
    // Without channels.read the server refuses the channel: no column (and no channel filter).
    ...(withChannel
      ? [
          {
            title: t('residents.columns.channel'),
            key: 'channel',
            render: (_: unknown, resident: ResidentFieldsFragment) =>
              resident.channel ? (
                <Space orientation="vertical" size={2}>
                  <span>{resident.channel.name}</span>
                  <PurposeTag purpose={resident.channel.purpose} />
                </Space>
              ) : (
                ''
              ),
          },
        ]
      : []),
    {
      title: t('residents.columns.status'),
      key: 'status',
      render: (_: unknown, resident) => <FollowStatusTag status={resident.followStatus} />,
    },
    {
      title: t('residents.columns.followedAt'),
      dataIndex: 'followedAt',
      key: 'followedAt',
      render: (value: string | null) => <span className="nowrap">{formatDate(value)}</span>,
    },
    {
      title: t('residents.columns.language'),
      dataIndex: 'language',
      key: 'language',
      render: (value: string) => languageName(value, i18n.language),
    },
    {
      title: t('residents.columns.tags'),
      key: 'tags',
      render: (_: unknown, resident) => (
        <Space size={[0, 4]} wrap>
          {resident.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('residents.columns.testRecipient'),
      key: 'testRecipient',
      render: (_: unknown, resident) => (resident.isTestRecipient ? <Tag color="blue">{t('residents.testRecipient')}</Tag> : ''),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, resident) => (
        <Button
          size="small"
          icon={<RightOutlined />}
          aria-label={t('residents.openOf', { name: residentLabel(resident, t) })}
          onClick={() => {
            void navigate(`/residents/${resident.id}`);
          }}
        >
          {t('residents.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('residents.title')}
        description={t('residents.description')}
        extra={
          can('talklog.export') ? (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => {
                setExporting(true);
              }}
            >
              {t('residents.csv')}
            </Button>
          ) : null
        }
      />
      <Form layout="inline" name="resident-filter" className="filter-bar" role="search" colon={false}>
        {withPersonal ? (
          <Form.Item label={t('residents.filters.name')} htmlFor="resident-filter-name">
            <Input.Search
              id="resident-filter-name"
              allowClear
              placeholder={t('residents.filters.namePlaceholder')}
              enterButton={t('common.search')}
              maxLength={50}
              onChange={(event) => {
                if (event.target.value === '') setFilter((f) => ({ ...f, search: undefined }));
              }}
              onSearch={(value) => {
                setFilter((f) => ({ ...f, search: value.trim() === '' ? undefined : value.trim() }));
              }}
            />
          </Form.Item>
        ) : null}
        {channelOptions ? (
          <Form.Item label={t('residents.filters.channel')} htmlFor="resident-filter-channel">
            <Select
              id="resident-filter-channel"
              allowClear
              placeholder={t('residents.filters.allChannels')}
              options={channelOptions}
              value={filter.channelId ?? undefined}
              onChange={(value: string | undefined) => {
                setFilter((f) => ({ ...f, channelId: value }));
              }}
              style={{ minWidth: 220 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('residents.filters.followStatus')} htmlFor="resident-filter-status">
          <Select
            id="resident-filter-status"
            allowClear
            placeholder={t('residents.filters.allStatuses')}
            options={FOLLOW_STATUSES.map((status) => ({ value: status, label: t(`residents.followStatus.${status}`) }))}
            value={filter.followStatus ?? undefined}
            onChange={(value: FollowStatus | undefined) => {
              setFilter((f) => ({ ...f, followStatus: value }));
            }}
            style={{ minWidth: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('residents.filters.tag')} htmlFor="resident-filter-tag">
          <Input.Search
            id="resident-filter-tag"
            value={tagText}
            placeholder={t('residents.filters.tagPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onChange={(event) => {
              setTagText(event.target.value);
              if (event.target.value === '') setFilter((f) => ({ ...f, tag: undefined }));
            }}
            onSearch={(value) => {
              setFilter((f) => ({ ...f, tag: value.trim() === '' ? undefined : value.trim() }));
            }}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={filter.isTestRecipient ?? false}
            onChange={(event) => {
              setFilter((f) => ({ ...f, isTestRecipient: event.target.checked ? true : undefined }));
            }}
          >
            {t('residents.filters.testOnly')}
          </Checkbox>
        </Form.Item>
      </Form>
      {error && !data ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void refetch();
          }}
        />
      ) : loading && !data ? (
        <LoadingState />
      ) : (
        <>
          {error ? (
            <ErrorAlert
              className="form-alert"
              error={error}
              onRetry={() => {
                void refetch();
              }}
            />
          ) : null}
          <Table<ResidentFieldsFragment>
            rowKey="id"
            columns={columns}
            dataSource={residents}
            pagination={false}
            loading={loading && !loadingMore}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('residents.empty')} /> }}
            caption={<span className="visually-hidden">{t('residents.title')}</span>}
          />
          {connection && residents.length > 0 ? (
            <LoadMore
              shown={residents.length}
              total={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              loading={loadingMore}
              onLoadMore={onLoadMore}
            />
          ) : null}
        </>
      )}
      {exporting ? (
        <TalkLogExportModal
          channelOptions={channelOptions}
          onClose={() => {
            setExporting(false);
          }}
        />
      ) : null}
    </>
  );
}
