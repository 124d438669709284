import { DeleteOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Button, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { DeleteMailListDocument, MailListsDocument, UpdateMailListDocument } from '../../../gql/graphql';
import type { MailListFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { FilterBar, ListPage, SearchFilter, useConnectionList, useListFilter, useRowActions } from '../../../shared/ui/list-page';
import { MailListFormModal } from '../components/mail-list-form-modal';
import { ActiveTag, VisibilityTag } from '../components/mail-list-tags';

/** The mail lists of the viewer's departments, with how many receive each and how many wait for their confirmation. */
export function MailListsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('mail_lists.manage');
  const [editing, setEditing] = useState<MailListFieldsFragment | 'new' | null>(null);
  const [filter, setFilter] = useListFilter<{ search?: string }>({});
  const list = useConnectionList(MailListsDocument, {
    variables: { search: filter.search ?? null },
    connection: (data) => data.mailLists,
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [updateList] = useMutation(UpdateMailListDocument);
  const [deleteList] = useMutation(DeleteMailListDocument, { refetchQueries: ['MailLists'], awaitRefetchQueries: true });
  const people = (n: number) => t('mailLists.people', { n: n.toLocaleString('ja-JP') });

  const toggle = (mailList: MailListFieldsFragment) => {
    const name = mailList.name;
    const change = () => updateList({ variables: { id: mailList.id, input: { active: !mailList.active } } });
    if (!mailList.active) {
      void rowActions.run(change, t('mailLists.list.activated', { name }));
      return;
    }
    rowActions.confirm(
      {
        title: t('mailLists.list.deactivateTitle', { name }),
        content: t('mailLists.list.deactivateBody'),
        okText: t('mailLists.list.deactivateOk'),
      },
      change,
      t('mailLists.list.deactivated', { name }),
    );
  };

  const confirmDelete = (mailList: MailListFieldsFragment) => {
    const name = mailList.name;
    rowActions.confirm(
      { title: t('mailLists.list.deleteTitle', { name }), content: t('mailLists.list.deleteBody') },
      () => deleteList({ variables: { id: mailList.id } }),
      t('mailLists.list.deleted', { name }),
    );
  };

  const columns: TableColumnsType<MailListFieldsFragment> = [
    {
      title: t('mailLists.list.columns.name'),
      key: 'name',
      render: (_: unknown, mailList) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/mail-lists/${mailList.id}`}>{mailList.name}</Link>
          {mailList.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }} ellipsis={{ tooltip: mailList.description }}>
              {mailList.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('mailLists.list.columns.visibility'),
      key: 'visibility',
      width: 130,
      render: (_: unknown, mailList) => <VisibilityTag isPublic={mailList.isPublic} />,
    },
    {
      title: t('mailLists.list.columns.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, mailList) => <ActiveTag active={mailList.active} />,
    },
    {
      title: t('mailLists.list.columns.subscribers'),
      key: 'subscribers',
      align: 'right',
      width: 110,
      render: (_: unknown, mailList) => people(mailList.subscriberCount),
    },
    {
      title: t('mailLists.list.columns.pending'),
      key: 'pending',
      align: 'right',
      width: 110,
      render: (_: unknown, mailList) => people(mailList.pendingCount),
    },
    {
      title: t('mailLists.list.columns.updatedAt'),
      key: 'updatedAt',
      width: 160,
      render: (_: unknown, mailList) => <span className="nowrap">{formatDateTime(mailList.updatedAt)}</span>,
    },
  ];
  if (canManage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, mailList) => {
        const name = mailList.name;
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={<EditOutlined aria-hidden="true" />}
              aria-label={t('mailLists.list.actions.editOf', { name })}
              onClick={() => setEditing(mailList)}
            >
              {t('mailLists.list.actions.edit')}
            </Button>
            <Button
              size="small"
              icon={mailList.active ? <PauseCircleOutlined aria-hidden="true" /> : <PlayCircleOutlined aria-hidden="true" />}
              aria-label={
                mailList.active ? t('mailLists.list.actions.deactivateOf', { name }) : t('mailLists.list.actions.activateOf', { name })
              }
              onClick={() => toggle(mailList)}
            >
              {mailList.active ? t('mailLists.list.actions.deactivate') : t('mailLists.list.actions.activate')}
            </Button>
            <Button
              size="small"
              danger
              icon={<DeleteOutlined aria-hidden="true" />}
              aria-label={t('mailLists.list.actions.deleteOf', { name })}
              onClick={() => confirmDelete(mailList)}
            >
              {t('mailLists.list.actions.delete')}
            </Button>
          </Space>
        );
      },
    });

  return (
    <ListPage<MailListFieldsFragment>
      title={t('mailLists.list.title')}
      description={t('mailLists.list.description')}
      actions={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('mailLists.list.create')}
          </Button>
        ) : null
      }
      before={
        <FilterBar name="mail-lists-filter">
          <SearchFilter
            id="mail-lists-filter-search"
            label={t('mailLists.list.search')}
            placeholder={t('mailLists.list.searchPlaceholder')}
            value={filter.search}
            onChange={(search) => setFilter('search', search)}
            maxLength={100}
            width={260}
          />
        </FilterBar>
      }
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={filter.search ? t('mailLists.list.empty') : t('mailLists.list.emptyAll')}
      size="middle"
    >
      {editing ? (
        <MailListFormModal
          mailList={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(id) => void navigate(`/mail-lists/${id}`)}
        />
      ) : null}
    </ListPage>
  );
}
