import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { PublicCommentProceduresDocument } from '../../../gql/graphql';
import type { PublicCommentProcedureFieldsFragment, PublicCommentProcedureFilter } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { FilterBar, ListPage, SearchFilter, SelectFilter, useConnectionList, useListFilter } from '../../../shared/ui/list-page';
import { CreateProcedureModal } from '../components/create-procedure-modal';
import { PUBLIC_COMMENT_STATUSES, PublicCommentStatusTag } from '../components/status-tag';

/** The procedures of the staff member's departments, newest first, with their state and opinions. */
export function PublicCommentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filter, setFilter] = useListFilter<PublicCommentProcedureFilter>({});
  const [creating, setCreating] = useState(false);
  const list = useConnectionList(PublicCommentProceduresDocument, {
    variables: { filter },
    connection: (data) => data.publicCommentProcedures,
    fetchPolicy: 'cache-and-network',
  });

  const columns: TableColumnsType<PublicCommentProcedureFieldsFragment> = [
    {
      title: t('publicComment.columns.title'),
      dataIndex: 'title',
      key: 'title',
      render: (_: unknown, p) => <Link to={`/public-comments/${p.id}`}>{p.title}</Link>,
    },
    {
      title: t('publicComment.columns.status'),
      dataIndex: 'status',
      key: 'status',
      width: 130,
      render: (_: unknown, p) => <PublicCommentStatusTag status={p.status} />,
    },
    {
      title: t('publicComment.columns.period'),
      key: 'period',
      width: 320,
      render: (_: unknown, p) => (
        <span className="nowrap">
          {t('publicComment.periodValue', { from: formatDateTime(p.opensAt), to: formatDateTime(p.closesAt) })}
        </span>
      ),
    },
    { title: t('publicComment.columns.department'), dataIndex: 'departmentName', key: 'department', width: 160 },
    { title: t('publicComment.columns.opinions'), dataIndex: 'opinionCount', key: 'opinions', width: 90, align: 'right' },
  ];

  const filtered = Boolean(filter.status || filter.search);
  return (
    <ListPage<PublicCommentProcedureFieldsFragment>
      title={t('publicComment.title')}
      description={t('publicComment.description')}
      actions={
        can('public_comment.manage') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('publicComment.create')}
          </Button>
        ) : null
      }
      before={
        <FilterBar name="public-comment-filter">
          <SelectFilter
            id="public-comment-filter-status"
            label={t('publicComment.filters.status')}
            placeholder={t('publicComment.filters.allStatuses')}
            options={PUBLIC_COMMENT_STATUSES.map((status) => ({ value: status, label: t(`publicComment.status.${status}`) }))}
            value={filter.status}
            onChange={(status) => {
              setFilter('status', status);
            }}
            minWidth={180}
          />
          <SearchFilter
            id="public-comment-filter-search"
            label={t('publicComment.filters.search')}
            value={filter.search ?? undefined}
            onChange={(search) => {
              setFilter('search', search);
            }}
          />
        </FilterBar>
      }
      list={list}
      columns={columns}
      emptyText={filtered ? t('publicComment.empty') : t('publicComment.emptyAll')}
      size="middle"
    >
      {creating ? (
        <CreateProcedureModal
          onClose={() => {
            setCreating(false);
          }}
        />
      ) : null}
    </ListPage>
  );
}
