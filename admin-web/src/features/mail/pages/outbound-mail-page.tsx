import { MailOutlined, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { OutboundMailsDocument, RetryOutboundMailDocument } from '../../../gql/graphql';
import type { OutboundMailFieldsFragment, OutboundMailFilter } from '../../../gql/graphql';
import { formatDateTimeSeconds } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { FilterBar, ListPage, SelectFilter, useConnectionList, useListFilter, useRowActions } from '../../../shared/ui/list-page';
import { MailPurpose } from '../components/mail-purpose';
import { MailSettingsPanel } from '../components/mail-settings-panel';
import { MailStatusTag } from '../components/mail-status-tag';
import { OutboundMailDetail } from '../components/outbound-mail-detail';
import { TestMailModal } from '../components/test-mail-modal';
import { MAIL_STATUSES } from '../lib/mail-display';

export function OutboundMailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const canSend = can('mail.send');
  const [filter, setFilter] = useListFilter<OutboundMailFilter>({});
  const [testMailOpen, setTestMailOpen] = useState(false);
  const [retryingId, setRetryingId] = useState<string | null>(null);
  const list = useConnectionList(OutboundMailsDocument, {
    variables: { filter },
    connection: (data) => data.outboundMails,
    // The job runner changes statuses in the background: show the cached rows, then the server's.
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [retryMail] = useMutation(RetryOutboundMailDocument, { refetchQueries: ['OutboundMails'], awaitRefetchQueries: true });

  const retry = async (mail: OutboundMailFieldsFragment) => {
    setRetryingId(mail.id);
    await rowActions.run(async () => {
      try {
        await retryMail({ variables: { id: mail.id } });
        void message.success(t('mail.retry.done'));
      } catch (error) {
        if (describeApiError(error).reason !== 'MAIL_NOT_FAILED') throw error;
        // Someone resent it already, or it is no longer failed: the row on screen was stale.
        void message.warning(t('mail.retry.notFailed'));
        list.refetch();
      }
    });
    setRetryingId(null);
  };

  const columns: TableColumnsType<OutboundMailFieldsFragment> = [
    {
      title: t('mail.columns.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (value: string) => <span className="nowrap">{formatDateTimeSeconds(value)}</span>,
    },
    {
      title: t('mail.columns.toAddress'),
      dataIndex: 'toAddress',
      key: 'toAddress',
      render: (value: string) => (
        <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth: 220 }}>
          {value}
        </Typography.Text>
      ),
    },
    {
      title: t('mail.columns.subject'),
      dataIndex: 'subject',
      key: 'subject',
      render: (value: string) => (
        <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth: 260 }}>
          {value}
        </Typography.Text>
      ),
    },
    {
      title: t('mail.columns.purpose'),
      dataIndex: 'purpose',
      key: 'purpose',
      width: 140,
      render: (value: string) => <MailPurpose purpose={value} />,
    },
    {
      title: t('mail.columns.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (_: unknown, mail) => <MailStatusTag status={mail.status} />,
    },
    { title: t('mail.columns.attempts'), dataIndex: 'attempts', key: 'attempts', width: 90, align: 'right' },
  ];
  if (canSend) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 110,
      render: (_: unknown, mail) =>
        mail.status === 'FAILED' ? (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retryingId === mail.id}
            aria-label={t('mail.retry.actionOf', { subject: mail.subject, to: mail.toAddress })}
            onClick={() => {
              void retry(mail);
            }}
          >
            {t('mail.retry.action')}
          </Button>
        ) : null,
    });
  }

  return (
    <ListPage<OutboundMailFieldsFragment>
      title={t('mail.title')}
      description={t('mail.description')}
      actions={
        <>
          <Button icon={<ReloadOutlined />} onClick={list.refetch}>
            {t('mail.refresh')}
          </Button>
          {canSend ? (
            <Button
              type="primary"
              icon={<MailOutlined />}
              onClick={() => {
                setTestMailOpen(true);
              }}
            >
              {t('mail.test.open')}
            </Button>
          ) : null}
        </>
      }
      before={
        <>
          <MailSettingsPanel />
          <FilterBar name="outbound-mail-filter">
            <SelectFilter
              id="outbound-mail-filter-status"
              label={t('mail.filters.status')}
              placeholder={t('mail.filters.allStatuses')}
              options={MAIL_STATUSES.map((status) => ({ value: status, label: t(`mail.status.${status}`) }))}
              value={filter.status}
              onChange={(status) => {
                setFilter('status', status);
              }}
              minWidth={180}
            />
          </FilterBar>
        </>
      }
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={filter.status ? t('mail.empty') : t('mail.emptyAll')}
      size="middle"
      expandable={{
        columnTitle: <span className="visually-hidden">{t('mail.columns.detail')}</span>,
        expandedRowRender: (mail) => <OutboundMailDetail mail={mail} />,
      }}
    >
      {testMailOpen ? (
        <TestMailModal
          onClose={() => {
            setTestMailOpen(false);
          }}
        />
      ) : null}
    </ListPage>
  );
}
