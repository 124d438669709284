import { RightOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { ResidentsDocument } from '../../../gql/graphql';
import type { FollowStatus, ResidentFieldsFragment, ResidentFilter } from '../../../gql/graphql';
import { formatDate } from '../../../shared/lib/format';
import {
  CheckboxFilter,
  FilterBar,
  ListPage,
  SearchFilter,
  SelectFilter,
  useConnectionList,
  useListFilter,
} from '../../../shared/ui/list-page';
import { PurposeTag } from '../../channels/components/channel-tags';
import { ResidentAvatar } from '../components/resident-avatar';
import { FollowStatusTag } from '../components/resident-status-tag';
import { TalkLogExportModal } from '../components/talk-log-export-modal';
import { useChannelOptions } from '../components/use-channel-options';
import { residentFieldsVariables } from '../lib/resident-fields';
import { languageName, residentLabel } from '../lib/resident-name';

const FOLLOW_STATUSES: readonly FollowStatus[] = ['FOLLOWING', 'BLOCKED', 'UNKNOWN'];

export function ResidentsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const fieldVariables = residentFieldsVariables(can);
  const { withPersonal, withChannel } = fieldVariables;
  const channelOptions = useChannelOptions();
  const [filter, setFilter] = useListFilter<ResidentFilter>({});
  const [exporting, setExporting] = useState(false);
  const list = useConnectionList(ResidentsDocument, {
    variables: { filter, ...fieldVariables },
    connection: (data) => data.residents,
    // New friends arrive from LINE at any time: show the cached rows, then the server's.
    fetchPolicy: 'cache-and-network',
  });

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
    <ListPage<ResidentFieldsFragment>
      title={t('residents.title')}
      description={t('residents.description')}
      downloads={
        can('talklog.export')
          ? [
              {
                key: 'talk-log',
                label: t('residents.csv'),
                format: 'csv',
                onClick: () => {
                  setExporting(true);
                },
              },
            ]
          : []
      }
      before={
        <FilterBar name="resident-filter">
          {withPersonal ? (
            <SearchFilter
              id="resident-filter-name"
              label={t('residents.filters.name')}
              placeholder={t('residents.filters.namePlaceholder')}
              value={filter.search ?? undefined}
              onChange={(search) => {
                setFilter('search', search);
              }}
              maxLength={50}
            />
          ) : null}
          {channelOptions ? (
            <SelectFilter
              id="resident-filter-channel"
              label={t('residents.filters.channel')}
              placeholder={t('residents.filters.allChannels')}
              options={channelOptions}
              value={filter.channelId}
              onChange={(channelId) => {
                setFilter('channelId', channelId);
              }}
              minWidth={220}
            />
          ) : null}
          <SelectFilter<FollowStatus>
            id="resident-filter-status"
            label={t('residents.filters.followStatus')}
            placeholder={t('residents.filters.allStatuses')}
            options={FOLLOW_STATUSES.map((status) => ({ value: status, label: t(`residents.followStatus.${status}`) }))}
            value={filter.followStatus}
            onChange={(followStatus) => {
              setFilter('followStatus', followStatus);
            }}
            minWidth={160}
          />
          <SearchFilter
            id="resident-filter-tag"
            label={t('residents.filters.tag')}
            placeholder={t('residents.filters.tagPlaceholder')}
            value={filter.tag ?? undefined}
            onChange={(tag) => {
              setFilter('tag', tag);
            }}
            width={240}
          />
          <CheckboxFilter
            label={t('residents.filters.testOnly')}
            checked={filter.isTestRecipient ?? false}
            onChange={(checked) => {
              setFilter('isTestRecipient', checked ? true : undefined);
            }}
          />
        </FilterBar>
      }
      list={list}
      columns={columns}
      emptyText={t('residents.empty')}
    >
      {exporting ? (
        <TalkLogExportModal
          channelOptions={channelOptions}
          onClose={() => {
            setExporting(false);
          }}
        />
      ) : null}
    </ListPage>
  );
}
