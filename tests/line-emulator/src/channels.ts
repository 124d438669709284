import { z } from 'zod';
import { newChannelAccessToken, newChannelId, newChannelSecret, newUserId } from './ids.js';

/** A bot channel hosted by the emulator (a LINE official account's Messaging API channel). */
export interface Channel {
  channelId: string;
  channelSecret: string;
  /** Any of these authenticates Messaging API calls (`Authorization: Bearer <token>`). */
  accessTokens: string[];
  botUserId: string;
  basicId: string;
  displayName: string;
  pictureUrl?: string;
  chatMode: 'chat' | 'bot';
  markAsReadMode: 'auto' | 'manual';
  webhookUrl: string | null;
  webhookActive: boolean;
  /** LINE's "Webhook redelivery" console setting: retry failed webhooks with isRedelivery: true. */
  webhookRedelivery: boolean;
  /** The LINE Login channel whose id is the `aud` of ID tokens for this account's LIFF apps. */
  loginChannelId: string;
  /** Monthly message limit ("target limit"); null means none is set. */
  monthlyMessageLimit: number | null;
}

/** Control API body for creating a channel: everything optional, the rest is generated. */
export const createChannelInput = z.object({
  channelId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  channelSecret: z.string().min(1).optional(),
  accessToken: z.string().min(1).optional(),
  botUserId: z
    .string()
    .regex(/^U[0-9a-f]{32}$/)
    .optional(),
  basicId: z.string().min(1).optional(),
  displayName: z.string().min(1).optional(),
  pictureUrl: z.url().optional(),
  chatMode: z.enum(['chat', 'bot']).optional(),
  webhookUrl: z.string().url().nullable().optional(),
  webhookActive: z.boolean().optional(),
  webhookRedelivery: z.boolean().optional(),
  loginChannelId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  monthlyMessageLimit: z.number().int().min(0).nullable().optional(),
});

export const updateChannelInput = createChannelInput.omit({ channelId: true, accessToken: true }).extend({
  accessTokens: z.array(z.string().min(1)).min(1).optional(),
});

export function buildChannel(input: z.infer<typeof createChannelInput>): Channel {
  const channelId = input.channelId ?? newChannelId();
  const chatMode = input.chatMode ?? 'bot';
  return {
    channelId,
    channelSecret: input.channelSecret ?? newChannelSecret(),
    accessTokens: [input.accessToken ?? newChannelAccessToken()],
    botUserId: input.botUserId ?? newUserId(),
    basicId: input.basicId ?? `@${channelId.slice(-6)}emu`,
    displayName: input.displayName ?? `エミュレータ公式アカウント ${channelId}`,
    ...(input.pictureUrl ? { pictureUrl: input.pictureUrl } : {}),
    chatMode,
    // LINE: with chat off ("bot") messages are read automatically.
    markAsReadMode: chatMode === 'bot' ? 'auto' : 'manual',
    webhookUrl: input.webhookUrl ?? null,
    webhookActive: input.webhookActive ?? (input.webhookUrl !== undefined && input.webhookUrl !== null),
    webhookRedelivery: input.webhookRedelivery ?? true,
    loginChannelId: input.loginChannelId ?? String(Number(channelId) + 1),
    monthlyMessageLimit: input.monthlyMessageLimit ?? null,
  };
}
