import type { CreateLineChannelInput, LineChannelFieldsFragment, LineChannelPurpose, UpdateLineChannelInput } from '../../../gql/graphql';

/** What the channel form holds. Credentials start empty: the API never returns them. */
export interface LineChannelFormValues {
  name: string;
  purpose: LineChannelPurpose;
  messagingChannelId: string;
  channelSecret?: string;
  channelAccessToken?: string;
  loginChannelId?: string;
  liffIds?: string[];
  greetingText?: string;
  isActive?: boolean;
}

function trimmed(value: string | undefined): string {
  return (value ?? '').trim();
}

export function channelFormInitialValues(channel: LineChannelFieldsFragment | null): Partial<LineChannelFormValues> {
  if (!channel) return { purpose: 'TRAINING', liffIds: [], isActive: true };
  return {
    name: channel.name,
    purpose: channel.purpose,
    messagingChannelId: channel.messagingChannelId,
    loginChannelId: channel.loginChannelId ?? '',
    liffIds: channel.liffIds,
    greetingText: channel.greetingText,
    isActive: channel.isActive,
  };
}

function liffIdsOf(values: LineChannelFormValues): string[] {
  return [...new Set((values.liffIds ?? []).map((id) => id.trim()).filter(Boolean))];
}

export function toCreateChannelInput(values: LineChannelFormValues): CreateLineChannelInput {
  const input: CreateLineChannelInput = {
    name: trimmed(values.name),
    purpose: values.purpose,
    messagingChannelId: trimmed(values.messagingChannelId),
    channelSecret: trimmed(values.channelSecret),
    channelAccessToken: trimmed(values.channelAccessToken),
    liffIds: liffIdsOf(values),
  };
  const loginChannelId = trimmed(values.loginChannelId);
  if (loginChannelId) input.loginChannelId = loginChannelId;
  // Empty: the server's default greeting.
  if (values.greetingText?.trim()) input.greetingText = values.greetingText;
  return input;
}

/** Only a typed secret or token replaces the stored one; blank keeps it. */
export function toUpdateChannelInput(id: string, values: LineChannelFormValues): UpdateLineChannelInput {
  const input: UpdateLineChannelInput = {
    id,
    name: trimmed(values.name),
    purpose: values.purpose,
    messagingChannelId: trimmed(values.messagingChannelId),
    loginChannelId: trimmed(values.loginChannelId),
    liffIds: liffIdsOf(values),
    isActive: values.isActive ?? true,
  };
  const secret = trimmed(values.channelSecret);
  const token = trimmed(values.channelAccessToken);
  if (secret) input.channelSecret = secret;
  if (token) input.channelAccessToken = token;
  if (values.greetingText?.trim()) input.greetingText = values.greetingText;
  return input;
}
