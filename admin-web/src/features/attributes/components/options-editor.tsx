import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AddAttributeOptionDocument,
  ReorderAttributeOptionsDocument,
  RestoreAttributeOptionDocument,
  RetireAttributeOptionDocument,
  UpdateAttributeOptionDocument,
} from '../../../gql/graphql';
import type { AttributeDefinitionFieldsFragment } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { FIXED_OPTION_KINDS } from '../lib/attribute-value';
import { AreaImportModal } from './area-import-modal';

type Option = AttributeDefinitionFieldsFragment['options'][number];
/** Hundreds of areas: the table shows a page of the filtered ones. */
const PAGE = 50;

/** Add, rename, reorder and retire the options of one attribute; areas also get a parent and CSV import. */
export function OptionsEditor({ definition, canManage }: { definition: AttributeDefinitionFieldsFragment; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fixed = FIXED_OPTION_KINDS.includes(definition.kind);
  const isArea = definition.kind === 'AREA';
  const [filter, setFilter] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [newKey, setNewKey] = useState('');
  const [newParent, setNewParent] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const fail = (err: unknown) => void message.error(describeApiError(err).message ?? t('errors.unknown'));
  const [add, adding] = useMutation(AddAttributeOptionDocument);
  const [rename] = useMutation(UpdateAttributeOptionDocument);
  const [reorder, reordering] = useMutation(ReorderAttributeOptionsDocument);
  const [retire] = useMutation(RetireAttributeOptionDocument);
  const [restore] = useMutation(RestoreAttributeOptionDocument);

  const options = useMemo(
    () => [...definition.options].sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id)),
    [definition.options],
  );
  const labelOf = useMemo(() => new Map(options.map((o) => [o.key, o.label])), [options]);
  const shown = filter ? options.filter((o) => o.label.includes(filter) || o.key.includes(filter)) : options;
  const retiredCount = options.filter((o) => o.retiredAt).length;
  const parents = options.filter((o) => !o.parentKey);

  const move = (option: Option, delta: -1 | 1) => {
    const index = options.findIndex((o) => o.id === option.id);
    const other = options[index + delta];
    if (!other) return;
    reorder({ variables: { attributeId: definition.id, optionIds: delta < 0 ? [option.id, other.id] : [other.id, option.id] } }).catch(
      fail,
    );
  };

  const columns: TableColumnsType<Option> = [
    {
      key: 'label',
      title: t('attributes.columns.label'),
      render: (_, o) => (
        <Space size={4}>
          <Input
            key={`${o.id}:${o.label}`}
            defaultValue={o.label}
            maxLength={100}
            disabled={!canManage}
            aria-label={t('attributes.options.rename', { label: o.label })}
            onBlur={(e) => {
              const label = e.target.value.trim();
              if (label && label !== o.label) rename({ variables: { input: { id: o.id, label } } }).catch(fail);
            }}
          />
          {o.retiredAt ? <Tag>{t('attributes.options.retiredTag')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'key', title: t('attributes.columns.key'), render: (_, o) => <code>{o.key}</code> },
    ...(isArea
      ? [
          {
            key: 'parent',
            title: t('attributes.options.parent'),
            render: (_: unknown, o: Option) => (o.parentKey ? (labelOf.get(o.parentKey) ?? o.parentKey) : t('attributes.options.noParent')),
          },
        ]
      : []),
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('attributes.columns.actions'),
            render: (_: unknown, o: Option) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined aria-hidden="true" />}
                  aria-label={t('attributes.options.moveUp', { label: o.label })}
                  disabled={reordering.loading || options[0]?.id === o.id}
                  onClick={() => move(o, -1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined aria-hidden="true" />}
                  aria-label={t('attributes.options.moveDown', { label: o.label })}
                  disabled={reordering.loading || options.at(-1)?.id === o.id}
                  onClick={() => move(o, 1)}
                />
                {fixed ? null : o.retiredAt ? (
                  <Button
                    size="small"
                    aria-label={t('attributes.options.restore', { label: o.label })}
                    onClick={() => {
                      restore({ variables: { id: o.id } }).catch(fail);
                    }}
                  >
                    {t('attributes.restore')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    danger
                    aria-label={t('attributes.options.retire', { label: o.label })}
                    onClick={() => {
                      retire({ variables: { id: o.id } }).catch(fail);
                    }}
                  >
                    {t('attributes.retire')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <section aria-labelledby="attribute-options-title">
      <Flex justify="space-between" align="center" wrap gap="small">
        <h3 id="attribute-options-title" className="section-title">
          {t('attributes.options.title')}{' '}
          <Typography.Text type="secondary">
            {t('attributes.options.count', { active: options.length - retiredCount, retired: retiredCount })}
          </Typography.Text>
        </h3>
        {isArea && canManage ? (
          <Button icon={<UploadOutlined aria-hidden="true" />} onClick={() => setImporting(true)}>
            {t('attributes.import.open')}
          </Button>
        ) : null}
      </Flex>
      {fixed ? <Typography.Paragraph type="secondary">{t('attributes.options.fixed')}</Typography.Paragraph> : null}
      {options.length > PAGE ? (
        <Input.Search
          allowClear
          placeholder={t('attributes.options.filter')}
          aria-label={t('attributes.options.filter')}
          onChange={(e) => setFilter(e.target.value.trim())}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={shown.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
      />
      {canManage && !fixed ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Input
            value={newLabel}
            maxLength={100}
            placeholder={t('attributes.options.newLabel')}
            aria-label={t('attributes.options.newLabel')}
            onChange={(e) => setNewLabel(e.target.value)}
          />
          <Input
            value={newKey}
            maxLength={60}
            placeholder={t('attributes.options.newKey')}
            aria-label={t('attributes.options.newKey')}
            onChange={(e) => setNewKey(e.target.value)}
          />
          {isArea ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 180 }}
              value={newParent}
              onChange={(v) => setNewParent(v ?? null)}
              placeholder={t('attributes.options.parent')}
              aria-label={t('attributes.options.parent')}
              options={parents.map((p) => ({ value: p.key, label: p.label }))}
            />
          ) : null}
          <Button
            icon={<PlusOutlined aria-hidden="true" />}
            loading={adding.loading}
            disabled={!newLabel.trim()}
            onClick={() => {
              add({
                variables: {
                  input: { attributeId: definition.id, label: newLabel.trim(), key: newKey.trim() || null, parentKey: newParent },
                },
              }).then(() => {
                setNewLabel('');
                setNewKey('');
              }, fail);
            }}
          >
            {t('attributes.options.add')}
          </Button>
        </Space>
      ) : null}
      {importing ? <AreaImportModal attributeId={definition.id} onClose={() => setImporting(false)} /> : null}
    </section>
  );
}
