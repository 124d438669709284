import { DeleteOutlined, ExclamationCircleOutlined, FolderAddOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Radio, Select, Typography } from 'antd';
import { createContext, useContext, useMemo } from 'react';
import type { Dispatch, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentAttribute } from '../lib/attributes';
import { LEAF_TYPES, nodeNumbers } from '../lib/condition-tree';
import type { EditorNode, GroupNode, Leaf, LeafNode, LeafType, TreeAction } from '../lib/condition-tree';
import {
  AttributeLeafEditor,
  ChannelLeafEditor,
  EngagementLeafEditor,
  FollowedLeafEditor,
  FormAnswerLeafEditor,
  LanguageLeafEditor,
  TagLeafEditor,
} from './leaf-editors';

export interface TreeEditorContext {
  dispatch: Dispatch<TreeAction>;
  /** Null: the viewer may not read attribute definitions. */
  attributes: readonly SegmentAttribute[] | null;
  /** The attribute definitions are still being fetched (`attributes` is empty until they arrive). */
  attributesLoading: boolean;
  /** Whether form-answer conditions can be built (forms.read). */
  canUseForms: boolean;
  /** Whether LINE channel conditions can be built (channels.read). */
  canUseChannels: boolean;
  /** Whether conditions on a delivery's reactions can be built (deliveries.read). */
  canUseDeliveries: boolean;
  /** The server's messages per node id. */
  problems: ReadonlyMap<string, readonly string[]>;
  /** What is still unfinished, per node id (shown quieter: a new condition starts unfinished). */
  hints: ReadonlyMap<string, readonly string[]>;
  disabled: boolean;
}

const Context = createContext<(TreeEditorContext & { numbers: ReadonlyMap<string, string> }) | null>(null);

export function useTreeEditor(): TreeEditorContext & { numbers: ReadonlyMap<string, string> } {
  const context = useContext(Context);
  if (!context) throw new Error('useTreeEditor outside ConditionTreeEditor');
  return context;
}

/** The id of a node's message list, for `aria-describedby` of its controls. */
export const problemsId = (nodeId: string) => `segment-node-${nodeId}-problems`;

function NodeProblems({ nodeId }: { nodeId: string }) {
  const { problems, hints } = useTreeEditor();
  const messages = problems.get(nodeId) ?? [];
  const unfinished = (hints.get(nodeId) ?? []).filter((m) => !messages.includes(m));
  return (
    <div id={problemsId(nodeId)} className="segment-node-problems" style={{ marginTop: messages.length + unfinished.length ? 6 : 0 }}>
      {messages.map((m) => (
        <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
          <ExclamationCircleOutlined aria-hidden="true" /> {m}
        </Typography.Text>
      ))}
      {unfinished.map((m) => (
        <Typography.Text key={m} type="secondary" style={{ display: 'block', fontSize: 13 }}>
          <InfoCircleOutlined aria-hidden="true" /> {m}
        </Typography.Text>
      ))}
    </div>
  );
}

/** The condition tree as nested boxes: groups with their combination, conditions with their fields. */
export function ConditionTreeEditor({ tree, ...context }: TreeEditorContext & { tree: GroupNode }) {
  const numbers = useMemo(() => nodeNumbers(tree), [tree]);
  return (
    <Context.Provider value={{ ...context, numbers }}>
      <GroupEditor group={tree} root label={null} />
    </Context.Provider>
  );
}

function GroupEditor({ group, root = false, label }: { group: GroupNode; root?: boolean; label: string | null }) {
  const { t } = useTranslation();
  const { dispatch, disabled, problems, numbers } = useTreeEditor();
  const titleId = `segment-node-${group.id}-title`;
  const hasProblems = (problems.get(group.id)?.length ?? 0) > 0;
  return (
    <section
      role="group"
      aria-labelledby={titleId}
      className="segment-group"
      data-node-id={group.id}
      style={{
        border: `1px solid ${hasProblems ? '#cf1322' : '#d9d9d9'}`,
        borderLeft: `4px solid ${group.negated ? '#d46b08' : '#0b6b35'}`,
        borderRadius: 6,
        padding: 12,
        background: root ? '#fff' : '#fafafa',
      }}
    >
      <Flex wrap gap="small" align="center" justify="space-between">
        <Flex wrap gap="small" align="center">
          <Typography.Text strong id={titleId}>
            {label ?? t('segments.tree.rootGroup')}
          </Typography.Text>
          <Radio.Group
            aria-label={t('segments.tree.mode')}
            aria-describedby={problemsId(group.id)}
            optionType="button"
            buttonStyle="solid"
            size="small"
            disabled={disabled}
            value={group.mode}
            onChange={(event) => dispatch({ type: 'setMode', groupId: group.id, mode: event.target.value as GroupNode['mode'] })}
            options={[
              { value: 'all', label: t('segments.tree.all') },
              { value: 'any', label: t('segments.tree.any') },
            ]}
          />
          <Checkbox
            checked={group.negated}
            disabled={disabled}
            onChange={(event) => dispatch({ type: 'setNegated', nodeId: group.id, negated: event.target.checked })}
          >
            {t('segments.tree.notGroup')}
          </Checkbox>
        </Flex>
        {root || disabled ? null : (
          <Button
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden="true" />}
            aria-label={`${t('segments.tree.removeGroup')}（${label ?? ''}）`}
            onClick={() => dispatch({ type: 'remove', nodeId: group.id })}
          >
            {t('common.delete')}
          </Button>
        )}
      </Flex>
      <NodeProblems nodeId={group.id} />
      {group.children.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t('segments.tree.emptyGroup')}
        </Typography.Paragraph>
      ) : (
        <ol className="segment-children" style={{ listStyle: 'none', padding: 0, margin: '8px 0', display: 'grid', gap: 8 }}>
          {group.children.map((child, i) => {
            const childLabel = t('segments.tree.condition', { number: numbers.get(child.id) ?? String(i + 1) });
            return (
              <li key={child.id}>
                {i > 0 ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, marginBottom: 4 }} aria-hidden="true">
                    {group.mode === 'all' ? t('segments.tree.and') : t('segments.tree.or')}
                  </Typography.Text>
                ) : null}
                <NodeEditor node={child} label={childLabel} />
              </li>
            );
          })}
        </ol>
      )}
      {disabled ? null : (
        <Flex wrap gap="small">
          <Button
            size="small"
            icon={<PlusOutlined aria-hidden="true" />}
            aria-label={label ? `${t('segments.tree.addCondition')}（${label}）` : undefined}
            onClick={() => dispatch({ type: 'addCondition', groupId: group.id })}
          >
            {t('segments.tree.addCondition')}
          </Button>
          <Button
            size="small"
            icon={<FolderAddOutlined aria-hidden="true" />}
            aria-label={label ? `${t('segments.tree.addGroup')}（${label}）` : undefined}
            onClick={() => dispatch({ type: 'addGroup', groupId: group.id })}
          >
            {t('segments.tree.addGroup')}
          </Button>
        </Flex>
      )}
    </section>
  );
}

