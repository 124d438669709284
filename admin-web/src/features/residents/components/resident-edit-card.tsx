import { useMutation } from '@apollo/client/react';
import { App, Button, Card, Form, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UpdateResidentDocument } from '../../../gql/graphql';
import type { ResidentFieldsFragment } from '../../../gql/graphql';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import type { ResidentFieldsVariables } from '../lib/resident-fields';

interface Values {
  tags: string[];
  isTestRecipient: boolean;
}

const FIELDS = ['tags', 'isTestRecipient'] as const;

/** Tags (free words, typed) and the test-recipient switch; read-only without residents.write. */
export function ResidentEditCard({
  resident,
  canWrite,
  fieldVariables,
}: {
  resident: ResidentFieldsFragment;
  canWrite: boolean;
  /** The page's ResidentFields variables, so the answer refreshes the same fields. */
  fieldVariables: ResidentFieldsVariables;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [update, { loading }] = useMutation(UpdateResidentDocument);

  const onFinish = async (values: Values) => {
    errors.clear();
    try {
      await update({
        variables: { input: { id: resident.id, tags: values.tags, isTestRecipient: values.isTestRecipient }, ...fieldVariables },
      });
      void message.success(t('common.saved'));
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <Card size="small" title={<h2 className="section-title">{t('residents.detail.edit.title')}</h2>}>
      <Form<Values>
        form={form}
        name="resident-edit"
        layout="vertical"
        disabled={!canWrite}
        initialValues={{ tags: resident.tags, isTestRecipient: resident.isTestRecipient }}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        {canWrite ? null : <Typography.Paragraph type="secondary">{t('residents.detail.edit.readOnly')}</Typography.Paragraph>}
        <Form.Item name="tags" label={t('residents.detail.edit.tags')} extra={t('residents.detail.edit.tagsHint')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '、', ' ', '　']}
            placeholder={t('residents.detail.edit.tagsPlaceholder')}
            maxCount={20}
          />
        </Form.Item>
        <Form.Item
          name="isTestRecipient"
          label={t('residents.detail.edit.testRecipient')}
          extra={t('residents.detail.edit.testRecipientHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        {canWrite ? (
          <Button type="primary" htmlType="submit" loading={loading}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
