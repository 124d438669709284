import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmTotpEnrolmentDocument, StartTotpEnrolmentDocument } from '../../../gql/graphql';
import type { StartTotpEnrolmentMutation, ViewerFieldsFragment } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

type Enrolment = StartTotpEnrolmentMutation['startTotpEnrolment'];

const CODE_PATTERN = /^\d{6}$/;

/** Groups a base32 secret in fours so it can be typed without losing one's place. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpEnrolmentPanel({ onEnrolled }: { onEnrolled: (viewer: ViewerFieldsFragment) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const errors = useFormErrors(form, ['code']);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [start, { loading: starting }] = useMutation(StartTotpEnrolmentDocument);
  const [confirm, { loading: confirming }] = useMutation(ConfirmTotpEnrolmentDocument);

  const onStart = async () => {
    setStartError(null);
    try {
      const result = await start();
      if (result.data) setEnrolment(result.data.startTotpEnrolment);
    } catch (error) {
      setStartError(error);
    }
  };

  const onConfirm = async ({ code }: { code: string }) => {
    errors.clear();
    try {
      const result = await confirm({ variables: { input: { code: code.trim() } } });
      void message.success(t('auth.totp.enabled'));
      if (result.data) onEnrolled(result.data.confirmTotpEnrolment.viewer);
    } catch (error) {
      errors.handle(error);
    }
  };

  if (!enrolment) {
    return (
      <Space orientation="vertical" size="middle">
        <Typography.Paragraph>{t('auth.totp.intro')}</Typography.Paragraph>
        {startError ? <ErrorAlert error={startError} /> : null}
        <Button
          type="primary"
          loading={starting}
          onClick={() => {
            void onStart();
          }}
        >
          {t('auth.totp.start')}
        </Button>
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="middle" className="totp-panel">
      <Typography.Paragraph>{t('auth.totp.step1')}</Typography.Paragraph>
      <div className="qr-wrap">
        <QRCode value={enrolment.otpauthUri} size={184} bordered={false} aria-label={t('auth.totp.qrAlt')} />
      </div>
      <div>
        <Typography.Text type="secondary">{t('auth.totp.secretLabel')}</Typography.Text>
        <Typography.Paragraph
          className="secret-box"
          copyable={{ text: enrolment.secret, tooltips: [t('common.copy'), t('common.copied')] }}
        >
          {groupSecret(enrolment.secret)}
        </Typography.Paragraph>
      </div>
      <Typography.Paragraph>{t('auth.totp.step2')}</Typography.Paragraph>
      <Form
        form={form}
        name="totp-enrolment"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          void onConfirm(values);
        }}
      >
        {errors.alert}
        <Form.Item
          name="code"
          label={t('auth.totp.code')}
          rules={[
            { required: true, message: t('common.required', { field: t('auth.totp.code') }) },
            { pattern: CODE_PATTERN, message: t('auth.validation.codeFormat') },
          ]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="code-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirming}>
          {t('auth.totp.confirm')}
        </Button>
      </Form>
    </Space>
  );
}
