import { EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { LineChannelsDocument } from '../../../gql/graphql';
import type { LineChannelFieldsFragment } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { ConnectionTag, PurposeTag } from '../components/channel-tags';
import { LineChannelFormModal } from '../components/line-channel-form-modal';

export function LineChannelsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const canWrite = can('channels.write');
  const [editing, setEditing] = useState<LineChannelFieldsFragment | 'new' | null>(null);
  const { data, loading, error, refetch } = useQuery(LineChannelsDocument);
  const channels = data?.lineChannels ?? [];

  const columns: TableColumnsType<LineChannelFieldsFragment> = [
    {
      title: t('channels.columns.name'),
      key: 'name',
      render: (_: unknown, channel) => <Link to={`/channels/${channel.id}`}>{channel.name}</Link>,
    },
    {
      title: t('channels.columns.purpose'),
      key: 'purpose',
      width: 150,
      render: (_: unknown, channel) => <PurposeTag purpose={channel.purpose} />,
    },
    { title: t('channels.columns.messagingChannelId'), dataIndex: 'messagingChannelId', key: 'messagingChannelId', width: 150 },
    {
      title: t('channels.columns.status'),
      key: 'status',
      render: (_: unknown, channel) => (
        <Space size={[0, 4]} wrap>
          {channel.isActive ? <Tag color="green">{t('channels.status.active')}</Tag> : <Tag>{t('channels.status.inactive')}</Tag>}
          {channel.hasCredentials ? null : <Tag color="orange">{t('channels.status.credentialsMissing')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('channels.columns.lastCheck'),
      key: 'lastCheck',
      render: (_: unknown, channel) => <ConnectionTag ok={channel.lastCheckOk} checkedAt={channel.lastCheckedAt} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, channel) => (
        <Space size="small">
          <Button
            size="small"
            icon={<RightOutlined />}
            aria-label={t('channels.openOf', { name: channel.name })}
            onClick={() => {
              void navigate(`/channels/${channel.id}`);
            }}
          >
            {t('channels.open')}
          </Button>
          {canWrite ? (
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('channels.editOf', { name: channel.name })}
              onClick={() => {
                setEditing(channel);
              }}
            >
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('channels.title')}
        description={t('channels.description')}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing('new');
              }}
            >
              {t('channels.add')}
            </Button>
          ) : null
        }
      />
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
        <Table<LineChannelFieldsFragment>
          rowKey="id"
          columns={columns}
          dataSource={channels}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState description={t('channels.empty')} /> }}
          caption={<span className="visually-hidden">{t('channels.title')}</span>}
        />
      )}
      {editing ? (
        <LineChannelFormModal
          channel={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
          onCreated={(channel) => {
            void navigate(`/channels/${channel.id}`);
          }}
        />
      ) : null}
    </>
  );
}
