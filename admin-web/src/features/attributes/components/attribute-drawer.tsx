import { useMutation } from '@apollo/client/react';
import { App, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttributeDefinitionsDocument, CreateAttributeDefinitionDocument, UpdateAttributeDefinitionDocument } from '../../../gql/graphql';
import type { AttributeDefinitionFieldsFragment, AttributeKind } from '../../../gql/graphql';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { FIXED_OPTION_KINDS, OPTION_KINDS } from '../lib/attribute-value';
import { OptionsEditor } from './options-editor';

export const ATTRIBUTE_KINDS: readonly AttributeKind[] = [
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'AREA',
  'DATE',
  'DATE_LIST',
  'NUMBER',
  'TEXT',
  'YES_NO',
  'CONSENT',
];
const KEY_PATTERN = /^[a-z][a-z0-9_]{1,59}$/;
const FIELDS = ['key', 'label', 'kind', 'helpText', 'personal', 'residentEditable', 'numberMin', 'numberMax', 'numberInteger', 'options'];

interface Values {
  key?: string;
  label: string;
  kind: AttributeKind;
  helpText?: string | null;
  personal?: boolean;
  residentEditable?: boolean;
  numberMin?: number | null;
  numberMax?: number | null;
  numberInteger?: boolean;
  initialOptions?: string;
}

export interface AttributeDrawerProps {
  /** null: a new attribute. */
  definition: AttributeDefinitionFieldsFragment | null;
  canManage: boolean;
  onCreated: (id: string) => void;
  onClose: () => void;
}

/** Creates or edits one attribute; once it exists, its options are edited here too. */
export function AttributeDrawer({ definition, canManage, onCreated, onClose }: AttributeDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, { initialOptions: 'options' });
  const [create, creating] = useMutation(CreateAttributeDefinitionDocument, { refetchQueries: [AttributeDefinitionsDocument] });
  const [update, updating] = useMutation(UpdateAttributeDefinitionDocument);
  const kind = Form.useWatch('kind', form) ?? definition?.kind ?? 'SINGLE_CHOICE';
  const readOnly = !canManage;

  const onFinish = (values: Values) => {
    errors.clear();
    const number =
      kind === 'NUMBER'
        ? { numberMin: values.numberMin ?? null, numberMax: values.numberMax ?? null, numberInteger: values.numberInteger ?? false }
        : {};
    const common = {
      label: values.label,
      helpText: values.helpText ?? null,
      personal: values.personal ?? false,
      residentEditable: values.residentEditable ?? true,
      ...number,
    };
    if (!definition) {
      const options = OPTION_KINDS.includes(values.kind)
        ? (values.initialOptions ?? '')
            .split(/\r?\n/)
            .map((label) => label.trim())
            .filter(Boolean)
            .map((label) => ({ label }))
        : [];
      create({ variables: { input: { key: values.key ?? '', kind: values.kind, ...common, options } } }).then((res) => {
        const created = res.data?.createAttributeDefinition.definition;
        void message.success(t('attributes.saved'));
        if (created) onCreated(created.id);
      }, errors.handle);
      return;
    }
    update({
      variables: { input: { id: definition.id, ...(values.kind !== definition.kind ? { kind: values.kind } : {}), ...common } },
    }).then(() => void message.success(t('attributes.saved')), errors.handle);
  };

  return (
    <Drawer
      open
      title={definition ? t('attributes.drawer.editTitle') : t('attributes.drawer.createTitle')}
      onClose={onClose}
      size="large"
      destroyOnHidden
      footer={
        <Space>
          {canManage ? (
            <Button type="primary" htmlType="submit" form="attribute-definition" loading={creating.loading || updating.loading}>
              {definition ? t('attributes.drawer.submitEdit') : t('attributes.drawer.submitCreate')}
            </Button>
          ) : null}
          <Button onClick={onClose}>{t('attributes.drawer.close')}</Button>
        </Space>
      }
    >
      {errors.alert}
      <Form<Values>
        form={form}
        name="attribute-definition"
        layout="vertical"
        disabled={readOnly}
        onFinish={onFinish}
        initialValues={
          definition
            ? {
                key: definition.key,
                label: definition.label,
                kind: definition.kind,
                helpText: definition.helpText,
                personal: definition.personal,
                residentEditable: definition.residentEditable,
                numberMin: definition.numberMin,
                numberMax: definition.numberMax,
                numberInteger: definition.numberInteger,
              }
            : { kind: 'SINGLE_CHOICE', personal: false, residentEditable: true, numberInteger: false }
        }
      >
        <Form.Item
          name="label"
          label={t('attributes.drawer.label')}
          rules={[{ required: true, whitespace: true, message: t('attributes.drawer.labelRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('attributes.drawer.key')}
          extra={t('attributes.drawer.keyHelp')}
          rules={
            definition
              ? []
              : [
                  { required: true, message: t('attributes.drawer.keyRequired') },
                  { pattern: KEY_PATTERN, message: t('attributes.drawer.keyPattern') },
                ]
          }
        >
          <Input maxLength={60} disabled={Boolean(definition) || readOnly} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="kind" label={t('attributes.drawer.kind')} extra={definition ? t('attributes.drawer.kindLocked') : undefined}>
          <Select options={ATTRIBUTE_KINDS.map((k) => ({ value: k, label: t(`attributes.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="helpText" label={t('attributes.drawer.helpText')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="personal" valuePropName="checked" extra={t('attributes.drawer.personalHelp')}>
          <Checkbox>{t('attributes.drawer.personal')}</Checkbox>
        </Form.Item>
        <Form.Item name="residentEditable" valuePropName="checked">
          <Checkbox>{t('attributes.drawer.residentEditable')}</Checkbox>
        </Form.Item>
        {definition ? (
          <Typography.Paragraph type="secondary">
            {t('attributes.drawer.department')}: {definition.departmentName ?? t('attributes.shared')}
          </Typography.Paragraph>
        ) : null}
        {kind === 'NUMBER' ? (
          <Space wrap>
            <Form.Item name="numberMin" label={t('attributes.drawer.numberMin')}>
              <InputNumber />
            </Form.Item>
            <Form.Item name="numberMax" label={t('attributes.drawer.numberMax')}>
              <InputNumber />
            </Form.Item>
            <Form.Item name="numberInteger" valuePropName="checked" label=" ">
              <Checkbox>{t('attributes.drawer.numberInteger')}</Checkbox>
            </Form.Item>
          </Space>
        ) : null}
        {!definition && OPTION_KINDS.includes(kind) ? (
          <Form.Item name="initialOptions" label={t('attributes.drawer.initialOptions')} extra={t('attributes.drawer.initialOptionsHelp')}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
          </Form.Item>
        ) : null}
      </Form>
      {definition && (OPTION_KINDS.includes(definition.kind) || FIXED_OPTION_KINDS.includes(definition.kind)) ? (
        <OptionsEditor definition={definition} canManage={canManage} />
      ) : null}
    </Drawer>
  );
}
