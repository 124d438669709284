import { useMutation } from '@apollo/client/react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSessionActions } from '../../../app/auth/use-session-actions';
import { LoginDocument, VerifyLoginTotpDocument } from '../../../gql/graphql';
import type { LoginMutation } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { AuthCard } from '../components/auth-card';

type LoginPayload = LoginMutation['login'];

interface CredentialValues {
  loginId: string;
  password: string;
}

const CODE_PATTERN = /^\d{6}$/;
const CREDENTIAL_FIELDS = ['loginId', 'password'] as const;
const CODE_FIELDS = ['code'] as const;

function ReasonNotice({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  if (reason === 'expired') {
    return <Alert className="form-alert" type="warning" showIcon title={t('auth.login.sessionExpired')} />;
  }
  if (reason === 'loggedOut') {
    return <Alert className="form-alert" type="success" showIcon title={t('auth.login.loggedOut')} />;
  }
  return null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { signedIn } = useSessionActions();
  const [challengeToken, setChallengeToken] = useState<string | null>(null);
  const [credentialsForm] = Form.useForm<CredentialValues>();
  const [totpForm] = Form.useForm<{ code: string }>();
  const failedTitle = { title: t('auth.login.failedTitle') };
  const credentialErrors = useFormErrors(credentialsForm, CREDENTIAL_FIELDS, undefined, failedTitle);
  const totpErrors = useFormErrors(totpForm, CODE_FIELDS, undefined, failedTitle);
  const [login, { loading: loggingIn }] = useMutation(LoginDocument);
  const [verifyTotp, { loading: verifying }] = useMutation(VerifyLoginTotpDocument);
  const next = searchParams.get('next');

  const proceed = async (payload: LoginPayload) => {
    switch (payload.status) {
      case 'TOTP_REQUIRED':
        if (payload.challengeToken) {
          setChallengeToken(payload.challengeToken);
          totpForm.resetFields();
        }
        return;
      case 'SUCCESS':
        if (payload.viewer) await signedIn(payload.viewer, next);
        return;
    }
  };

  const onCredentials = async (values: CredentialValues) => {
    credentialErrors.clear();
    try {
      const result = await login({ variables: { input: { loginId: values.loginId.trim(), password: values.password } } });
      if (result.data) await proceed(result.data.login);
    } catch (error) {
      if (describeApiError(error).code === 'UNAUTHENTICATED') credentialsForm.setFieldValue('password', '');
      credentialErrors.handle(error);
    }
  };

  const onCode = async ({ code }: { code: string }) => {
    if (!challengeToken) return;
    totpErrors.clear();
    try {
      const result = await verifyTotp({ variables: { input: { challengeToken, code: code.trim() } } });
      if (result.data) await proceed(result.data.verifyLoginTotp);
    } catch (error) {
      totpForm.setFieldValue('code', '');
      totpErrors.handle(error);
    }
  };

  const backToCredentials = () => {
    setChallengeToken(null);
    totpErrors.clear();
    credentialsForm.setFieldValue('password', '');
  };

  return (
    <AuthCard>
      {challengeToken ? (
        <>
          <Typography.Title level={1} className="auth-heading">
            {t('auth.login.totpTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.login.totpDescription')}</Typography.Paragraph>
          {totpErrors.alert}
          <Form
            form={totpForm}
            name="login-totp"
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => {
              void onCode(values);
            }}
          >
            <Form.Item
              name="code"
              label={t('auth.login.totpCode')}
              rules={[
                { required: true, message: t('common.required', { field: t('auth.login.totpCode') }) },
                { pattern: CODE_PATTERN, message: t('auth.validation.codeFormat') },
              ]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={verifying}>
              {t('auth.login.totpSubmit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="auth-footer">
            {t('auth.login.totpExpired')}
          </Typography.Paragraph>
          <Button type="link" onClick={backToCredentials} className="auth-back">
            {t('auth.login.totpBack')}
          </Button>
        </>
      ) : (
        <>
          <Typography.Title level={1} className="auth-heading">
            {t('auth.login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.login.subtitle')}</Typography.Paragraph>
          <ReasonNotice reason={searchParams.get('reason')} />
          {credentialErrors.alert}
          <Form<CredentialValues>
            form={credentialsForm}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => {
              void onCredentials(values);
            }}
          >
            <Form.Item
              name="loginId"
              label={t('auth.login.loginId')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('auth.login.loginId') }) }]}
            >
              <Input autoComplete="username" autoFocus size="large" spellCheck={false} autoCapitalize="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.login.password')}
              rules={[{ required: true, message: t('common.required', { field: t('auth.login.password') }) }]}
            >
              <Input.Password autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={loggingIn}>
              {t('auth.login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="auth-footer">
            {t('auth.login.footer')}
          </Typography.Paragraph>
        </>
      )}
    </AuthCard>
  );
}
