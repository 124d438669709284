import { EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { LineChannelsDocument } from '../../../gql/graphql';
import type { LineChannelFieldsFragment } from '../../../gql/graphql';
import { ListPage, plainList } from '../../../shared/ui/list-page';
import { ConnectionTag, PurposeTag } from '../components/channel-tags';
import { LineChannelFormModal } from '../components/line-channel-form-modal';

export function LineChannelsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const canWrite = can('channels.write');
  const [editing, setEditing] = useState<LineChannelFieldsFragment | 'new' | null>(null);
  const query = useQuery(LineChannelsDocument);
  // A municipality has a handful of channels: one answer holds them all.
  const list = plainList(query, query.data?.lineChannels);

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
    <ListPage<LineChannelFieldsFragment>
      title={t('channels.title')}
      description={t('channels.description')}
      actions={
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
      list={list}
      columns={columns}
      emptyText={t('channels.empty')}
    >
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
    </ListPage>
  );
}
