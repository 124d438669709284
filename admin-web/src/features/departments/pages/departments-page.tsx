import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Button, Popconfirm, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { DeleteDepartmentDocument, DepartmentsDocument } from '../../../gql/graphql';
import type { DepartmentFieldsFragment } from '../../../gql/graphql';
import { MAX_PAGE_SIZE } from '../../../shared/lib/connection';
import { formatDateTime } from '../../../shared/lib/format';
import { ListPage, useConnectionList, useRowActions } from '../../../shared/ui/list-page';
import { LockedButton } from '../../../shared/ui/locked-button';
import { DepartmentFormModal } from '../components/department-form-modal';
import { departmentLock, formatStaffCount } from '../lib/department-scope';
import type { DepartmentLock } from '../lib/department-scope';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const viewer = useViewer();
  const canWrite = can('departments.write');
  const [editing, setEditing] = useState<DepartmentFieldsFragment | 'new' | null>(null);
  const list = useConnectionList(DepartmentsDocument, {
    variables: {},
    connection: (data) => data.departments,
    pageSize: MAX_PAGE_SIZE,
  });
  const rowActions = useRowActions();
  const [deleteDepartment] = useMutation(DeleteDepartmentDocument, {
    refetchQueries: ['Departments'],
    awaitRefetchQueries: true,
  });

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
                  void rowActions.run(() => deleteDepartment({ variables: { id: department.id } }), t('common.deleted'));
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
    <ListPage<DepartmentFieldsFragment>
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
      actions={
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
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={t('departments.empty')}
    >
      {editing ? (
        <DepartmentFormModal
          department={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : null}
    </ListPage>
  );
}
