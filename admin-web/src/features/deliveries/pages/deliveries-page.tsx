import { CopyOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Button, Progress, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { DeleteDeliveryDocument, DeliveriesDocument, DuplicateDeliveryDocument } from '../../../gql/graphql';
import type { DeliveryListFieldsFragment, DeliveryStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { LockedButton } from '../../../shared/ui/locked-button';
import {
  FilterBar,
  ListPage,
  SearchFilter,
  SelectFilter,
  useConnectionList,
  useListFilter,
  useRowActions,
} from '../../../shared/ui/list-page';
import { DeliveryStatusTag, RunStatusTag } from '../components/status-tags';
import { isEditable, runPercent } from '../lib/actions';
import { targetText, timingText } from '../lib/describe';
import { formatJst } from '../lib/jst';

const STATUSES: readonly DeliveryStatus[] = ['DRAFT', 'AWAITING_APPROVAL', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELED'];
const n = (value: number) => value.toLocaleString('ja-JP');

export function DeliveriesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('deliveries.manage');
  const withSegments = can('segments.read');
  const [filter, setFilter] = useListFilter<{ search?: string; status?: DeliveryStatus }>({});
  const list = useConnectionList(DeliveriesDocument, {
    variables: { filter: { search: filter.search ?? null, status: filter.status ?? null }, withSegments },
    connection: (data) => data.deliveries,
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [duplicateDelivery] = useMutation(DuplicateDeliveryDocument, { refetchQueries: ['Deliveries'], awaitRefetchQueries: true });
  const [deleteDelivery] = useMutation(DeleteDeliveryDocument, { refetchQueries: ['Deliveries'], awaitRefetchQueries: true });

  const confirmDelete = (delivery: DeliveryListFieldsFragment) => {
    const title = delivery.title;
    rowActions.confirm(
      { title: t('deliveries.list.deleteTitle', { title }), content: t('deliveries.list.deleteDescription') },
      () => deleteDelivery({ variables: { id: delivery.id } }),
      t('deliveries.list.deleted', { title }),
    );
  };

  const columns: TableColumnsType<DeliveryListFieldsFragment> = [
    {
      title: t('deliveries.list.columns.title'),
      key: 'title',
      render: (_: unknown, delivery) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/deliveries/${delivery.id}`}>{delivery.title}</Link>
          <Typography.Text type="secondary" className="nowrap" style={{ fontSize: 13 }}>
            {t('deliveries.list.updatedAt', { at: formatDateTime(delivery.updatedAt) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('deliveries.list.columns.status'),
      key: 'status',
      width: 120,
      render: (_: unknown, delivery) => <DeliveryStatusTag status={delivery.status} />,
    },
    {
      title: t('deliveries.list.columns.target'),
      key: 'target',
      render: (_: unknown, delivery) => targetText(delivery, t),
    },
    {
      title: t('deliveries.list.columns.timing'),
      key: 'timing',
      render: (_: unknown, delivery) => (
        <Space orientation="vertical" size={0}>
          <span>{timingText(delivery, t)}</span>
          {delivery.nextRunAt ? (
            <Typography.Text type="secondary" className="nowrap" style={{ fontSize: 13 }}>
              {t('deliveries.timing.next', { at: formatJst(delivery.nextRunAt) })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('deliveries.list.columns.lastRun'),
      key: 'lastRun',
      width: 150,
      render: (_: unknown, delivery) => {
        const run = delivery.runs.find((r) => r.kind === 'REAL');
        if (!run) return <Typography.Text type="secondary">{t('deliveries.list.noRun')}</Typography.Text>;
        return (
          <Space orientation="vertical" size={0} style={{ width: '100%' }}>
            <RunStatusTag status={run.status} />
            <Progress percent={runPercent(run.progress)} size="small" showInfo={false} aria-hidden="true" />
            <Typography.Text style={{ fontSize: 13 }} className="nowrap">
              {t('deliveries.runs.sentOf', { sent: n(run.progress.recipientsSent), planned: n(run.progress.recipientsPlanned) })}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, delivery) => {
        const title = delivery.title;
        const editable = canManage && isEditable(delivery.status);
        const sent = delivery.runs.some((r) => r.kind === 'REAL');
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={editable ? <EditOutlined aria-hidden="true" /> : <EyeOutlined aria-hidden="true" />}
              aria-label={editable ? t('deliveries.list.actions.editOf', { title }) : t('deliveries.list.actions.viewOf', { title })}
              onClick={() => void navigate(editable ? `/deliveries/${delivery.id}/edit` : `/deliveries/${delivery.id}`)}
            >
              {editable ? t('deliveries.list.actions.edit') : t('deliveries.list.actions.view')}
            </Button>
            {canManage ? (
              <>
                <Button
                  size="small"
                  icon={<CopyOutlined aria-hidden="true" />}
                  aria-label={t('deliveries.list.actions.duplicateOf', { title })}
                  onClick={() =>
                    void rowActions.run(
                      async () => {
                        const result = await duplicateDelivery({ variables: { id: delivery.id, withSegments } });
                        const id = result.data?.duplicateDelivery.delivery.id;
                        if (id) void navigate(`/deliveries/${id}/edit`);
                      },
                      t('deliveries.list.duplicated', { title }),
                    )
                  }
                >
                  {t('deliveries.list.actions.duplicate')}
                </Button>
                {sent ? (
                  <LockedButton
                    size="small"
                    danger
                    icon={<DeleteOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.list.actions.deleteOf', { title })}
                    reason={t('deliveries.list.deleteLocked')}
                  >
                    {t('deliveries.list.actions.delete')}
                  </LockedButton>
                ) : (
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.list.actions.deleteOf', { title })}
                    onClick={() => {
                      confirmDelete(delivery);
                    }}
                  >
                    {t('deliveries.list.actions.delete')}
                  </Button>
                )}
              </>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const filtered = filter.search !== undefined || filter.status !== undefined;
  return (
    <ListPage<DeliveryListFieldsFragment>
      title={t('deliveries.list.title')}
      description={t('deliveries.list.description')}
      actions={
        canManage ? (
          <>
            <Button icon={<UploadOutlined aria-hidden="true" />} onClick={() => void navigate('/deliveries/import')}>
              {t('deliveries.bulkImport.open')}
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => void navigate('/deliveries/new')}>
              {t('deliveries.list.create')}
            </Button>
          </>
        ) : null
      }
      before={
        <FilterBar name="deliveries-filter">
          <SelectFilter<DeliveryStatus>
            id="deliveries-filter-status"
            label={t('deliveries.list.statusFilter')}
            placeholder={t('deliveries.list.allStatuses')}
            options={STATUSES.map((status) => ({ value: status, label: t(`deliveries.status.${status}`) }))}
            value={filter.status}
            onChange={(status) => {
              setFilter('status', status);
            }}
            minWidth={160}
          />
          <SearchFilter
            id="deliveries-filter-search"
            label={t('deliveries.list.search')}
            placeholder={t('deliveries.list.searchPlaceholder')}
            value={filter.search}
            onChange={(search) => {
              setFilter('search', search);
            }}
            maxLength={100}
            width={260}
          />
        </FilterBar>
      }
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={filtered ? t('deliveries.list.empty') : t('deliveries.list.emptyAll')}
      size="middle"
    />
  );
}
