import { useQuery } from '@apollo/client/react';
import { DatePicker, Flex, Input, InputNumber, Radio, Select, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SegmentChannelsDocument,
  SegmentEngagementDeliveriesDocument,
  SegmentFormDefinitionDocument,
  SegmentFormsDocument,
} from '../../../gql/graphql';
import { formatDate } from '../../../shared/lib/format';
import { flatOptions, opsOfKind, optionTree, targetableAttributes } from '../lib/attributes';
import type { SegmentAttribute } from '../lib/attributes';
import type { AttributeOp, EngagementAction, Leaf, LeafPatch } from '../lib/condition-tree';
import { choiceFieldsOf } from '../lib/form-fields';
import { LabelledField, problemsId, useTreeEditor } from './condition-tree-editor';

type LeafOf<T extends Leaf['type']> = Extract<Leaf, { type: T }>;

const fieldId = (nodeId: string, part: string) => `segment-node-${nodeId}-${part}`;
/** Shown as the console shows dates; typed either way. */
export const DAY_FORMATS = ['YYYY/MM/DD', 'YYYY-MM-DD'];
const toDay = (value: string | null): Dayjs | null => (value ? dayjs(value) : null);
const fromDay = (value: Dayjs | null): string | null => (value ? value.format('YYYY-MM-DD') : null);

function usePatch(nodeId: string) {
  const { dispatch } = useTreeEditor();
  return (patch: LeafPatch) => dispatch({ type: 'patchLeaf', nodeId, patch });
}