function NodeEditor({ node, label }: { node: EditorNode; label: string }) {
  return node.kind === 'group' ? <GroupEditor group={node} label={label} /> : <LeafEditor node={node} label={label} />;
}

function LeafEditor({ node, label }: { node: LeafNode; label: string }) {
  const { t } = useTranslation();
  const { dispatch, disabled, problems, attributes, canUseForms, canUseChannels, canUseDeliveries } = useTreeEditor();
  const titleId = `segment-node-${node.id}-title`;
  const typeId = `segment-node-${node.id}-type`;
  const hasProblems = (problems.get(node.id)?.length ?? 0) > 0;
  const offered = LEAF_TYPES.filter((type) => {
    if (type === node.leaf.type) return true;
    if (type === 'formAnswer') return canUseForms;
    if (type === 'engagement') return canUseDeliveries;
    if (type === 'channel') return canUseChannels;
    return true;
  });
  return (
    <div
      role="group"
      aria-labelledby={titleId}
      className="segment-leaf"
      data-node-id={node.id}
      style={{
        border: `1px solid ${hasProblems ? '#cf1322' : '#e5e5e5'}`,
        borderLeft: `4px solid ${node.negated ? '#d46b08' : '#8c8c8c'}`,
        borderRadius: 6,
        padding: 12,
        background: '#fff',
      }}
    >
      <Flex gap="small" align="center" justify="space-between" wrap>
        <Typography.Text strong id={titleId}>
          {label}
        </Typography.Text>
        <Flex gap="small" align="center">
          <Checkbox
            checked={node.negated}
            disabled={disabled}
            onChange={(event) => dispatch({ type: 'setNegated', nodeId: node.id, negated: event.target.checked })}
          >
            {t('segments.tree.not')}
            <span className="visually-hidden">（{label}）</span>
          </Checkbox>
          {disabled ? null : (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined aria-hidden="true" />}
              aria-label={`${t('segments.tree.removeCondition')}（${label}）`}
              onClick={() => dispatch({ type: 'remove', nodeId: node.id })}
            />
          )}
        </Flex>
      </Flex>
      <Flex wrap gap="middle" align="flex-start" style={{ marginTop: 8 }}>
        {node.leaf.type === 'other' ? (
          <Typography.Text>{t('segments.tree.other')}</Typography.Text>
        ) : (
          <LabelledField id={typeId} label={t('segments.tree.leafType')}>
            <Select<LeafType>
              id={typeId}
              value={node.leaf.type}
              disabled={disabled}
              style={{ width: 200 }}
              aria-describedby={problemsId(node.id)}
              onChange={(leafType) => dispatch({ type: 'setLeafType', nodeId: node.id, leafType })}
              options={offered.map((type) => ({ value: type, label: t(`segments.tree.types.${type}`) }))}
            />
          </LabelledField>
        )}
        <LeafFields node={node} leaf={node.leaf} attributes={attributes} />
      </Flex>
      <NodeProblems nodeId={node.id} />
    </div>
  );
}

function LeafFields({ node, leaf, attributes }: { node: LeafNode; leaf: Leaf; attributes: readonly SegmentAttribute[] | null }) {
  switch (leaf.type) {
    case 'attribute':
      return <AttributeLeafEditor nodeId={node.id} leaf={leaf} attributes={attributes} />;
    case 'tag':
      return <TagLeafEditor nodeId={node.id} leaf={leaf} />;
    case 'followed':
      return <FollowedLeafEditor nodeId={node.id} leaf={leaf} />;
    case 'channel':
      return <ChannelLeafEditor nodeId={node.id} leaf={leaf} />;
    case 'language':
      return <LanguageLeafEditor nodeId={node.id} leaf={leaf} />;
    case 'formAnswer':
      return <FormAnswerLeafEditor nodeId={node.id} leaf={leaf} />;
    case 'engagement':
      return <EngagementLeafEditor nodeId={node.id} leaf={leaf} />;
    case 'other':
      return (
        <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {JSON.stringify(leaf.condition)}
        </Typography.Text>
      );
  }
}

/** A visible label above its control (`htmlFor` reaches antd's inner input, which carries the id). */
export function LabelledField({ id, label, hint, children }: { id: string; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <Flex vertical gap={2}>
      <label htmlFor={id} style={{ fontSize: 13 }}>
        {label}
      </label>
      {children}
      {hint ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 420 }}>
          {hint}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
