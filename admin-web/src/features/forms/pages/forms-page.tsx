import { BarChartOutlined, DownOutlined, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Button, Dropdown, Space, Tag, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { CloseFormDocument, DeleteFormDocument, DuplicateFormDocument, FormsDocument, ReopenFormDocument } from '../../../gql/graphql';
import type { FormFilter, FormKind, FormListFieldsFragment, FormStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import {
  FilterBar,
  ListPage,
  SearchFilter,
  SelectFilter,
  useConnectionList,
  useListFilter,
  useRowActions,
} from '../../../shared/ui/list-page';
import { CreateFormModal } from '../components/create-form-modal';
import { FormKindTag, FormStatusTag } from '../components/status-tags';
import { FORM_KINDS, FORM_STATUSES } from '../lib/form-display';

export function FormPeriod({ opensAt, closesAt }: { opensAt: string | null; closesAt: string | null }) {
  const { t } = useTranslation();
  const from = opensAt ? formatDateTime(opensAt) : null;
  const until = closesAt ? formatDateTime(closesAt) : null;
  if (from && until) return <span className="nowrap">{t('forms.list.periodRange', { from, until })}</span>;
  if (from) return <span className="nowrap">{t('forms.list.periodFrom', { from })}</span>;
  if (until) return <span className="nowrap">{t('forms.list.periodUntil', { until })}</span>;
  return <Typography.Text type="secondary">{t('forms.list.periodAlways')}</Typography.Text>;
}

export function FormsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('forms.manage');
  const canReadSubmissions = can('forms.submissions.read');
  const [filter, setFilter] = useListFilter<FormFilter>({});
  const [creating, setCreating] = useState(false);
  const list = useConnectionList(FormsDocument, {
    variables: { filter },
    connection: (data) => data.forms,
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [duplicateForm] = useMutation(DuplicateFormDocument, { refetchQueries: ['Forms'], awaitRefetchQueries: true });
  const [closeForm] = useMutation(CloseFormDocument, { refetchQueries: ['Forms'], awaitRefetchQueries: true });
  const [reopenForm] = useMutation(ReopenFormDocument, { refetchQueries: ['Forms'], awaitRefetchQueries: true });
  const [deleteForm] = useMutation(DeleteFormDocument, { refetchQueries: ['Forms'], awaitRefetchQueries: true });

  const menuOf = (form: FormListFieldsFragment): MenuProps['items'] => [
    { key: 'duplicate', label: t('forms.list.actions.duplicate') },
    form.status === 'PUBLISHED'
      ? { key: 'close', label: t('forms.list.actions.close') }
      : form.status === 'CLOSED'
        ? { key: 'reopen', label: t('forms.list.actions.reopen') }
        : null,
    { type: 'divider' },
    {
      key: 'delete',
      label: t('forms.list.actions.delete'),
      danger: true,
      disabled: form.submissionCount > 0,
      title: form.submissionCount > 0 ? t('forms.list.deleteHasAnswers') : undefined,
    },
  ];

  const onMenu = (form: FormListFieldsFragment, key: string) => {
    const title = form.title;
    switch (key) {
      case 'duplicate':
        void rowActions.run(
          async () => {
            const result = await duplicateForm({ variables: { id: form.id } });
            const id = result.data?.duplicateForm.form.id;
            if (id) void navigate(`/forms/${id}`);
          },
          t('forms.list.duplicated', { title }),
        );
        return;
      case 'close':
        void rowActions.run(() => closeForm({ variables: { id: form.id } }), t('forms.list.closed', { title }));
        return;
      case 'reopen':
        void rowActions.run(() => reopenForm({ variables: { id: form.id } }), t('forms.list.reopened', { title }));
        return;
      case 'delete':
        rowActions.confirm(
          { title: t('forms.list.deleteTitle', { title }), content: t('forms.list.deleteDescription') },
          () => deleteForm({ variables: { id: form.id } }),
          t('forms.list.deleted', { title }),
        );
        return;
    }
  };

  const columns: TableColumnsType<FormListFieldsFragment> = [
    {
      title: t('forms.list.columns.title'),
      key: 'title',
      render: (_: unknown, form) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/forms/${form.id}`}>{form.title}</Link>
          {form.hasUnpublishedChanges && form.status !== 'DRAFT' ? <Tag color="gold">{t('forms.list.unpublishedChanges')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('forms.list.columns.kind'), key: 'kind', width: 150, render: (_: unknown, form) => <FormKindTag kind={form.kind} /> },
    {
      title: t('forms.list.columns.status'),
      key: 'status',
      width: 130,
      render: (_: unknown, form) => (
        <Space size={4}>
          <FormStatusTag status={form.status} />
          {form.publishedVersion ? (
            <span className="nowrap">{t('forms.editor.versions.number', { number: form.publishedVersion.number })}</span>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('forms.list.columns.submissions'),
      key: 'submissions',
      align: 'right',
      width: 100,
      render: (_: unknown, form) =>
        canReadSubmissions ? (
          <Link to={`/forms/${form.id}/submissions`} aria-label={t('forms.list.actions.submissionsOf', { title: form.title })}>
            {form.submissionCount.toLocaleString('ja-JP')}
          </Link>
        ) : (
          form.submissionCount.toLocaleString('ja-JP')
        ),
    },
    {
      title: t('forms.list.columns.period'),
      key: 'period',
      render: (_: unknown, form) => <FormPeriod opensAt={form.opensAt} closesAt={form.closesAt} />,
    },
    { title: t('forms.list.columns.department'), key: 'department', render: (_: unknown, form) => form.department?.name ?? '—' },
    {
      title: t('forms.list.columns.updatedAt'),
      key: 'updatedAt',
      width: 150,
      render: (_: unknown, form) => <span className="nowrap">{formatDateTime(form.updatedAt)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, form) => (
        <Space size={4} wrap={false}>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('forms.list.actions.editOf', { title: form.title })}
            onClick={() => void navigate(`/forms/${form.id}`)}
          >
            {t('forms.list.actions.edit')}
          </Button>
          {canReadSubmissions ? (
            <>
              <Button
                size="small"
                icon={<UnorderedListOutlined />}
                aria-label={t('forms.list.actions.submissionsOf', { title: form.title })}
                onClick={() => void navigate(`/forms/${form.id}/submissions`)}
              >
                {t('forms.list.actions.submissions')}
              </Button>
              <Button
                size="small"
                icon={<BarChartOutlined />}
                aria-label={t('forms.list.actions.summaryOf', { title: form.title })}
                onClick={() => void navigate(`/forms/${form.id}/summary`)}
              >
                {t('forms.list.actions.summary')}
              </Button>
            </>
          ) : null}
          {canManage ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: menuOf(form),
                onClick: ({ key }) => {
                  onMenu(form, key);
                },
              }}
            >
              <Button size="small" aria-label={t('forms.list.actions.moreOf', { title: form.title })}>
                {t('forms.list.actions.more')} <DownOutlined aria-hidden="true" />
              </Button>
            </Dropdown>
          ) : null}
        </Space>
      ),
    },
  ];

  const filtered = filter.kind || filter.status || filter.search;
  return (
    <ListPage<FormListFieldsFragment>
      title={t('forms.list.title')}
      description={t('forms.list.description')}
      actions={
        canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('forms.list.create')}
          </Button>
        ) : null
      }
      before={
        <FilterBar name="forms-filter">
          <SelectFilter<FormKind>
            id="forms-filter-kind"
            label={t('forms.list.filters.kind')}
            placeholder={t('forms.list.filters.allKinds')}
            options={FORM_KINDS.map((kind) => ({ value: kind, label: t(`forms.kinds.${kind}`) }))}
            value={filter.kind}
            onChange={(kind) => {
              setFilter('kind', kind);
            }}
            minWidth={180}
          />
          <SelectFilter<FormStatus>
            id="forms-filter-status"
            label={t('forms.list.filters.status')}
            placeholder={t('forms.list.filters.allStatuses')}
            options={FORM_STATUSES.map((status) => ({ value: status, label: t(`forms.statuses.${status}`) }))}
            value={filter.status}
            onChange={(status) => {
              setFilter('status', status);
            }}
            minWidth={160}
          />
          <SearchFilter
            id="forms-filter-search"
            label={t('forms.list.filters.search')}
            placeholder={t('forms.list.filters.searchPlaceholder')}
            value={filter.search ?? undefined}
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
      emptyText={filtered ? t('forms.list.empty') : t('forms.list.emptyAll')}
      size="middle"
    >
      {creating ? (
        <CreateFormModal
          onClose={() => {
            setCreating(false);
          }}
        />
      ) : null}
    </ListPage>
  );
}
