import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Popconfirm, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { DeleteDepartmentDocument, DepartmentsDocument } from '../../../gql/graphql';
import type { DepartmentFieldsFragment } from '../../../gql/graphql';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadMore } from '../../../shared/ui/load-more';
import { LockedButton } from '../../../shared/ui/locked-button';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { DepartmentFormModal } from '../components/department-form-modal';
import { departmentLock, formatStaffCount } from '../lib/department-scope';
import type { DepartmentLock } from '../lib/department-scope';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const viewer = useViewer();
  const canWrite = can('departments.write');
  const [editing, setEditing] = useState<DepartmentFieldsFragment | 'new' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(DepartmentsDocument, {
    variables: { first: MAX_PAGE_SIZE },
  });
  const [deleteDepartment] = useMutation(DeleteDepartmentDocument, {
    refetchQueries: ['Departments'],
    awaitRefetchQueries: true,
  });

  const connection = data?.departments;
  const departments = nodesOf(connection);

  const onDelete = async (department: DepartmentFieldsFragment) => {
    setActionError(null);
    try {
      await deleteDepartment({ variables: { id: department.id } });
      void message.success(t('common.deleted'));
    } catch (e) {
      setActionError(e);
    }
  };

  /** What the server would answer (FORBIDDEN OUTSIDE_DEPARTMENT), said on the disabled button. */
  const lockReason = (lock: DepartmentLock): string | null => {
    switch (lock) {
      case 'allDepartmentsOnly':
        return t('departments.lockedAllDepartmentsOnly');
      case 'otherDepartment':
        return t('departments.lockedOtherDepartment');
      case null:
        return null;
    }
  };
  const createLock = lockReason(departmentLock(viewer, 'create'));

  const onLoadMore = () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    void fetchMore({ variables: { after } }).finally(() => {
      setLoadingMore(false);
    });
  };

  const columns: TableColumnsType<DepartmentFieldsFragment> = [
    { title: t('departments.columns.code'), dataIndex: 'code', key: 'code', width: 160 },
    { title: t('departments.columns.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('departments.columns.staffCount'),
      dataIndex: 'staffCount',
      key: 'staffCount',
      align: 'right',
      width: 100,
      // null: a department outside the viewer's scope, whose staff they do not see.
      render: (value: number | null) => formatStaffCount(value),
    },
    {
      title: t('departments.columns.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 200,
      render: (_: unknown, department) => {
        const editLock = lockReason(departmentLock(viewer, 'edit', department.id));
        const deleteLock = lockReason(departmentLock(viewer, 'delete', department.id));
        const editLabel = t('departments.editOf', { name: department.name });
        const deleteLabel = t('departments.deleteOf', { name: department.name });
        return (
          <Space size="small" wrap>
            {editLock ? (
              <LockedButton reason={editLock} size="small" icon={<EditOutlined />} aria-label={editLabel}>
                {t('common.edit')}
              </LockedButton>
            ) : (
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={editLabel}
                onClick={() => {
                  setEditing(department);
                }}
              >
                {t('common.edit')}
              </Button>
            )}
            {deleteLock ? (
              <LockedButton reason={deleteLock} size="small" danger icon={<DeleteOutlined />} aria-label={deleteLabel}>
                {t('common.delete')}
              </LockedButton>
            ) : (
              <Popconfirm
                title={t('departments.deleteConfirm', { name: department.name })}
                description={t('departments.deleteHint')}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => {
                  void onDelete(department);
                }}
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={deleteLabel}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        description={
          viewer.isSystemAdmin ? (
            t('departments.description')
          ) : (
            <>
              {t('departments.description')}
              <br />
              {t('departments.scopeNote')}
            </>
          )
        }
        extra={
          !canWrite ? null : createLock ? (
            <LockedButton reason={createLock} type="primary" icon={<PlusOutlined />}>
              {t('departments.add')}
            </LockedButton>
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing('new');
              }}
            >
              {t('departments.add')}
            </Button>
          )
        }
      />
      {actionError ? (
        <ErrorAlert
          className="form-alert"
          error={actionError}
          onClose={() => {
            setActionError(null);
          }}
        />
      ) : null}
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
          <Table<DepartmentFieldsFragment>
            rowKey="id"
            columns={columns}
            dataSource={departments}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('departments.empty')} /> }}
            caption={<span className="visually-hidden">{t('departments.title')}</span>}
          />
          {connection && departments.length > 0 ? (
            <LoadMore
              shown={departments.length}
              total={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              loading={loadingMore}
              onLoadMore={onLoadMore}
            />
          ) : null}
        </>
      )}
      {editing ? (
        <DepartmentFormModal
          department={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}