export function AttributeLeafEditor({
  nodeId,
  leaf,
  attributes,
}: {
  nodeId: string;
  leaf: LeafOf<'attribute'>;
  attributes: readonly SegmentAttribute[] | null;
}) {
  const { t } = useTranslation();
  const { disabled, attributesLoading } = useTreeEditor();
  const patch = usePatch(nodeId);
  if (attributes === null) return <Typography.Text type="secondary">{t('segments.tree.attributesUnavailable')}</Typography.Text>;
  const offered = targetableAttributes(attributes, leaf.key);
  const attribute = attributes.find((a) => a.key === leaf.key) ?? null;
  const ops = attribute ? opsOfKind(attribute.kind) : [];
  const isList = attribute?.kind === 'DATE_LIST';
  const describedBy = problemsId(nodeId);
  return (
    <>
      <LabelledField
        id={fieldId(nodeId, 'attribute')}
        label={t('segments.tree.attribute')}
        hint={disabled ? undefined : t('segments.tree.attributeExcluded')}
      >
        <Select<string>
          id={fieldId(nodeId, 'attribute')}
          value={leaf.key ?? undefined}
          placeholder={t('segments.tree.attributePlaceholder')}
          disabled={disabled}
          showSearch={{ optionFilterProp: 'label' }}
          aria-describedby={describedBy}
          style={{ width: 220 }}
          loading={attributesLoading}
          // Not "no attributes" while they are on their way: staff would believe there are none.
          notFoundContent={attributesLoading ? t('app.loading') : t('segments.tree.noAttributes')}
          options={offered.map((a) => ({ value: a.key, label: a.retiredAt ? t('segments.tree.retired', { label: a.label }) : a.label }))}
          onChange={(key) => {
            const next = attributes.find((a) => a.key === key);
            // Another attribute starts afresh, with its kind's usual operator.
            patch({ key, op: next ? (opsOfKind(next.kind)[0] ?? null) : null, values: [], min: null, max: null, from: null, to: null });
          }}
        />
      </LabelledField>
      {attribute ? (
        <LabelledField id={fieldId(nodeId, 'op')} label={t('segments.tree.op')}>
          <Select<AttributeOp>
            id={fieldId(nodeId, 'op')}
            value={leaf.op ?? undefined}
            disabled={disabled}
            aria-describedby={describedBy}
            style={{ width: 230 }}
            options={ops.map((op) => ({ value: op, label: t(`segments.tree.ops.${op}`) }))}
            onChange={(op) => patch({ op })}
          />
        </LabelledField>
      ) : null}
      {attribute && leaf.op === 'in' ? (
        attribute.kind === 'AREA' ? (
          <LabelledField id={fieldId(nodeId, 'values')} label={t('segments.tree.options')} hint={t('segments.tree.areaHint')}>
            <TreeSelect<string[]>
              id={fieldId(nodeId, 'values')}
              value={leaf.values}
              treeData={optionTree(attribute, leaf.values)}
              multiple
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              disabled={disabled}
              placeholder={t('segments.tree.optionsPlaceholder')}
              aria-describedby={describedBy}
              style={{ minWidth: 260 }}
              onChange={(values) => patch({ values })}
            />
          </LabelledField>
        ) : (
          <LabelledField id={fieldId(nodeId, 'values')} label={t('segments.tree.options')}>
            <Select<string[]>
              id={fieldId(nodeId, 'values')}
              mode="multiple"
              value={leaf.values}
              options={flatOptions(attribute, leaf.values)}
              showSearch={{ optionFilterProp: 'label' }}
              disabled={disabled}
              placeholder={t('segments.tree.optionsPlaceholder')}
              aria-describedby={describedBy}
              style={{ minWidth: 240 }}
              onChange={(values) => patch({ values })}
            />
          </LabelledField>
        )
      ) : null}
      {attribute && (leaf.op === 'between' || leaf.op === 'age') ? (
        <RangeGroup
          hint={leaf.op === 'age' ? (isList ? t('segments.tree.ageListHint') : t('segments.tree.ageHint')) : t('segments.tree.rangeHint')}
        >
          <LabelledField id={fieldId(nodeId, 'min')} label={leaf.op === 'age' ? t('segments.tree.minAge') : t('segments.tree.min')}>
            <InputNumber<number>
              id={fieldId(nodeId, 'min')}
              value={leaf.min}
              min={leaf.op === 'age' ? 0 : undefined}
              max={leaf.op === 'age' ? 150 : undefined}
              precision={leaf.op === 'age' ? 0 : undefined}
              disabled={disabled}
              aria-describedby={describedBy}
              onChange={(min) => patch({ min: min ?? null })}
            />
          </LabelledField>
          <LabelledField id={fieldId(nodeId, 'max')} label={leaf.op === 'age' ? t('segments.tree.maxAge') : t('segments.tree.max')}>
            <InputNumber<number>
              id={fieldId(nodeId, 'max')}
              value={leaf.max}
              min={leaf.op === 'age' ? 0 : undefined}
              max={leaf.op === 'age' ? 150 : undefined}
              precision={leaf.op === 'age' ? 0 : undefined}
              disabled={disabled}
              aria-describedby={describedBy}
              onChange={(max) => patch({ max: max ?? null })}
            />
          </LabelledField>
        </RangeGroup>
      ) : null}
      {attribute && leaf.op === 'dateBetween' ? (
        <DateRangeFields
          nodeId={nodeId}
          from={leaf.from}
          to={leaf.to}
          hint={isList ? t('segments.tree.listHint') : t('segments.tree.rangeHint')}
          onChange={(range) => patch(range)}
        />
      ) : null}
    </>
  );
}

