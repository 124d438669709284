import { EditOutlined, KeyOutlined, MoreOutlined, PlusOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Dropdown, Space, Tag, Tooltip } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { ResetStaffTotpDocument, StaffUsersDocument, UnlockStaffUserDocument } from '../../../gql/graphql';
import type { StaffUserFieldsFragment, StaffUserFilter } from '../../../gql/graphql';
import { formatDateTime, isInFuture } from '../../../shared/lib/format';
import {
  CheckboxFilter,
  FilterBar,
  ListPage,
  SearchFilter,
  SelectFilter,
  useConnectionList,
  useListFilter,
  useRowActions,
} from '../../../shared/ui/list-page';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { StaffFormModal } from '../components/staff-form-modal';
import { useStaffOptions } from '../components/use-staff-options';
import { staffUserFieldsVariables } from '../lib/staff-user-fields';

type Dialog =
  { kind: 'create' } | { kind: 'edit'; staff: StaffUserFieldsFragment } | { kind: 'resetPassword'; staff: StaffUserFieldsFragment };

export function StaffListPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const can = useCan();
  const canWrite = can('staff.write');
  const fieldVariables = staffUserFieldsVariables(can);
  const { withPersonal, withDepartment, withRoles } = fieldVariables;
  const options = useStaffOptions();
  const [filter, setFilter] = useListFilter<StaffUserFilter>({ includeInactive: false });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useConnectionList(StaffUsersDocument, { variables: { filter, ...fieldVariables }, connection: (data) => data.staffUsers });
  const rowActions = useRowActions();
  const [unlock] = useMutation(UnlockStaffUserDocument);
  const [resetTotp] = useMutation(ResetStaffTotpDocument);

  const columns: TableColumnsType<StaffUserFieldsFragment> = [
    { title: t('staff.columns.loginId'), dataIndex: 'loginId', key: 'loginId', width: 150 },
    { title: t('staff.columns.displayName'), dataIndex: 'displayName', key: 'displayName', width: 160 },
    ...(withPersonal
      ? [
          {
            title: t('staff.columns.email'),
            key: 'email',
            render: (_: unknown, staff: StaffUserFieldsFragment) => staff.email ?? '',
          },
        ]
      : []),
    // Without the departments' or roles' read permission the server refuses these fields: no column.
    ...(withDepartment
      ? [
          {
            title: t('staff.columns.department'),
            key: 'department',
            render: (_: unknown, staff: StaffUserFieldsFragment) => staff.department?.name ?? '—',
          },
        ]
      : []),
    ...(withRoles
      ? [
          {
            title: t('staff.columns.roles'),
            key: 'roles',
            render: (_: unknown, staff: StaffUserFieldsFragment) => (
              <Space size={[0, 4]} wrap>
                {(staff.roles ?? []).map((role) => (
                  <Tag key={role.id}>{role.name}</Tag>
                ))}
              </Space>
            ),
          },
        ]
      : []),
    {
      title: t('staff.columns.status'),
      key: 'status',
      render: (_: unknown, staff) => (
        <Space size={[0, 4]} wrap>
          {staff.isActive ? <Tag color="green">{t('staff.status.active')}</Tag> : <Tag>{t('staff.status.inactive')}</Tag>}
          {isInFuture(staff.lockedUntil) ? (
            <Tag color="red">{t('staff.status.lockedUntil', { time: formatDateTime(staff.lockedUntil) })}</Tag>
          ) : null}
          {staff.totpEnabled ? <Tag color="blue">{t('staff.status.totp')}</Tag> : null}
          {staff.mustChangePassword ? <Tag color="orange">{t('staff.status.mustChangePassword')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('staff.columns.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (value: string | null) => <span className="nowrap">{formatDateTime(value)}</span>,
    },
  ];
  const confirmUnlock = (staff: StaffUserFieldsFragment) => {
    modal.confirm({
      title: t('staff.actions.unlockConfirm', { name: staff.displayName }),
      okText: t('staff.actions.unlock'),
      cancelText: t('common.cancel'),
      onOk: () => rowActions.run(() => unlock({ variables: { id: staff.id, ...fieldVariables } }), t('staff.unlocked')),
    });
  };

  const confirmResetTotp = (staff: StaffUserFieldsFragment) => {
    modal.confirm({
      title: t('staff.actions.resetTotpConfirm', { name: staff.displayName }),
      okText: t('staff.actions.resetTotp'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => rowActions.run(() => resetTotp({ variables: { id: staff.id, ...fieldVariables } }), t('staff.totpReset')),
    });
  };

  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, staff) => {
        const name = staff.displayName;
        const items: NonNullable<MenuProps['items']> = [
          { key: 'resetPassword', icon: <KeyOutlined />, label: t('staff.actions.resetPassword') },
          ...(isInFuture(staff.lockedUntil) ? [{ key: 'unlock', icon: <UnlockOutlined />, label: t('staff.actions.unlock') }] : []),
          ...(staff.totpEnabled ? [{ key: 'resetTotp', icon: <SafetyOutlined />, label: t('staff.actions.resetTotp'), danger: true }] : []),
        ];
        return (
          <Space size={4}>
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('staff.actions.editOf', { name })}
              onClick={() => {
                setDialog({ kind: 'edit', staff });
              }}
            >
              {t('staff.actions.edit')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items,
                onClick: ({ key }) => {
                  if (key === 'resetPassword') setDialog({ kind: 'resetPassword', staff });
                  else if (key === 'unlock') confirmUnlock(staff);
                  else if (key === 'resetTotp') confirmResetTotp(staff);
                },
              }}
            >
              {/* Icon only, so the fixed column leaves the table's columns room at 1280 px; the name is in the tooltip and for screen readers. */}
              <Tooltip title={t('staff.actions.more')}>
                <Button size="small" icon={<MoreOutlined />} aria-label={t('staff.actions.moreOf', { name })} />
              </Tooltip>
            </Dropdown>
          </Space>
        );
      },
    });
  }

  return (
    <ListPage<StaffUserFieldsFragment>
      title={t('staff.title')}
      description={t('staff.description')}
      actions={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setDialog({ kind: 'create' });
            }}
          >
            {t('staff.add')}
          </Button>
        ) : null
      }
      before={
        <FilterBar name="staff-filter">
          <SearchFilter
            id="staff-filter-search"
            label={t('staff.filters.search')}
            placeholder={t('staff.filters.searchPlaceholder')}
            value={filter.search ?? undefined}
            onChange={(search) => {
              setFilter('search', search);
            }}
            width={320}
          />
          {options.canReadDepartments ? (
            <SelectFilter
              id="staff-filter-department"
              label={t('staff.filters.department')}
              placeholder={t('staff.filters.allDepartments')}
              options={options.departmentOptions}
              value={filter.departmentId}
              onChange={(departmentId) => {
                setFilter('departmentId', departmentId);
              }}
              searchable
              minWidth={200}
            />
          ) : null}
          <CheckboxFilter
            label={t('staff.filters.includeInactive')}
            checked={filter.includeInactive ?? false}
            onChange={(includeInactive) => {
              setFilter('includeInactive', includeInactive);
            }}
          />
        </FilterBar>
      }
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={t('staff.empty')}
    >
      {dialog?.kind === 'create' ? (
        <StaffFormModal
          staff={null}
          onClose={() => {
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <StaffFormModal
          staff={dialog.staff}
          onClose={() => {
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'resetPassword' ? (
        <ResetPasswordModal
          staff={dialog.staff}
          onClose={() => {
            setDialog(null);
          }}
        />
      ) : null}
    </ListPage>
  );
}
