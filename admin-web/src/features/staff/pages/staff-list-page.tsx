import { EditOutlined, KeyOutlined, MoreOutlined, PlusOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Checkbox, Dropdown, Form, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { ResetStaffTotpDocument, StaffUsersDocument, UnlockStaffUserDocument } from '../../../gql/graphql';
import type { StaffUserFieldsFragment, StaffUserFilter } from '../../../gql/graphql';
import { nodesOf } from '../../../shared/lib/connection';
import { formatDateTime, isInFuture } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadMore } from '../../../shared/ui/load-more';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { StaffFormModal } from '../components/staff-form-modal';
import { useStaffOptions } from '../components/use-staff-options';
import { staffUserFieldsVariables } from '../lib/staff-user-fields';

const PAGE_SIZE = 50;

type Dialog =
  { kind: 'create' } | { kind: 'edit'; staff: StaffUserFieldsFragment } | { kind: 'resetPassword'; staff: StaffUserFieldsFragment };

export function StaffListPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const canWrite = can('staff.write');
  const fieldVariables = staffUserFieldsVariables(can);
  const { withPersonal, withDepartment, withRoles } = fieldVariables;
  const options = useStaffOptions();
  const [searchText, setSearchText] = useState('');
  const [filter, setFilter] = useState<StaffUserFilter>({ includeInactive: false });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const {
    data: currentData,
    previousData,
    loading,
    error,
    refetch,
    fetchMore,
  } = useQuery(StaffUsersDocument, {
    variables: { first: PAGE_SIZE, filter, ...fieldVariables },
  });
  // Keep the previous rows on screen while a new filter loads, instead of flashing a skeleton.
  const data = currentData ?? previousData;
  const [unlock] = useMutation(UnlockStaffUserDocument);
  const [resetTotp] = useMutation(ResetStaffTotpDocument);

  const connection = data?.staffUsers;
  const staffUsers = nodesOf(connection);

  const runAction = async (action: () => Promise<unknown>, done: string) => {
    setActionError(null);
    try {
      await action();
      void message.success(done);
    } catch (e) {
      setActionError(e);
    }
  };

  const onLoadMore = () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    void fetchMore({ variables: { after } }).finally(() => {
      setLoadingMore(false);
    });
  };

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
      onOk: () => runAction(() => unlock({ variables: { id: staff.id, ...fieldVariables } }), t('staff.unlocked')),
    });
  };

  const confirmResetTotp = (staff: StaffUserFieldsFragment) => {
    modal.confirm({
      title: t('staff.actions.resetTotpConfirm', { name: staff.displayName }),
      okText: t('staff.actions.resetTotp'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => runAction(() => resetTotp({ variables: { id: staff.id, ...fieldVariables } }), t('staff.totpReset')),
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
    <>
      <PageHeader
        title={t('staff.title')}
        description={t('staff.description')}
        extra={
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
      />
      <Form layout="inline" name="staff-filter" className="filter-bar" role="search" colon={false}>
        <Form.Item label={t('staff.filters.search')} htmlFor="staff-filter-search">
          <Input.Search
            id="staff-filter-search"
            value={searchText}
            placeholder={t('staff.filters.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onChange={(event) => {
              setSearchText(event.target.value);
              if (event.target.value === '') setFilter((f) => ({ ...f, search: undefined }));
            }}
            onSearch={(value) => {
              setFilter((f) => ({ ...f, search: value.trim() === '' ? undefined : value.trim() }));
            }}
            style={{ width: 320 }}
          />
        </Form.Item>
        {options.canReadDepartments ? (
          <Form.Item label={t('staff.filters.department')} htmlFor="staff-filter-department">
            <Select
              id="staff-filter-department"
              allowClear
              placeholder={t('staff.filters.allDepartments')}
              options={options.departmentOptions}
              value={filter.departmentId ?? undefined}
              onChange={(value: string | undefined) => {
                setFilter((f) => ({ ...f, departmentId: value }));
              }}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 200 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Checkbox
            checked={filter.includeInactive ?? false}
            onChange={(event) => {
              setFilter((f) => ({ ...f, includeInactive: event.target.checked }));
            }}
          >
            {t('staff.filters.includeInactive')}
          </Checkbox>
        </Form.Item>
      </Form>
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
          <Table<StaffUserFieldsFragment>
            rowKey="id"
            columns={columns}
            dataSource={staffUsers}
            pagination={false}
            loading={loading && !loadingMore}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('staff.empty')} /> }}
            caption={<span className="visually-hidden">{t('staff.title')}</span>}
          />
          {connection && staffUsers.length > 0 ? (
            <LoadMore
              shown={staffUsers.length}
              total={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              loading={loadingMore}
              onLoadMore={onLoadMore}
            />
          ) : null}
        </>
      )}
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
    </>
  );
}
