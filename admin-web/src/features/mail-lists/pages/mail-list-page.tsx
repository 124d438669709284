import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Descriptions, Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import {
  MailListDocument,
  MailListSubscribersDocument,
  RemoveMailListSubscriberDocument,
  UpdateMailListDocument,
} from '../../../gql/graphql';
import type { MailListFieldsFragment, MailListMemberFieldsFragment, MailSubscriberStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { FilterBar, ListTable, SelectFilter, useConnectionList, useListFilter, useRowActions } from '../../../shared/ui/list-page';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { MailListFormModal } from '../components/mail-list-form-modal';
import { ActiveTag, SubscriberStatusTag, VisibilityTag } from '../components/mail-list-tags';
import { SubscriberImportModal } from '../components/subscriber-import-modal';

const STATUSES: readonly MailSubscriberStatus[] = ['CONFIRMED', 'PENDING', 'UNSUBSCRIBED'];

/** One mail list: what residents see of it, its counts, and its subscribers (addresses masked without read_personal). */
export function MailListPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(MailListDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const back = (
    <Link to="/mail-lists">
      <ArrowLeftOutlined aria-hidden="true" /> {t('mailLists.page.back')}
    </Link>
  );
  if (error && !data)
    return (
      <>
        {back}
        <PageHeader title={t('mailLists.list.title')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  if (loading && !data) return <LoadingState rows={10} />;
  const mailList = data?.mailList;
  if (!mailList) return null;
  return (
    <>
      {back}
      <MailListView mailList={mailList} />
    </>
  );
}

function MailListView({ mailList }: { mailList: MailListFieldsFragment }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const can = useCan();
  const canManage = can('mail_lists.manage');
  const withEmail = can('mail_lists.read_personal');
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [filter, setFilter] = useListFilter<{ status?: MailSubscriberStatus }>({});
  const [toggleError, setToggleError] = useState<unknown>(null);
  const subscribers = useConnectionList(MailListSubscribersDocument, {
    variables: { listId: mailList.id, status: filter.status ?? null, withEmail },
    connection: (data) => data.mailListSubscribers,
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [updateList, updating] = useMutation(UpdateMailListDocument);
  const [removeSubscriber] = useMutation(RemoveMailListSubscriberDocument, {
    refetchQueries: ['MailListSubscribers', 'MailList'],
    awaitRefetchQueries: true,
  });
  const name = mailList.name;
  const people = (n: number) => t('mailLists.people', { n: n.toLocaleString('ja-JP') });
  const addressOf = (member: MailListMemberFieldsFragment) => member.subscriber.email ?? member.subscriber.maskedEmail;

  const toggle = () => {
    const change = async () => {
      setToggleError(null);
      try {
        await updateList({ variables: { id: mailList.id, input: { active: !mailList.active } } });
        void message.success(t(mailList.active ? 'mailLists.list.deactivated' : 'mailLists.list.activated', { name }));
      } catch (error) {
        setToggleError(error);
      }
    };
    if (!mailList.active) {
      void change();
      return;
    }
    void modal.confirm({
      title: t('mailLists.list.deactivateTitle', { name }),
      content: t('mailLists.list.deactivateBody'),
      okText: t('mailLists.list.deactivateOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: change,
    });
  };

  const confirmRemove = (member: MailListMemberFieldsFragment) => {
    const email = addressOf(member);
    rowActions.confirm(
      { title: t('mailLists.page.removeTitle', { email }), content: t('mailLists.page.removeBody') },
      () => removeSubscriber({ variables: { listId: mailList.id, subscriberId: member.subscriber.id } }),
      t('mailLists.page.removed'),
    );
  };

  const columns: TableColumnsType<MailListMemberFieldsFragment> = [
    {
      title: t('mailLists.page.columns.email'),
      key: 'email',
      render: (_: unknown, member) => <span style={{ overflowWrap: 'anywhere' }}>{addressOf(member)}</span>,
    },
    {
      title: t('mailLists.page.columns.status'),
      key: 'status',
      width: 130,
      render: (_: unknown, member) => <SubscriberStatusTag status={member.status} />,
    },
    {
      title: t('mailLists.page.columns.consent'),
      key: 'consent',
      render: (_: unknown, member) => (member.confirmedVia ? t(`mailLists.consent.${member.confirmedVia}`) : '—'),
    },
    {
      title: t('mailLists.page.columns.createdAt'),
      key: 'createdAt',
      width: 160,
      render: (_: unknown, member) => <span className="nowrap">{formatDateTime(member.createdAt)}</span>,
    },
    {
      title: t('mailLists.page.columns.confirmedAt'),
      key: 'confirmedAt',
      width: 160,
      render: (_: unknown, member) => <span className="nowrap">{formatDateTime(member.confirmedAt)}</span>,
    },
  ];
  if (canManage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 100,
      render: (_: unknown, member) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden="true" />}
          aria-label={t('mailLists.page.removeOf', { email: addressOf(member) })}
          onClick={() => confirmRemove(member)}
        >
          {t('mailLists.page.remove')}
        </Button>
      ),
    });

  return (
    <>
      <PageHeader
        title={
          <Flex gap="small" align="center" wrap component="span">
            <span>{name}</span>
            <VisibilityTag isPublic={mailList.isPublic} />
            <ActiveTag active={mailList.active} />
          </Flex>
        }
        extra={
          canManage ? (
            <>
              <Button icon={<EditOutlined aria-hidden="true" />} onClick={() => setEditing(true)}>
                {t('mailLists.page.edit')}
              </Button>
              <Button
                icon={mailList.active ? <PauseCircleOutlined aria-hidden="true" /> : <PlayCircleOutlined aria-hidden="true" />}
                loading={updating.loading}
                onClick={toggle}
              >
                {mailList.active ? t('mailLists.list.actions.deactivate') : t('mailLists.list.actions.activate')}
              </Button>
              <Button type="primary" icon={<UploadOutlined aria-hidden="true" />} onClick={() => setImporting(true)}>
                {t('mailLists.page.import')}
              </Button>
            </>
          ) : null
        }
      />
      {toggleError ? <ErrorAlert className="form-alert" error={toggleError} onClose={() => setToggleError(null)} /> : null}
      <section aria-labelledby="mail-list-summary-title" style={{ marginBottom: 28, maxWidth: 900 }}>
        <Typography.Title level={2} id="mail-list-summary-title" style={{ fontSize: 18 }}>
          {t('mailLists.page.summary')}
        </Typography.Title>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'description',
              label: t('mailLists.page.description'),
              span: 'filled',
              children: mailList.description ? (
                <span style={{ whiteSpace: 'pre-wrap' }}>{mailList.description}</span>
              ) : (
                <Typography.Text type="secondary">{t('mailLists.page.noDescription')}</Typography.Text>
              ),
            },
            { key: 'subscribers', label: t('mailLists.page.subscribers'), children: people(mailList.subscriberCount) },
            { key: 'pending', label: t('mailLists.page.pending'), children: people(mailList.pendingCount) },
            { key: 'createdAt', label: t('mailLists.page.createdAt'), children: formatDateTime(mailList.createdAt) },
            { key: 'updatedAt', label: t('mailLists.page.updatedAt'), children: formatDateTime(mailList.updatedAt) },
          ]}
        />
      </section>
      <section aria-labelledby="mail-list-subscribers-title">
        <Typography.Title level={2} id="mail-list-subscribers-title" style={{ fontSize: 18 }}>
          {t('mailLists.page.subscribersTitle')}
        </Typography.Title>
        {withEmail ? null : <Alert type="info" showIcon title={t('mailLists.page.maskedNote')} style={{ marginBottom: 12 }} />}
        <FilterBar name="mail-list-subscribers-filter">
          <SelectFilter<MailSubscriberStatus>
            id="mail-list-subscribers-status"
            label={t('mailLists.page.statusFilter')}
            placeholder={t('mailLists.page.allStatuses')}
            options={STATUSES.map((status) => ({ value: status, label: t(`mailLists.subscriberStatus.${status}`) }))}
            value={filter.status}
            onChange={(status) => setFilter('status', status)}
            minWidth={160}
          />
        </FilterBar>
        {rowActions.alert('form-alert')}
        <ListTable<MailListMemberFieldsFragment>
          caption={t('mailLists.page.subscribersTitle')}
          list={subscribers}
          columns={columns}
          emptyText={filter.status ? t('mailLists.page.emptyFiltered') : t('mailLists.page.empty')}
          size="middle"
        />
      </section>
      {editing ? <MailListFormModal mailList={mailList} onClose={() => setEditing(false)} /> : null}
      {importing ? <SubscriberImportModal list={mailList} onClose={() => setImporting(false)} /> : null}
    </>
  );
}
