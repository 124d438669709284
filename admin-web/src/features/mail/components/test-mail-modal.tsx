import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MailSettingsDocument, SendTestMailDocument } from '../../../gql/graphql';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { mailAddressProblem } from '../lib/mail-address';

interface Values {
  to: string;
}

/** The server's per-field message for the address comes as `to`. */
const FIELDS = ['to'] as const;

export function TestMailModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  // The page's settings panel has it in the cache already.
  const settings = useQuery(MailSettingsDocument).data?.mailSettings;
  const [send, { loading }] = useMutation(SendTestMailDocument, { refetchQueries: ['OutboundMails'] });

  const onFinish = async (values: Values) => {
    errors.clear();
    try {
      await send({ variables: { to: values.to.trim() } });
      void message.success(t('mail.test.queued'));
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={t('mail.test.title')}
      formName="test-mail-form"
      submitText={t('mail.test.submit')}
      submitting={loading}
      onCancel={onClose}
    >
      <Form<Values>
        form={form}
        name="test-mail-form"
        layout="vertical"
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        <Typography.Paragraph type="secondary">{t('mail.test.description')}</Typography.Paragraph>
        {settings && !settings.configured ? (
          <Alert className="form-alert" type="warning" showIcon title={t('mail.test.notConfiguredNote')} />
        ) : null}
        {errors.alert}
        <Form.Item
          name="to"
          label={t('mail.test.to')}
          extra={t('mail.test.toHint')}
          required
          rules={[
            {
              validator: (_rule, value: string | undefined) => {
                const problem = mailAddressProblem(value);
                if (problem === null) return Promise.resolve();
                return Promise.reject(
                  new Error(problem === 'required' ? t('common.required', { field: t('mail.test.to') }) : t('mail.test.invalidAddress')),
                );
              },
            },
          ]}
        >
          {/* Text, not type="email": the browser's own check would pre-empt the console's message. */}
          <Input inputMode="email" autoComplete="email" spellCheck={false} placeholder={t('mail.test.toPlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
