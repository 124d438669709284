import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResidentAttributesDocument, SetResidentAttributesDocument } from '../../../gql/graphql';
import type { ResidentAttributeSheetFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { toFormValue, toInput, valueText, type FormValue } from '../lib/attribute-value';

type Entry = ResidentAttributeSheetFieldsFragment['entries'][number];
type Definition = Entry['definition'];

/** The resident page's 属性 card: values, who changed them and when, and (attributes.write) an editor (RES-10). */
export function ResidentAttributesPanel({ residentId, canWrite }: { residentId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const { data, loading, error, refetch } = useQuery(ResidentAttributesDocument, {
    variables: { residentId },
    fetchPolicy: 'cache-and-network',
  });
  const sheet = data?.residentAttributes;
  const words = { yes: t('attributes.panel.yes'), no: t('attributes.panel.no'), consent: t('attributes.panel.consentGiven') };
  const visible = (sheet?.entries ?? []).filter((e) => !e.definition.retiredAt || e.value || e.masked);

  return (
    <Card
      size="small"
      title={<h2 className="section-title">{t('attributes.panel.title')}</h2>}
      extra={
        canWrite && sheet ? (
          <Button size="small" onClick={() => setEditing(true)}>
            {t('attributes.panel.edit')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('attributes.panel.description')}</Typography.Paragraph>
      {error && !data ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void refetch();
          }}
        />
      ) : loading && !data ? (
        <LoadingState rows={4} />
      ) : sheet ? (
        <>
          <Descriptions
            column={1}
            size="small"
            items={visible.map((e) => ({
              key: e.definition.key,
              label: (
                <Space size={4} wrap>
                  <span>{e.definition.label}</span>
                  {e.definition.retiredAt ? <Tag>{t('attributes.panel.retiredTag')}</Tag> : null}
                </Space>
              ),
              children: (
                <div>
                  <div>
                    {e.masked
                      ? t('attributes.panel.masked')
                      : (valueText(e.definition, e.value, words) ?? (
                          <Typography.Text type="secondary">{t('attributes.panel.empty')}</Typography.Text>
                        ))}
                  </div>
                  {e.updatedAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('attributes.panel.updated', { at: formatDateTime(e.updatedAt), by: e.updatedBy ?? '' })}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            }))}
          />
          <h3 className="section-title">{t('attributes.panel.history')}</h3>
          <Table
            size="small"
            rowKey="id"
            dataSource={sheet.history}
            pagination={sheet.history.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            // No sideways scrolling in this narrow column: a scrolled region without anything
            // focusable cannot be reached by keyboard (axe scrollable-region-focusable); cells wrap.
            locale={{ emptyText: <EmptyState description={t('attributes.panel.historyEmpty')} /> }}
            columns={[
              { key: 'at', title: t('attributes.panel.historyColumns.at'), render: (_, h) => formatDateTime(h.changedAt) },
              { key: 'attribute', title: t('attributes.panel.historyColumns.attribute'), dataIndex: 'attributeLabel' },
              {
                key: 'by',
                title: t('attributes.panel.historyColumns.by'),
                render: (_, h) => (h.actorKind === 'STAFF' ? h.actorLabel : t(`attributes.panel.actors.${h.actorKind}`)),
              },
              { key: 'before', title: t('attributes.panel.historyColumns.before'), dataIndex: 'before' },
              { key: 'after', title: t('attributes.panel.historyColumns.after'), dataIndex: 'after' },
            ]}
          />
        </>
      ) : null}
      {editing && sheet ? <EditModal sheet={sheet} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function EditModal({ sheet, onClose }: { sheet: ResidentAttributeSheetFieldsFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, FormValue>>();
  // Retired attributes take no new values; personal ones the viewer cannot read are not offered.
  const editable = sheet.entries.filter((e) => !e.definition.retiredAt && !e.masked);
  const errors = useFormErrors(
    form,
    editable.map((e) => e.definition.key),
  );
  const [save, saving] = useMutation(SetResidentAttributesDocument);
  const initial = Object.fromEntries(editable.map((e) => [e.definition.key, toFormValue(e.definition, e.value)]));

  const onFinish = (values: Record<string, FormValue>) => {
    errors.clear();
    const changed = editable.filter(
      (e) => JSON.stringify(values[e.definition.key] ?? null) !== JSON.stringify(initial[e.definition.key] ?? null),
    );
    if (changed.length === 0) {
      onClose();
      return;
    }
    save({
      variables: { input: { residentId: sheet.residentId, values: changed.map((e) => toInput(e.definition, values[e.definition.key])) } },
    }).then(() => {
      void message.success(t('attributes.panel.saved'));
      onClose();
    }, errors.handle);
  };

  return (
    <Modal
      open
      title={t('attributes.panel.editTitle')}
      onCancel={onClose}
      okText={t('attributes.panel.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'resident-attributes', loading: saving.loading }}
      mask={{ closable: false }}
      width={640}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} name="resident-attributes" layout="vertical" initialValues={initial} onFinish={onFinish}>
        {editable.map((e) => (
          <AttributeControl key={e.definition.key} definition={e.definition} consentGiven={e.value?.flag === true} />
        ))}
      </Form>
    </Modal>
  );
}

function optionsOf(def: Definition, current: readonly string[]) {
  const labels = new Map(def.options.map((o) => [o.key, o.label]));
  return def.options
    .filter((o) => !o.retiredAt || current.includes(o.key))
    .map((o) => ({
      value: o.key,
      label: def.kind === 'AREA' && o.parentKey ? `${labels.get(o.parentKey) ?? o.parentKey} / ${o.label}` : o.label,
    }));
}

function AttributeControl({ definition: def, consentGiven }: { definition: Definition; consentGiven: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Record<string, FormValue>>();
  const current = form.getFieldValue(def.key) as FormValue;
  const held = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? [current] : [];
  const common = { name: def.key, label: def.label, extra: def.helpText ?? undefined };
  switch (def.kind) {
    case 'SINGLE_CHOICE':
    case 'AREA':
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={optionsOf(def, held)}
            placeholder={t('attributes.panel.unset')}
          />
        </Form.Item>
      );
    case 'MULTIPLE_CHOICE':
      return (
        <Form.Item {...common}>
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={optionsOf(def, held)} />
        </Form.Item>
      );
    case 'DATE':
      return (
        <Form.Item {...common}>
          <Input type="date" />
        </Form.Item>
      );
    case 'DATE_LIST':
      return (
        <Form.Item label={def.label} extra={def.helpText ?? undefined}>
          <Form.List name={def.key}>
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Space key={field.key}>
                    <Form.Item {...field} noStyle>
                      <Input type="date" aria-label={`${def.label} ${index + 1}`} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined aria-hidden="true" />}
                      aria-label={t('attributes.panel.removeDate', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => add('')}>
                  {t('attributes.panel.addDate')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
      );
    case 'NUMBER':
      return (
        <Form.Item {...common}>
          <InputNumber min={def.numberMin ?? undefined} max={def.numberMax ?? undefined} precision={def.numberInteger ? 0 : undefined} />
        </Form.Item>
      );
    case 'TEXT':
      return (
        <Form.Item {...common}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      );
    case 'YES_NO':
      return (
        <Form.Item {...common}>
          <Radio.Group
            options={[
              { value: 'yes', label: t('attributes.panel.yes') },
              { value: 'no', label: t('attributes.panel.no') },
            ]}
          />
        </Form.Item>
      );
    case 'CONSENT':
      return (
        <Form.Item {...common} valuePropName="checked" extra={t('attributes.panel.consentNote')}>
          <Checkbox disabled={!consentGiven}>{t('attributes.panel.consentGiven')}</Checkbox>
        </Form.Item>
      );
  }
}
