import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Input, Row, Space, Tag, Typography } from 'antd';
import type { DefinitionProblem, FieldType, FormDefinition, FormField, FormPage } from '@machi/form-engine';
import { useTranslation } from 'react-i18next';
import type { BuilderAttribute } from '../lib/attributes';
import {
  FIELD_TYPES,
  addField,
  addPage,
  canMoveField,
  dependentsOf,
  earlierFields,
  findField,
  moveField,
  movePage,
  newField,
  removeField,
  removePage,
  updateField,
  updatePage,
} from '../lib/definition-edit';
import type { GroupedProblems } from '../lib/definition-edit';
import { ConditionEditor } from './condition-editor';
import { FieldEditor } from './field-editor';

export interface FormBuilderProps {
  definition: FormDefinition;
  onChange: (definition: FormDefinition) => void;
  problems: GroupedProblems;
  selectedFieldId: string | null;
  onSelectField: (id: string | null) => void;
  targetPageId: string;
  onTargetPage: (id: string) => void;
  attributes: readonly BuilderAttribute[];
  attributesUnavailable: boolean;
}

function ProblemList({ problems }: { problems: readonly DefinitionProblem[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="error-list" style={{ color: '#cf1322', margin: '4px 0 0' }}>
      {problems.map((p) => (
        <li key={`${p.path}:${p.message}`}>{p.message}</li>
      ))}
    </ul>
  );
}

/** Pages and their fields on the left, the selected field's settings on the right; every move is a button. */
export function FormBuilder({
  definition,
  onChange,
  problems,
  selectedFieldId,
  onSelectField,
  targetPageId,
  onTargetPage,
  attributes,
  attributesUnavailable,
}: FormBuilderProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const selected = selectedFieldId ? findField(definition, selectedFieldId) : null;
  const targetIndex = Math.max(
    0,
    definition.pages.findIndex((p) => p.id === targetPageId),
  );
  const targetPage = definition.pages[targetIndex];

  const add = (type: FieldType) => {
    const label =
      type === 'heading'
        ? t('forms.builder.newHeading')
        : type === 'paragraph'
          ? t('forms.builder.newParagraph')
          : type === 'consent'
            ? t('forms.builder.newConsent')
            : t('forms.builder.newFieldLabel');
    const field = newField(type, definition, label, (n) => t('forms.builder.optionLabel', { n }));
    onChange(addField(definition, targetPage?.id ?? definition.pages[0]?.id ?? 'p_1', field));
    onSelectField(field.id);
  };

  const confirmRemoveField = (field: FormField) => {
    const label = field.label || t('forms.builder.noLabel');
    const dependents = dependentsOf(definition, field.id);
    void modal.confirm({
      title: t('forms.builder.removeFieldConfirm', { label }),
      content: dependents.length > 0 ? t('forms.builder.removeFieldDependents', { labels: dependents.join('、') }) : undefined,
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        onChange(removeField(definition, field.id));
        if (selectedFieldId === field.id) onSelectField(null);
      },
    });
  };

  const confirmRemovePage = (page: FormPage, number: number) => {
    void modal.confirm({
      title: t('forms.builder.removePageConfirm', { number }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        onChange(removePage(definition, page.id));
        if (selected && definition.pages[selected.pageIndex]?.id === page.id) onSelectField(null);
        if (targetPageId === page.id) onTargetPage(definition.pages.find((p) => p.id !== page.id)?.id ?? '');
      },
    });
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={<h2 className="section-title">{t('forms.builder.palette')}</h2>}>
            <Typography.Paragraph type="secondary">
              {t('forms.builder.paletteHint', { page: t('forms.builder.page', { number: targetIndex + 1 }) })}
            </Typography.Paragraph>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {FIELD_TYPES.map((type) => (
                <Button
                  key={type}
                  size="small"
                  icon={<PlusOutlined />}
                  aria-label={t('forms.builder.addTo', { type: t(`forms.fieldTypes.${type}`) })}
                  onClick={() => {
                    add(type);
                  }}
                >
                  {t(`forms.fieldTypes.${type}`)}
                </Button>
              ))}
            </div>
          </Card>
          {definition.pages.map((page, pageIndex) => (
            <PageCard
              key={page.id}
              definition={definition}
              page={page}
              number={pageIndex + 1}
              isTarget={page.id === (targetPage?.id ?? '')}
              problems={problems}
              selectedFieldId={selectedFieldId}
              onTarget={() => {
                onTargetPage(page.id);
              }}
              onSelectField={(id) => {
                onSelectField(id);
                onTargetPage(page.id);
              }}
              onChange={onChange}
              onRemoveField={confirmRemoveField}
              onRemove={
                definition.pages.length > 1
                  ? () => {
                      confirmRemovePage(page, pageIndex + 1);
                    }
                  : undefined
              }
            />
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              const next = addPage(definition);
              onChange(next.definition);
              onTargetPage(next.pageId);
            }}
          >
            {t('forms.builder.addPage')}
          </Button>
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <Card
          size="small"
          title={
            <h2 className="section-title">
              {selected
                ? t('forms.builder.editField', { label: selected.field.label || t('forms.builder.noLabel') })
                : t('forms.field.title')}
            </h2>
          }
          style={{ position: 'sticky', top: 16 }}
        >
          {selected ? (
            <FieldEditor
              key={selected.field.id}
              definition={definition}
              field={selected.field}
              problems={problems.fields.get(selected.field.id) ?? []}
              attributes={attributes}
              attributesUnavailable={attributesUnavailable}
              onChange={(field) => {
                onChange(updateField(definition, field.id, () => field));
              }}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forms.field.none')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function PageCard({
  definition,
  page,
  number,
  isTarget,
  problems,
  selectedFieldId,
  onTarget,
  onSelectField,
  onChange,
  onRemoveField,
  onRemove,
}: {
  definition: FormDefinition;
  page: FormPage;
  number: number;
  isTarget: boolean;
  problems: GroupedProblems;
  selectedFieldId: string | null;
  onTarget: () => void;
  onSelectField: (id: string) => void;
  onChange: (definition: FormDefinition) => void;
  onRemoveField: (field: FormField) => void;
  onRemove: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const heading = page.title ? t('forms.builder.pageOf', { number, title: page.title }) : t('forms.builder.page', { number });
  const pageCount = definition.pages.length;
  return (
    <Card
      size="small"
      title={<h2 className="section-title">{heading}</h2>}
      style={isTarget ? { borderColor: '#0b6b35' } : undefined}
      extra={
        <Space size={4}>
          {isTarget ? (
            <Tag color="green">{t('forms.builder.targetPage')}</Tag>
          ) : (
            <Button size="small" onClick={onTarget}>
              {t('forms.builder.selectTarget')}
            </Button>
          )}
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('forms.builder.pageUp', { number })}
            disabled={number === 1}
            onClick={() => {
              onChange(movePage(definition, page.id, -1));
            }}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('forms.builder.pageDown', { number })}
            disabled={number === pageCount}
            onClick={() => {
              onChange(movePage(definition, page.id, 1));
            }}
          />
          {onRemove ? (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('forms.builder.removePage', { number })}
              onClick={onRemove}
            />
          ) : null}
        </Space>
      }
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {problems.pages.get(page.id) ? (
          <Alert type="error" showIcon title={<ProblemList problems={problems.pages.get(page.id)} />} />
        ) : null}
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <label htmlFor={`page-${page.id}-title`}>{t('forms.builder.pageTitle')}</label>
          <Input
            id={`page-${page.id}-title`}
            value={page.title ?? ''}
            maxLength={200}
            placeholder={t('forms.builder.pageTitlePlaceholder')}
            style={{ maxWidth: 360 }}
            onChange={(event) => {
              const title = event.target.value;
              onChange(updatePage(definition, page.id, (p) => ({ ...p, title: title === '' ? undefined : title })));
            }}
          />
        </div>
        {number > 1 ? (
          <ConditionEditor
            id={`page-${page.id}-condition`}
            legend={t('forms.builder.pageCondition')}
            value={page.visibleWhen}
            fields={earlierFields(definition, { pageId: page.id })}
            onChange={(visibleWhen) => {
              onChange(updatePage(definition, page.id, (p) => ({ ...p, visibleWhen })));
            }}
          />
        ) : null}
        {page.fields.length === 0 ? (
          <Typography.Text type="secondary">{t('forms.builder.pageEmpty')}</Typography.Text>
        ) : (
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={heading}>
            {page.fields.map((field) => (
              <FieldRow
                key={field.id}
                field={field}
                selected={field.id === selectedFieldId}
                problems={problems.fields.get(field.id)}
                canUp={canMoveField(definition, field.id, -1)}
                canDown={canMoveField(definition, field.id, 1)}
                onSelect={() => {
                  onSelectField(field.id);
                }}
                onMove={(delta) => {
                  onChange(moveField(definition, field.id, delta));
                }}
                onRemove={() => {
                  onRemoveField(field);
                }}
              />
            ))}
          </ol>
        )}
      </Space>
    </Card>
  );
}

function FieldRow({
  field,
  selected,
  problems,
  canUp,
  canDown,
  onSelect,
  onMove,
  onRemove,
}: {
  field: FormField;
  selected: boolean;
  problems: readonly DefinitionProblem[] | undefined;
  canUp: boolean;
  canDown: boolean;
  onSelect: () => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const label = field.label || t('forms.builder.noLabel');
  return (
    <li
      style={{
        border: `1px solid ${problems ? '#cf1322' : selected ? '#0b6b35' : '#d9d9d9'}`,
        borderRadius: 6,
        padding: '6px 8px',
        marginBottom: 6,
        background: selected ? '#f0f7f2' : undefined,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Button
          type="link"
          onClick={onSelect}
          aria-pressed={selected}
          aria-label={t('forms.builder.editField', { label })}
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
        >
          {label}
        </Button>
        <Space size={4}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('forms.builder.fieldUp', { label })}
            disabled={!canUp}
            onClick={() => onMove(-1)}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('forms.builder.fieldDown', { label })}
            disabled={!canDown}
            onClick={() => onMove(1)}
          />
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('forms.builder.removeField', { label })} onClick={onRemove} />
        </Space>
      </div>
      <Space size={4} wrap>
        <Tag>{t(`forms.fieldTypes.${field.type}`)}</Tag>
        {field.required ? <Tag color="red">{t('forms.builder.badges.required')}</Tag> : null}
        {field.personal ? <Tag color="orange">{t('forms.builder.badges.personal')}</Tag> : null}
        {field.adminOnly ? <Tag color="blue">{t('forms.builder.badges.adminOnly')}</Tag> : null}
        {field.visibleWhen ? <Tag color="gold">{t('forms.builder.badges.conditional')}</Tag> : null}
        {field.attributeKey ? <Tag>{t('forms.builder.badges.bound', { attribute: field.attributeKey })}</Tag> : null}
      </Space>
      <ProblemList problems={problems} />
    </li>
  );
}
