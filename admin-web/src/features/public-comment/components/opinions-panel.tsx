import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { AssignPublicCommentOpinionsDocument, PublicCommentOpinionsDocument } from '../../../gql/graphql';
import type { PublicCommentOpinionsQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { DownloadButton } from '../../../shared/ui/list-page';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import type { PanelProps } from './types';

type Opinion = PublicCommentOpinionsQuery['publicCommentOpinions']['edges'][number]['node'];
const UNASSIGNED = '__unassigned__';

/** The procedure's opinions in arrival order; staff select some and put them in a group from here. */
export function OpinionsPanel({ procedure, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan()('public_comment.manage');
  const [groupFilter, setGroupFilter] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(null);
  const filter = groupFilter === UNASSIGNED ? { unassigned: true } : groupFilter ? { groupId: groupFilter } : {};
  const { data, loading, error, refetch, fetchMore } = useQuery(PublicCommentOpinionsDocument, {
    variables: { procedureId: procedure.id, first: 100, filter },
    fetchPolicy: 'cache-and-network',
  });
  const [assign, { loading: assigning }] = useMutation(AssignPublicCommentOpinionsDocument);
  const connection = data?.publicCommentOpinions;
  const rows = connection?.edges.map((e) => e.node) ?? [];

  const run = async (groupId: string | null) => {
    setActionError(null);
    try {
      const result = await assign({ variables: { procedureId: procedure.id, submissionIds: selected, groupId } });
      const outcome = result.data?.assignPublicCommentOpinions;
      void message.success(t('publicComment.opinions.assigned', { count: outcome?.changed ?? 0, unassigned: outcome?.unassigned ?? 0 }));
      setSelected([]);
      void refetch();
      onChanged();
    } catch (err) {
      setActionError(err);
    }
  };

  const columns: TableColumnsType<Opinion> = [
    { title: t('publicComment.opinions.receipt'), dataIndex: 'receiptNumber', key: 'receipt', width: 150 },
    {
      title: t('publicComment.opinions.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 170,
      render: (value: string) => <span className="nowrap">{formatDateTime(value)}</span>,
    },
    {
      title: t('publicComment.opinions.via'),
      key: 'via',
      width: 90,
      render: (_: unknown, o) => (o.viaBrowser ? t('publicComment.opinions.viaBrowser') : t('publicComment.opinions.viaLine')),
    },
    {
      title: t('publicComment.opinions.group'),
      key: 'group',
      width: 180,
      render: (_: unknown, o) =>
        o.groupTitle ?? <Typography.Text type="secondary">{t('publicComment.opinions.unassigned')}</Typography.Text>,
    },
    {
      title: t('publicComment.opinions.answers'),
      key: 'answers',
      render: (_: unknown, o) => (
        <dl style={{ margin: 0 }}>
          {o.answers.map((a) => (
            <div key={a.fieldId}>
              <dt>
                <Typography.Text type="secondary">{a.label}</Typography.Text>
              </dt>
              <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{a.text}</dd>
            </div>
          ))}
        </dl>
      ),
    },
  ];

  const groupOptions = procedure.groups.map((g) => ({ value: g.id, label: g.title }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('publicComment.opinions.help')} />
      {error ? <ErrorAlert error={error} /> : null}
      {actionError ? <ErrorAlert error={actionError} /> : null}
      <Space wrap>
        <label htmlFor="public-comment-opinion-filter">{t('publicComment.opinions.filterGroup')}</label>
        <Select
          id="public-comment-opinion-filter"
          style={{ minWidth: 220 }}
          allowClear
          placeholder={t('publicComment.opinions.allGroups')}
          value={groupFilter}
          onChange={(value) => {
            setGroupFilter(value);
            setSelected([]);
          }}
          options={[{ value: UNASSIGNED, label: t('publicComment.opinions.onlyUnassigned') }, ...groupOptions]}
        />
        <DownloadButton
          download={{ key: 'csv', label: t('publicComment.opinions.export'), format: 'csv', href: procedure.opinionsCsvPath }}
        />
      </Space>
      {canManage ? (
        <Space wrap>
          <span>{t('publicComment.opinions.selected', { count: selected.length })}</span>
          <label htmlFor="public-comment-assign-target" className="visually-hidden">
            {t('publicComment.opinions.assignTo')}
          </label>
          <Select
            id="public-comment-assign-target"
            style={{ minWidth: 220 }}
            placeholder={t('publicComment.opinions.assignTo')}
            value={target}
            onChange={setTarget}
            options={groupOptions}
          />
          <Button type="primary" disabled={!selected.length || !target} loading={assigning} onClick={() => void run(target ?? null)}>
            {t('publicComment.opinions.assign')}
          </Button>
          <Button disabled={!selected.length} loading={assigning} onClick={() => void run(null)}>
            {t('publicComment.opinions.unassign')}
          </Button>
        </Space>
      ) : null}
      <Table<Opinion>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={rows}
        columns={columns}
        pagination={false}
        caption={<span className="visually-hidden">{t('publicComment.opinions.title')}</span>}
        locale={{ emptyText: t('publicComment.opinions.empty') }}
        rowSelection={
          canManage
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => {
                  setSelected(keys.map(String));
                },
              }
            : undefined
        }
        footer={() => (
          <Space>
            <span>{t('publicComment.opinions.count', { count: connection?.totalCount ?? 0 })}</span>
            {connection?.hasNextPage ? (
              <Button
                onClick={() =>
                  void fetchMore({
                    variables: { after: connection.endCursor },
                    // One list: the next page's opinions join the ones on screen.
                    updateQuery: (previous, { fetchMoreResult }) => ({
                      publicCommentOpinions: {
                        ...fetchMoreResult.publicCommentOpinions,
                        edges: [...previous.publicCommentOpinions.edges, ...fetchMoreResult.publicCommentOpinions.edges],
                      },
                    }),
                  })
                }
              >
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Space>
        )}
      />
    </Space>
  );
}
