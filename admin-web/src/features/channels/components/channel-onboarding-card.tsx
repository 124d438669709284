import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChannelOnboardingDocument, UpdateChannelOnboardingDocument } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadingState } from '../../../shared/ui/states';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

interface OnboardingValues {
  registrationFormId: string | null;
  reminderDelayHours: number;
  remindersEnabled: boolean;
}

const FIELDS = ['registrationFormId', 'reminderDelayHours', 'remindersEnabled'] as const;

/** RES-07 on the channel page: the registration form the follow greeting links to, and the one reminder. */
export function ChannelOnboardingCard({ channelId, canWrite }: { channelId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OnboardingValues>();
  const errors = useFormErrors(form, FIELDS);
  const { data, loading, error, refetch } = useQuery(ChannelOnboardingDocument, { variables: { channelId } });
  const [save, { loading: saving }] = useMutation(UpdateChannelOnboardingDocument);
  const title = <h2 className="section-title">{t('channels.onboarding.title')}</h2>;

  if (error && !data)
    return (
      <Card size="small" title={title}>
        <ErrorAlert
          error={error}
          onRetry={() => {
            void refetch();
          }}
        />
      </Card>
    );
  if (loading && !data) return <LoadingState rows={3} />;
  const onboarding = data?.channelOnboarding;
  if (!onboarding) return null;

  const onFinish = async (values: OnboardingValues) => {
    errors.clear();
    try {
      await save({
        variables: {
          channelId,
          input: {
            registrationFormId: values.registrationFormId ?? null,
            reminderDelayHours: values.reminderDelayHours,
            remindersEnabled: values.remindersEnabled,
          },
        },
      });
      void message.success(t('common.saved'));
    } catch (e) {
      errors.handle(e);
    }
  };

  const choices = (data.registrationFormChoices ?? []).map((choice) => ({
    value: choice.id,
    label: choice.status === 'PUBLISHED' ? choice.title : t('channels.onboarding.unpublished', { title: choice.title }),
  }));

  return (
    <Card size="small" title={title}>
      <Typography.Paragraph type="secondary">{t('channels.onboarding.description')}</Typography.Paragraph>
      {errors.alert}
      <Form<OnboardingValues>
        form={form}
        name="channel-onboarding-form"
        layout="vertical"
        disabled={!canWrite}
        initialValues={{
          registrationFormId: onboarding.registrationForm?.id ?? null,
          reminderDelayHours: onboarding.reminderDelayHours,
          remindersEnabled: onboarding.remindersEnabled,
        }}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        <Form.Item name="registrationFormId" label={t('channels.onboarding.form')} extra={t('channels.onboarding.formHint')}>
          <Select
            allowClear
            options={choices}
            placeholder={t('channels.onboarding.noForm')}
            notFoundContent={t('channels.onboarding.noChoices')}
          />
        </Form.Item>
        <Form.Item name="remindersEnabled" label={t('channels.onboarding.remindersEnabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="reminderDelayHours"
          label={t('channels.onboarding.delay')}
          extra={t('channels.onboarding.delayHint')}
          rules={[{ required: true, message: t('common.required', { field: t('channels.onboarding.delay') }) }]}
        >
          <InputNumber min={1} max={720} precision={0} addonAfter={t('channels.onboarding.hours')} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {onboarding.remindersFrom
            ? t('channels.onboarding.sent', { count: onboarding.remindersSent, time: formatDateTime(onboarding.remindersFrom) })
            : t('channels.onboarding.none')}
        </Typography.Paragraph>
        {canWrite ? (
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
