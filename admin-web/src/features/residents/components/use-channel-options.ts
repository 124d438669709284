import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { ResidentChannelsDocument } from '../../../gql/graphql';

/** The channels as select options ("〇〇市公式（本番）"); null when the viewer may not list channels. */
export function useChannelOptions(): { value: string; label: string }[] | null {
  const { t } = useTranslation();
  const can = useCan();
  const canReadChannels = can('channels.read');
  const { data } = useQuery(ResidentChannelsDocument, { skip: !canReadChannels });
  if (!canReadChannels) return null;
  return (data?.lineChannels ?? []).map((channel) => ({
    value: channel.id,
    label: `${channel.name}（${t(`channels.purpose.${channel.purpose}`)}）`,
  }));
}
