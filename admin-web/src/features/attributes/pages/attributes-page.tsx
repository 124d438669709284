import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Flex, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import {
  AttributeDefinitionsDocument,
  ReorderAttributeDefinitionsDocument,
  RestoreAttributeDefinitionDocument,
  RetireAttributeDefinitionDocument,
} from '../../../gql/graphql';
import type { AttributeDefinitionFieldsFragment } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { AttributeDrawer } from '../components/attribute-drawer';
import { OPTION_KINDS } from '../lib/attribute-value';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** 属性: the attributes staff define (RES-02, RES-03), in the order residents see them. */
export function AttributesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('attributes.manage');
  const { message, modal } = App.useApp();
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  // Retired ones too, so switching the filter needs no round trip.
  const { data, loading, error, refetch } = useQuery(AttributeDefinitionsDocument, {
    variables: { includeRetired: true },
    fetchPolicy: 'cache-and-network',
  });
  const [reorder, reordering] = useMutation(ReorderAttributeDefinitionsDocument);
  const [retire] = useMutation(RetireAttributeDefinitionDocument);
  const [restore] = useMutation(RestoreAttributeDefinitionDocument);

  const all = useMemo(
    () => [...(data?.attributeDefinitions ?? [])].sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id)),
    [data],
  );
  const rows = showRetired ? all : all.filter((d) => !d.retiredAt);

  const fail = (err: unknown) => {
    void message.error(describeApiError(err).message ?? t('errors.unknown'));
  };
  const move = (index: number, delta: -1 | 1) => {
    const a = rows[index];
    const b = rows[index + delta];
    if (!a || !b) return;
    reorder({ variables: { ids: delta < 0 ? [a.id, b.id] : [b.id, a.id] } }).catch(fail);
  };
  const confirmRetire = (def: AttributeDefinitionFieldsFragment) => {
    modal.confirm({
      title: t('attributes.retireOf', { label: def.label }),
      content: t('attributes.retireConfirm', { label: def.label }),
      okText: t('attributes.retire'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        retire({ variables: { id: def.id } }).then(() => void message.success(t('attributes.retired', { label: def.label })), fail),
    });
  };

  const columns: TableColumnsType<AttributeDefinitionFieldsFragment> = [
    ...(canManage
      ? [
          {
            key: 'order',
            title: t('attributes.columns.order'),
            width: 96,
            render: (_: unknown, def: AttributeDefinitionFieldsFragment, index: number) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined aria-hidden="true" />}
                  aria-label={t('attributes.moveUp', { label: def.label })}
                  disabled={index === 0 || reordering.loading}
                  onClick={() => move(index, -1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined aria-hidden="true" />}
                  aria-label={t('attributes.moveDown', { label: def.label })}
                  disabled={index === rows.length - 1 || reordering.loading}
                  onClick={() => move(index, 1)}
                />
              </Space>
            ),
          },
        ]
      : []),
    {
      key: 'label',
      title: t('attributes.columns.label'),
      render: (_, def) => (
        <Space size={4} wrap>
          <span>{def.label}</span>
          {def.personal ? <Tag color="purple">{t('attributes.personalTag')}</Tag> : null}
          {def.residentEditable ? null : <Tag>{t('attributes.staffOnlyTag')}</Tag>}
        </Space>
      ),
    },
    { key: 'key', title: t('attributes.columns.key'), render: (_, def) => <code>{def.key}</code> },
    { key: 'kind', title: t('attributes.columns.kind'), render: (_, def) => t(`attributes.kinds.${def.kind}`) },
    {
      key: 'options',
      title: t('attributes.columns.options'),
      align: 'right',
      render: (_, def) => (OPTION_KINDS.includes(def.kind) ? def.optionCount : '—'),
    },
    {
      key: 'status',
      title: t('attributes.columns.status'),
      render: (_, def) =>
        def.retiredAt ? <Tag>{t('attributes.status.retired')}</Tag> : <Tag color="green">{t('attributes.status.active')}</Tag>,
    },
    { key: 'department', title: t('attributes.columns.department'), render: (_, def) => def.departmentName ?? t('attributes.shared') },
    {
      key: 'actions',
      title: t('attributes.columns.actions'),
      render: (_, def) => (
        <Space size={4} wrap>
          <Button
            size="small"
            aria-label={t('attributes.editOf', { label: def.label })}
            onClick={() => setEditing({ mode: 'edit', id: def.id })}
          >
            {t('attributes.edit')}
          </Button>
          {canManage && !def.retiredAt ? (
            <Button size="small" danger aria-label={t('attributes.retireOf', { label: def.label })} onClick={() => confirmRetire(def)}>
              {t('attributes.retire')}
            </Button>
          ) : null}
          {canManage && def.retiredAt ? (
            <Button
              size="small"
              aria-label={t('attributes.restoreOf', { label: def.label })}
              onClick={() => {
                restore({ variables: { id: def.id } }).then(
                  () => void message.success(t('attributes.restored', { label: def.label })),
                  fail,
                );
              }}
            >
              {t('attributes.restore')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const editingDef = editing?.mode === 'edit' ? (all.find((d) => d.id === editing.id) ?? null) : null;

  return (
    <>
      <PageHeader
        title={t('attributes.title')}
        description={t('attributes.description')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => setEditing({ mode: 'create' })}>
              {t('attributes.create')}
            </Button>
          ) : null
        }
      />
      {error && !data ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void refetch();
          }}
        />
      ) : loading && !data ? (
        <LoadingState rows={8} />
      ) : (
        <>
          <Flex justify="flex-end" gap="small" align="center" className="page-top-gap">
            <Typography.Text id="attributes-show-retired">{t('attributes.showRetired')}</Typography.Text>
            <Switch checked={showRetired} onChange={setShowRetired} aria-labelledby="attributes-show-retired" />
          </Flex>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('attributes.empty')} /> }}
          />
        </>
      )}
      {editing ? (
        <AttributeDrawer
          definition={editing.mode === 'edit' ? editingDef : null}
          canManage={canManage}
          onCreated={(id) => setEditing({ mode: 'edit', id })}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
