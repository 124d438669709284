import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { DeleteRoleDocument, PermissionCatalogueDocument, RolesDocument } from '../../../gql/graphql';
import type { RoleFieldsFragment } from '../../../gql/graphql';
import { MAX_PAGE_SIZE } from '../../../shared/lib/connection';
import { featureLabelsOf } from '../../../shared/lib/permissions';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ListPage, useConnectionList, useRowActions } from '../../../shared/ui/list-page';
import { LockedButton } from '../../../shared/ui/locked-button';
import { RoleFormModal } from '../components/role-form-modal';
import { roleFieldsVariables, roleLock } from '../lib/role-owner';

export function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const viewer = useViewer();
  const canWrite = can('roles.write');
  const fieldVariables = roleFieldsVariables(can);
  const [editing, setEditing] = useState<RoleFieldsFragment | 'new' | null>(null);
  const list = useConnectionList(RolesDocument, { variables: fieldVariables, connection: (data) => data.roles, pageSize: MAX_PAGE_SIZE });
  const rowActions = useRowActions();
  const catalogueQuery = useQuery(PermissionCatalogueDocument);
  const [deleteRole] = useMutation(DeleteRoleDocument, { refetchQueries: ['Roles'], awaitRefetchQueries: true });

  const catalogue = catalogueQuery.data?.permissionCatalogue ?? [];

  const columns: TableColumnsType<RoleFieldsFragment> = [
    {
      title: t('roles.columns.name'),
      key: 'name',
      render: (_: unknown, role) => (
        <Space size={4} wrap>
          <Typography.Text strong>{role.name}</Typography.Text>
          {role.isSystemAdmin ? <Tag color="gold">{t('roles.systemAdmin')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('roles.columns.owner'),
      key: 'owner',
      render: (_: unknown, role) => (role.isShared ? <Tag>{t('roles.shared')}</Tag> : (role.department?.name ?? '—')),
    },
    {
      title: t('roles.columns.description'),
      dataIndex: 'description',
      key: 'description',
      render: (value: string | null) => value ?? '',
    },
    {
      title: t('roles.columns.permissions'),
      key: 'permissions',
      render: (_: unknown, role) => {
        if (role.isSystemAdmin) return t('roles.allPermissions');
        const features = featureLabelsOf(role.permissions, catalogue);
        return (
          <span>
            {t('roles.permissionCount', { count: role.permissions.length })}
            {features.length > 0 ? <Typography.Text type="secondary">{` (${features.join('・')})`}</Typography.Text> : null}
          </span>
        );
      },
    },
    {
      title: t('roles.columns.requireTotp'),
      key: 'requireTotp',
      width: 110,
      render: (_: unknown, role) => (role.requireTotp ? <Tag color="blue">{t('roles.required')}</Tag> : <Tag>{t('roles.optional')}</Tag>),
    },
    { title: t('roles.columns.staffCount'), dataIndex: 'staffCount', key: 'staffCount', align: 'right', width: 90 },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 200,
      render: (_: unknown, role) => {
        const lock = roleLock(role, viewer.isSystemAdmin);
        if (lock === 'systemAdminRole') return <Typography.Text type="secondary">{t('roles.systemAdminReadOnly')}</Typography.Text>;
        if (lock === 'sharedRole') {
          // The system administrators' (the server would answer FORBIDDEN SHARED_ROLE).
          return (
            <Space size="small" wrap>
              <LockedButton
                reason={t('roles.sharedReadOnly')}
                size="small"
                icon={<EditOutlined />}
                aria-label={t('roles.editOf', { name: role.name })}
              >
                {t('common.edit')}
              </LockedButton>
              <LockedButton
                reason={t('roles.sharedReadOnly')}
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('roles.deleteOf', { name: role.name })}
              >
                {t('common.delete')}
              </LockedButton>
            </Space>
          );
        }
        return (
          <Space size="small" wrap>
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('roles.editOf', { name: role.name })}
              onClick={() => {
                setEditing(role);
              }}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('roles.deleteConfirm', { name: role.name })}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => {
                void rowActions.run(() => deleteRole({ variables: { id: role.id } }), t('common.deleted'));
              }}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('roles.deleteOf', { name: role.name })}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    });
  }

  return (
    <ListPage<RoleFieldsFragment>
      title={t('roles.title')}
      description={
        viewer.isSystemAdmin ? (
          t('roles.description')
        ) : (
          <>
            {t('roles.description')}
            <br />
            {t('roles.staffCountScope')}
          </>
        )
      }
      actions={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing('new');
            }}
          >
            {t('roles.add')}
          </Button>
        ) : null
      }
      rowActions={rowActions}
      before={
        catalogueQuery.error ? (
          <ErrorAlert
            className="form-alert"
            error={catalogueQuery.error}
            onRetry={() => {
              void catalogueQuery.refetch();
            }}
          />
        ) : null
      }
      list={list}
      columns={columns}
      emptyText={t('roles.empty')}
    >
      {editing ? (
        <RoleFormModal
          role={editing === 'new' ? null : editing}
          catalogue={catalogue}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : null}
    </ListPage>
  );
}
