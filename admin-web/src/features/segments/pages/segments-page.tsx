import { CalculatorOutlined, CopyOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { CountSegmentDocument, DeleteSegmentDocument, DuplicateSegmentDocument, SegmentsDocument } from '../../../gql/graphql';
import type { SegmentListFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { FilterBar, ListPage, SearchFilter, useConnectionList, useListFilter, useRowActions } from '../../../shared/ui/list-page';

export function SegmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('segments.manage');
  const withDepartment = can('departments.read');
  const [filter, setFilter] = useListFilter<{ search?: string }>({});
  const list = useConnectionList(SegmentsDocument, {
    variables: { search: filter.search ?? null, withDepartment },
    connection: (data) => data.segments,
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [countSegment] = useMutation(CountSegmentDocument, { refetchQueries: ['Segments'], awaitRefetchQueries: true });
  const [duplicateSegment] = useMutation(DuplicateSegmentDocument, { refetchQueries: ['Segments'], awaitRefetchQueries: true });
  const [deleteSegment] = useMutation(DeleteSegmentDocument, { refetchQueries: ['Segments'], awaitRefetchQueries: true });

  const confirmDelete = (segment: SegmentListFieldsFragment) => {
    const name = segment.name;
    rowActions.confirm(
      { title: t('segments.list.deleteTitle', { name }), content: t('segments.list.deleteDescription') },
      () => deleteSegment({ variables: { id: segment.id } }),
      t('segments.list.deleted', { name }),
    );
  };

  const columns: TableColumnsType<SegmentListFieldsFragment> = [
    {
      title: t('segments.list.columns.name'),
      key: 'name',
      render: (_: unknown, segment) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/segments/${segment.id}`}>{segment.name}</Link>
          {segment.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {segment.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...(withDepartment
      ? [
          {
            title: t('segments.list.columns.department'),
            key: 'department',
            render: (_: unknown, segment: SegmentListFieldsFragment) => segment.department?.name ?? '—',
          },
        ]
      : []),
    {
      title: t('segments.list.columns.count'),
      key: 'count',
      align: 'right',
      width: 170,
      render: (_: unknown, segment) =>
        segment.lastCount === null ? (
          <Typography.Text type="secondary">{t('segments.list.notCounted')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0} align="end">
            <span className="nowrap">{t('segments.list.countValue', { n: segment.lastCount.toLocaleString('ja-JP') })}</span>
            <Typography.Text type="secondary" className="nowrap" style={{ fontSize: 12 }}>
              {t('segments.list.countedAt', { at: formatDateTime(segment.lastCountedAt) })}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('segments.list.columns.updatedAt'),
      key: 'updatedAt',
      width: 150,
      render: (_: unknown, segment) => <span className="nowrap">{formatDateTime(segment.updatedAt)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, segment) => {
        const name = segment.name;
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={canManage ? <EditOutlined aria-hidden="true" /> : <EyeOutlined aria-hidden="true" />}
              aria-label={canManage ? t('segments.list.actions.editOf', { name }) : t('segments.list.actions.viewOf', { name })}
              onClick={() => void navigate(`/segments/${segment.id}`)}
            >
              {canManage ? t('segments.list.actions.edit') : t('segments.list.actions.view')}
            </Button>
            <Button
              size="small"
              icon={<CalculatorOutlined aria-hidden="true" />}
              aria-label={t('segments.list.actions.countOf', { name })}
              onClick={() =>
                void rowActions.run(async () => {
                  const result = await countSegment({ variables: { id: segment.id } });
                  const count = result.data?.countSegment.count;
                  if (count !== undefined) void message.success(t('segments.list.counted', { name, n: count.toLocaleString('ja-JP') }));
                })
              }
            >
              {t('segments.list.actions.count')}
            </Button>
            {canManage ? (
              <>
                <Button
                  size="small"
                  icon={<CopyOutlined aria-hidden="true" />}
                  aria-label={t('segments.list.actions.duplicateOf', { name })}
                  onClick={() =>
                    void rowActions.run(
                      async () => {
                        const result = await duplicateSegment({ variables: { id: segment.id, withDepartment } });
                        const id = result.data?.duplicateSegment.segment.id;
                        if (id) void navigate(`/segments/${id}`);
                      },
                      t('segments.list.duplicated', { name }),
                    )
                  }
                >
                  {t('segments.list.actions.duplicate')}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined aria-hidden="true" />}
                  aria-label={t('segments.list.actions.deleteOf', { name })}
                  onClick={() => {
                    confirmDelete(segment);
                  }}
                >
                  {t('segments.list.actions.delete')}
                </Button>
              </>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <ListPage<SegmentListFieldsFragment>
      title={t('segments.list.title')}
      description={t('segments.list.description')}
      actions={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => void navigate('/segments/new')}>
            {t('segments.list.create')}
          </Button>
        ) : null
      }
      before={
        <FilterBar name="segments-filter">
          <SearchFilter
            id="segments-filter-search"
            label={t('segments.list.search')}
            placeholder={t('segments.list.searchPlaceholder')}
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
      emptyText={filter.search ? t('segments.list.empty') : t('segments.list.emptyAll')}
      size="middle"
    />
  );
}