function DateRangeFields({
  nodeId,
  from,
  to,
  hint,
  onChange,
}: {
  nodeId: string;
  from: string | null;
  to: string | null;
  hint: string;
  onChange: (range: { from?: string | null; to?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const { disabled } = useTreeEditor();
  return (
    <RangeGroup hint={hint}>
      <LabelledField id={fieldId(nodeId, 'from')} label={t('segments.tree.from')}>
        <DatePicker
          id={fieldId(nodeId, 'from')}
          value={toDay(from)}
          format={DAY_FORMATS}
          disabled={disabled}
          aria-describedby={problemsId(nodeId)}
          onChange={(value: Dayjs | null) => onChange({ from: fromDay(value) })}
        />
      </LabelledField>
      <LabelledField id={fieldId(nodeId, 'to')} label={t('segments.tree.to')}>
        <DatePicker
          id={fieldId(nodeId, 'to')}
          value={toDay(to)}
          format={DAY_FORMATS}
          disabled={disabled}
          aria-describedby={problemsId(nodeId)}
          onChange={(value: Dayjs | null) => onChange({ to: fromDay(value) })}
        />
      </LabelledField>
    </RangeGroup>
  );
}

/** The two ends of a range side by side, with one note for both. */
function RangeGroup({ hint, children }: { hint: string; children: ReactNode }) {
  return (
    <Flex vertical gap={2}>
      <Flex gap="middle" wrap>
        {children}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 420 }}>
        {hint}
      </Typography.Text>
    </Flex>
  );
}

export function TagLeafEditor({ nodeId, leaf }: { nodeId: string; leaf: LeafOf<'tag'> }) {
  const { t } = useTranslation();
  const { disabled } = useTreeEditor();
  const patch = usePatch(nodeId);
  return (
    <LabelledField id={fieldId(nodeId, 'tag')} label={t('segments.tree.tag')}>
      <Input
        id={fieldId(nodeId, 'tag')}
        value={leaf.tag}
        maxLength={100}
        placeholder={t('segments.tree.tagPlaceholder')}
        disabled={disabled}
        aria-describedby={problemsId(nodeId)}
        style={{ width: 220 }}
        onChange={(event) => patch({ tag: event.target.value })}
      />
    </LabelledField>
  );
}

export function FollowedLeafEditor({ nodeId, leaf }: { nodeId: string; leaf: LeafOf<'followed'> }) {
  const { t } = useTranslation();
  const patch = usePatch(nodeId);
  return <DateRangeFields nodeId={nodeId} from={leaf.from} to={leaf.to} hint={t('segments.tree.rangeHint')} onChange={patch} />;
}

export function ChannelLeafEditor({ nodeId, leaf }: { nodeId: string; leaf: LeafOf<'channel'> }) {
  const { t } = useTranslation();
  const { disabled, canUseChannels } = useTreeEditor();
  const patch = usePatch(nodeId);
  const channels = useQuery(SegmentChannelsDocument, { skip: !canUseChannels });
  const options = (channels.data?.lineChannels ?? []).map((c) => ({
    value: c.id,
    label: `${c.name}（${t(`channels.purpose.${c.purpose}`)}）`,
  }));
  // Without channels.read (or once a channel is gone) the saved id is still shown, not lost.
  if (leaf.channelId && !options.some((o) => o.value === leaf.channelId)) options.push({ value: leaf.channelId, label: leaf.channelId });
  return (
    <LabelledField
      id={fieldId(nodeId, 'channel')}
      label={t('segments.tree.channel')}
      hint={canUseChannels ? undefined : t('segments.tree.channelsUnavailable')}
    >
      <Select<string>
        id={fieldId(nodeId, 'channel')}
        value={leaf.channelId ?? undefined}
        placeholder={t('segments.tree.channelPlaceholder')}
        loading={channels.loading}
        disabled={disabled || !canUseChannels}
        aria-describedby={problemsId(nodeId)}
        style={{ width: 260 }}
        options={options}
        onChange={(channelId) => patch({ channelId })}
      />
    </LabelledField>
  );
}

const LANGUAGES = ['ja', 'en', 'zh-CN', 'zh-TW', 'ko', 'th', 'id', 'vi'] as const;

export function LanguageLeafEditor({ nodeId, leaf }: { nodeId: string; leaf: LeafOf<'language'> }) {
  const { t } = useTranslation();
  const { disabled } = useTreeEditor();
  const patch = usePatch(nodeId);
  const options: Array<{ value: string; label: string }> = LANGUAGES.map((code) => ({
    value: code,
    label: `${t(`segments.tree.languages.${code}`)}（${code}）`,
  }));
  if (leaf.language && !options.some((o) => o.value === leaf.language)) options.push({ value: leaf.language, label: leaf.language });
  return (
    <LabelledField id={fieldId(nodeId, 'language')} label={t('segments.tree.language')}>
      <Select<string>
        id={fieldId(nodeId, 'language')}
        value={leaf.language ?? undefined}
        placeholder={t('segments.tree.languagePlaceholder')}
        disabled={disabled}
        aria-describedby={problemsId(nodeId)}
        style={{ width: 220 }}
        options={options}
        onChange={(language) => patch({ language })}
      />
    </LabelledField>
  );
}

export function FormAnswerLeafEditor({ nodeId, leaf }: { nodeId: string; leaf: LeafOf<'formAnswer'> }) {
  const { t } = useTranslation();
  const { disabled, canUseForms } = useTreeEditor();
  const patch = usePatch(nodeId);
  const forms = useQuery(SegmentFormsDocument, { variables: { first: 100 }, skip: !canUseForms });
  const definition = useQuery(SegmentFormDefinitionDocument, {
    variables: { id: leaf.formId ?? '' },
    skip: !canUseForms || !leaf.formId,
  });
  if (!canUseForms) return <Typography.Text type="secondary">{t('segments.tree.formsUnavailable')}</Typography.Text>;
  const formOptions = (forms.data?.forms.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.title }));
  if (leaf.formId && !formOptions.some((o) => o.value === leaf.formId)) formOptions.push({ value: leaf.formId, label: leaf.formId });
  const fields = choiceFieldsOf(definition.data?.form.publishedVersion?.definition);
  const field = fields.find((f) => f.id === leaf.fieldId) ?? null;
  const fieldOptions = fields.map((f) => ({ value: f.id, label: f.label }));
  if (leaf.fieldId && !field) fieldOptions.push({ value: leaf.fieldId, label: leaf.fieldId });
  const valueOptions = field ? field.options.map((o) => ({ value: o.id, label: o.label })) : [];
  for (const v of leaf.values) if (!valueOptions.some((o) => o.value === v)) valueOptions.push({ value: v, label: v });
  const describedBy = problemsId(nodeId);
  return (
    <>
      <LabelledField id={fieldId(nodeId, 'form')} label={t('segments.tree.form')}>
        <Select<string>
          id={fieldId(nodeId, 'form')}
          value={leaf.formId ?? undefined}
          placeholder={t('segments.tree.formPlaceholder')}
          loading={forms.loading}
          disabled={disabled}
          showSearch={{ optionFilterProp: 'label' }}
          aria-describedby={describedBy}
          style={{ width: 240 }}
          options={formOptions}
          onChange={(formId) => patch({ formId, fieldId: null, values: [] })}
        />
      </LabelledField>
      {leaf.formId ? (
        <LabelledField id={fieldId(nodeId, 'field')} label={t('segments.tree.field')} hint={t('segments.tree.fieldHint')}>
          <Select<string>
            id={fieldId(nodeId, 'field')}
            value={leaf.fieldId ?? undefined}
            placeholder={t('segments.tree.anyField')}
            allowClear
            loading={definition.loading}
            disabled={disabled}
            aria-describedby={describedBy}
            style={{ width: 240 }}
            options={fieldOptions}
            onChange={(next: string | undefined) => patch({ fieldId: next ?? null, values: [] })}
          />
        </LabelledField>
      ) : null}
      {leaf.fieldId ? (
        <LabelledField id={fieldId(nodeId, 'answers')} label={t('segments.tree.answerValues')}>
          <Select<string[]>
            id={fieldId(nodeId, 'answers')}
            mode="multiple"
            value={leaf.values}
            placeholder={t('segments.tree.answerValuesPlaceholder')}
            disabled={disabled}
            aria-describedby={describedBy}
            style={{ minWidth: 260 }}
            options={valueOptions}
            onChange={(values) => patch({ values })}
          />
        </LabelledField>
      ) : null}
    </>
  );
}

