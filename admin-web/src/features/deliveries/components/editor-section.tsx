import { Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryChannelsQuery } from '../../../gql/graphql';
import { Field, describedBy } from './field';

/** One part of an editor page (基本情報, 配信先 …), named by its heading. */
export function EditorSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} style={{ marginBottom: 28 }}>
      <Typography.Title level={2} id={id} style={{ fontSize: 18, marginBottom: 12 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

export interface ChannelFieldProps {
  id: string;
  channels: DeliveryChannelsQuery['lineChannels'];
  /** The chosen channel; null: the department's default. */
  channelId: string | null;
  loading: boolean;
  disabled?: boolean;
  errors: readonly string[];
  onChange: (channelId: string) => void;
}

/** The LINE channel a delivery or step plan sends from: the active ones, and the chosen one even when it is no longer active. */
export function ChannelField({ id, channels, channelId, loading, disabled, errors, onChange }: ChannelFieldProps) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('deliveries.editor.channel')} hint={t('deliveries.editor.channelHint')} errors={errors}>
      <Select<string>
        {...describedBy(id, errors, true)}
        value={channelId ?? undefined}
        disabled={disabled}
        placeholder={t('deliveries.editor.channelDefault')}
        loading={loading}
        style={{ maxWidth: 420 }}
        options={channels
          .filter((c) => c.isActive || c.id === channelId)
          .map((c) => ({
            value: c.id,
            label: t('deliveries.editor.channelOption', { name: c.name, purpose: t(`deliveries.purposes.${c.purpose}`) }),
          }))}
        onChange={onChange}
      />
    </Field>
  );
}
