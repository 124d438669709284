import { useMutation } from '@apollo/client/react';
import { App, Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateMailListDocument, UpdateMailListDocument } from '../../../gql/graphql';
import type { MailListFieldsFragment } from '../../../gql/graphql';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

interface Values {
  name: string;
  description: string;
  isPublic: boolean;
  active: boolean;
}

const FIELDS = ['name', 'description', 'isPublic', 'active'] as const;
const NAME_MAX = 100;
const DESCRIPTION_MAX = 2000;

/** Creates a mail list, or changes one: its name and description as residents see them, whether it is public and open. */
export function MailListFormModal({
  mailList,
  onClose,
  onCreated,
}: {
  /** null: a new list. */
  mailList: MailListFieldsFragment | null;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [create, { loading: creating }] = useMutation(CreateMailListDocument, { refetchQueries: ['MailLists'] });
  const [update, { loading: updating }] = useMutation(UpdateMailListDocument, { refetchQueries: ['MailLists'] });

  const onFinish = async (values: Values) => {
    errors.clear();
    const input = {
      name: values.name.trim(),
      description: values.description.trim() || null,
      isPublic: values.isPublic,
      active: values.active,
    };
    try {
      if (mailList) {
        await update({ variables: { id: mailList.id, input } });
        void message.success(t('mailLists.form.saved', { name: input.name }));
      } else {
        const result = await create({ variables: { input } });
        void message.success(t('mailLists.form.created', { name: input.name }));
        const id = result.data?.createMailList.mailList.id;
        if (id) onCreated?.(id);
      }
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={mailList ? t('mailLists.form.editTitle', { name: mailList.name }) : t('mailLists.form.createTitle')}
      formName="mail-list-form"
      submitText={mailList ? t('common.save') : t('common.create')}
      submitting={creating || updating}
      onCancel={onClose}
      width={600}
    >
      <Form<Values>
        form={form}
        name="mail-list-form"
        layout="vertical"
        initialValues={{
          name: mailList?.name ?? '',
          description: mailList?.description ?? '',
          isPublic: mailList?.isPublic ?? false,
          active: mailList?.active ?? true,
        }}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item
          name="name"
          label={t('mailLists.form.name')}
          extra={t('mailLists.form.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('mailLists.form.name') }) },
            { max: NAME_MAX, message: t('validation.maxLength', { max: NAME_MAX }) },
          ]}
        >
          <Input autoComplete="off" maxLength={NAME_MAX} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('mailLists.form.description')}
          extra={t('mailLists.form.descriptionHint')}
          rules={[{ max: DESCRIPTION_MAX, message: t('validation.maxLength', { max: DESCRIPTION_MAX }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={DESCRIPTION_MAX} />
        </Form.Item>
        <Form.Item name="isPublic" label={t('mailLists.form.isPublic')} extra={t('mailLists.form.isPublicHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('mailLists.form.active')} extra={t('mailLists.form.activeHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