/**
 * 配信への反応: who opened one of a delivery's links through the LIFF app (docs/adr/0016), offered
 * for deliveries sent with 「反応を記録する」, or who answered the form a delivery carried through its
 * card (FORM-08), offered for deliveries sent with a form. LINE tells no one who opened a message,
 * so there is no "opened" to choose, and the hint says so.
 */
export function EngagementLeafEditor({ nodeId, leaf }: { nodeId: string; leaf: LeafOf<'engagement'> }) {
  const { t } = useTranslation();
  const { disabled, canUseDeliveries } = useTreeEditor();
  const patch = usePatch(nodeId);
  const deliveries = useQuery(SegmentEngagementDeliveriesDocument, { skip: !canUseDeliveries });
  if (!canUseDeliveries) return <Typography.Text type="secondary">{t('segments.tree.deliveriesUnavailable')}</Typography.Text>;
  const answering = leaf.action === 'answered' || leaf.action === 'notAnswered';
  // Who opened its links is known for deliveries that recorded engagement; who answered, for those carrying a form.
  const options = (deliveries.data?.segmentEngagementDeliveries ?? [])
    .filter((d) => (answering ? d.carriesForm : d.recording))
    .map((d) => ({
      value: d.deliveryId,
      label: answering
        ? t('segments.tree.formDeliveryOption', { title: d.title, sentAt: formatDate(d.sentAt) })
        : t('segments.tree.deliveryOption', { title: d.title, sentAt: formatDate(d.sentAt), n: d.residents.toLocaleString('ja-JP') }),
    }));
  // A saved delivery no longer offered (another department's, or gone) is still shown, not lost.
  if (leaf.deliveryId && !options.some((o) => o.value === leaf.deliveryId))
    options.push({ value: leaf.deliveryId, label: leaf.deliveryId });
  const describedBy = problemsId(nodeId);
  const actionLabelId = fieldId(nodeId, 'action-label');
  return (
    <>
      <LabelledField
        id={fieldId(nodeId, 'delivery')}
        label={t('segments.tree.delivery')}
        hint={answering ? t('segments.tree.formDeliveryHint') : t('segments.tree.deliveryHint')}
      >
        <Select<string>
          id={fieldId(nodeId, 'delivery')}
          value={leaf.deliveryId ?? undefined}
          placeholder={t('segments.tree.deliveryPlaceholder')}
          loading={deliveries.loading}
          disabled={disabled}
          showSearch={{ optionFilterProp: 'label' }}
          aria-describedby={describedBy}
          style={{ width: 320 }}
          notFoundContent={
            deliveries.loading ? t('app.loading') : answering ? t('segments.tree.noFormDeliveries') : t('segments.tree.noDeliveries')
          }
          options={options}
          onChange={(deliveryId) => patch({ deliveryId })}
        />
      </LabelledField>
      <Flex vertical gap={2}>
        <span id={actionLabelId} style={{ fontSize: 13 }}>
          {t('segments.tree.action')}
        </span>
        <Radio.Group
          aria-labelledby={actionLabelId}
          aria-describedby={describedBy}
          optionType="button"
          disabled={disabled}
          value={leaf.action}
          onChange={(event) => patch({ action: event.target.value as EngagementAction })}
          options={[
            { value: 'clicked', label: t('segments.tree.actions.clicked') },
            { value: 'notClicked', label: t('segments.tree.actions.notClicked') },
            { value: 'answered', label: t('segments.tree.actions.answered') },
            { value: 'notAnswered', label: t('segments.tree.actions.notAnswered') },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 420 }}>
          {t(`segments.tree.${leaf.action}Hint`)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 420 }}>
          {t('segments.tree.noOpens')}
        </Typography.Text>
      </Flex>
    </>
  );
}
