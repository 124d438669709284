import { useMutation } from '@apollo/client/react';
import { App, Form, Input, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateLineChannelDocument, UpdateLineChannelDocument } from '../../../gql/graphql';
import type { LineChannelFieldsFragment, LineChannelPurpose } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { channelFormInitialValues, toCreateChannelInput, toUpdateChannelInput } from '../lib/channel-form';
import type { LineChannelFormValues } from '../lib/channel-form';

const FIELDS = [
  'name',
  'purpose',
  'messagingChannelId',
  'channelSecret',
  'channelAccessToken',
  'loginChannelId',
  'liffIds',
  'greetingText',
  'isActive',
] as const;

const PURPOSES: readonly LineChannelPurpose[] = ['PRODUCTION', 'TRAINING'];

export function LineChannelFormModal({
  channel,
  onClose,
  onCreated,
}: {
  /** null: register a new channel. */
  channel: LineChannelFieldsFragment | null;
  onClose: () => void;
  onCreated?: (channel: LineChannelFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LineChannelFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const [create, { loading: creating }] = useMutation(CreateLineChannelDocument, { refetchQueries: ['LineChannels'] });
  const [update, { loading: updating }] = useMutation(UpdateLineChannelDocument);
  const credentialsKept = channel?.hasCredentials
    ? t('channels.fields.credentialsKeepHint', { time: formatDateTime(channel.credentialsUpdatedAt) })
    : null;

  const onFinish = async (values: LineChannelFormValues) => {
    errors.clear();
    try {
      if (channel) {
        await update({ variables: { input: toUpdateChannelInput(channel.id, values) } });
        void message.success(t('common.saved'));
      } else {
        const result = await create({ variables: { input: toCreateChannelInput(values) } });
        void message.success(t('common.created'));
        if (result.data) onCreated?.(result.data.createLineChannel.channel);
      }
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };

  const requiredCredential = (field: string) =>
    channel ? [] : [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <FormModal
      title={channel ? t('channels.editTitle', { name: channel.name }) : t('channels.createTitle')}
      formName="line-channel-form"
      submitText={channel ? t('common.save') : t('common.create')}
      submitting={creating || updating}
      onCancel={onClose}
      width={680}
    >
      <Form<LineChannelFormValues>
        form={form}
        name="line-channel-form"
        layout="vertical"
        initialValues={channelFormInitialValues(channel)}
        onFinish={(values) => {
          void onFinish(values);
        }}
      >
        {errors.alert}
        <Form.Item
          name="name"
          label={t('channels.fields.name')}
          extra={t('channels.fields.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('channels.fields.name') }) }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="purpose" label={t('channels.fields.purpose')} extra={t('channels.fields.purposeHint')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={PURPOSES.map((purpose) => ({ value: purpose, label: t(`channels.purpose.${purpose}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="messagingChannelId"
          label={t('channels.fields.messagingChannelId')}
          extra={t('channels.fields.messagingChannelIdHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('channels.fields.messagingChannelId') }) }]}
        >
          <Input autoComplete="off" spellCheck={false} inputMode="numeric" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="channelSecret"
          label={t('channels.fields.channelSecret')}
          extra={credentialsKept ?? t('channels.fields.credentialsHint')}
          rules={requiredCredential(t('channels.fields.channelSecret'))}
        >
          <Input.Password autoComplete="new-password" spellCheck={false} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="channelAccessToken"
          label={t('channels.fields.channelAccessToken')}
          extra={credentialsKept ?? t('channels.fields.credentialsHint')}
          rules={requiredCredential(t('channels.fields.channelAccessToken'))}
        >
          <Input.Password autoComplete="new-password" spellCheck={false} maxLength={1000} />
        </Form.Item>
        <Form.Item name="loginChannelId" label={t('channels.fields.loginChannelId')} extra={t('channels.fields.loginChannelIdHint')}>
          <Input autoComplete="off" spellCheck={false} inputMode="numeric" maxLength={20} />
        </Form.Item>
        <Form.Item name="liffIds" label={t('channels.fields.liffIds')} extra={t('channels.fields.liffIdsHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="greetingText" label={t('channels.fields.greetingText')} extra={t('channels.fields.greetingTextHint')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        {channel ? (
          <Form.Item name="isActive" valuePropName="checked" label={t('channels.fields.isActive')}>
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </FormModal>
  );
}
