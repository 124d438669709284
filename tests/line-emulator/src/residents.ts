import { z } from 'zod';
import { newMessageId, newQuoteToken, newReplyToken, newUserId, newWebhookEventId } from './ids.js';
import { generatePng } from './images.js';
import { lineString } from './schemas/common.js';
import type { ChannelState, ChatEntry, EmulatorStore, Friend } from './store.js';
import type { WebhookEvent, WebhookSender } from './webhook-sender.js';

// Simulated residents ("friends" of a channel): what they do becomes webhook events, exactly as a
// person's LINE app would cause them, and what the bot sends them is recorded in their chat.

const SAMPLE_NAMES = [
  '山田 太郎',
  '佐藤 花子',
  '鈴木 一郎',
  '高橋 美咲',
  '田中 健太',
  '伊藤 さくら',
  '渡辺 翔',
  '中村 陽菜',
  '小林 大輔',
  '加藤 結衣',
];

export const createFriendsInput = z.object({
  count: z.number().int().min(1).max(1000).default(1),
  displayNames: z.array(z.string().min(1)).optional(),
  /** Fixed user ids (tests that need stable ids); generated otherwise. */
  userIds: z.array(z.string().regex(/^U[0-9a-f]{32}$/)).optional(),
  language: z.string().default('ja'),
  demographics: z
    .object({
      gender: z.enum(['male', 'female']).optional(),
      age: z.number().int().min(0).max(130).optional(),
      area: z
        .string()
        .regex(/^jp_\d{2}$/)
        .optional(),
      appType: z.enum(['ios', 'android']).optional(),
    })
    .optional(),
  /** false: create them as friends that existed before, without follow webhooks. */
  sendFollowEvents: z.boolean().default(true),
});

export const friendMessageInput = z.discriminatedUnion('type', [
  // Lengths as LINE counts them (UTF-16 code units), like the texts a bot sends.
  z.object({ type: z.literal('text'), text: lineString(1, 5000) }),
  z.object({
    type: z.literal('image'),
    width: z.number().int().min(1).max(2000).default(320),
    height: z.number().int().min(1).max(2000).default(240),
  }),
  z.object({
    type: z.literal('location'),
    title: z.string().default('位置情報'),
    address: z.string().min(1),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  z.object({ type: z.literal('sticker'), packageId: z.string().min(1), stickerId: z.string().min(1) }),
]);

export const friendPostbackInput = z.object({
  data: lineString(0, 300),
  /** For datetimepicker ({date|time|datetime}) and richmenuswitch ({newRichMenuAliasId, status}) actions. */
  params: z.record(z.string(), z.string()).optional(),
  /** Text the friend's chat shows (postback displayText). */
  displayText: z.string().optional(),
});

/** Reply tokens: one per event, usable once, within their lifetime (LINE: one minute). */
export class ReplyTokens {
  private readonly tokens = new Map<string, { channelId: string; userId: string; expiresAt: number }>();

  constructor(private readonly lifetimeMs: number) {}

  issue(channelId: string, userId: string): string {
    const token = newReplyToken();
    this.tokens.set(token, { channelId, userId, expiresAt: Date.now() + this.lifetimeMs });
    return token;
  }

  /** The user the token replies to, consuming it; undefined when unknown, used, expired or another channel's. */
  consume(channelId: string, token: string): string | undefined {
    const entry = this.tokens.get(token);
    if (!entry || entry.channelId !== channelId) return undefined;
    this.tokens.delete(token);
    return entry.expiresAt >= Date.now() ? entry.userId : undefined;
  }

  clear(): void {
    this.tokens.clear();
  }
}

export class FriendConflictError extends Error {}

export class Residents {
  constructor(
    private readonly store: EmulatorStore,
    private readonly webhooks: WebhookSender,
    private readonly replyTokens: ReplyTokens,
  ) {}

  create(channelState: ChannelState, input: z.infer<typeof createFriendsInput>): Friend[] {
    const existing = Object.keys(channelState.friends).length;
    const created: Friend[] = [];
    for (let i = 0; i < input.count; i++) {
      const index = existing + i;
      const now = Date.now();
      const friend: Friend = {
        userId: input.userIds?.[i] ?? newUserId(),
        displayName:
          input.displayNames?.[i] ?? SAMPLE_NAMES[index % SAMPLE_NAMES.length]! + (index >= SAMPLE_NAMES.length ? ` ${index + 1}` : ''),
        language: input.language,
        status: 'following',
        // Spread simulated residents over ages, genders and phones so narrowcast filters have something to select.
        demographics: input.demographics ?? {
          gender: index % 2 === 0 ? 'male' : 'female',
          age: 18 + ((index * 7) % 60),
          area: 'jp_13',
          appType: index % 3 === 0 ? 'android' : 'ios',
        },
        followHistory: [{ type: 'follow', at: now }],
        linkedRichMenuId: null,
        switchedRichMenuId: null,
        chat: [],
      };
      if (channelState.friends[friend.userId]) throw new FriendConflictError(`${friend.userId} already exists`);
      channelState.friends[friend.userId] = friend;
      created.push(friend);
      if (input.sendFollowEvents) this.emit(channelState, friend, { type: 'follow', follow: { isUnblocked: false } }, true);
    }
    this.store.changed({ channelId: channelState.channel.channelId });
    return created;
  }

  follow(channelState: ChannelState, friend: Friend): void {
    if (friend.status === 'following') throw new FriendConflictError('already following');
    friend.status = 'following';
    friend.switchedRichMenuId = null;
    friend.followHistory.push({ type: 'follow', at: Date.now() });
    // Coming back after blocking is reported as an unblock.
    this.emit(channelState, friend, { type: 'follow', follow: { isUnblocked: true } }, true);
  }

  /** Blocking (LINE's only way to "unfollow") sends an unfollow event, without a reply token. */
  block(channelState: ChannelState, friend: Friend): void {
    if (friend.status === 'blocked') throw new FriendConflictError('already blocked');
    friend.status = 'blocked';
    friend.followHistory.push({ type: 'unfollow', at: Date.now() });
    this.emit(channelState, friend, { type: 'unfollow' }, false);
  }

  sendMessage(channelState: ChannelState, friend: Friend, input: z.infer<typeof friendMessageInput>): ChatEntry {
    this.assertFollowing(friend);
    const id = newMessageId();
    let content: Record<string, unknown>;
    switch (input.type) {
      case 'text':
        content = { id, type: 'text', text: input.text, quoteToken: newQuoteToken() };
        break;
      case 'image': {
        const png = generatePng(input.width, input.height, [Math.floor(Math.random() * 200), 120, 200]);
        channelState.contents[id] = { contentType: 'image/png', base64: png.toString('base64') };
        content = { id, type: 'image', quoteToken: newQuoteToken(), contentProvider: { type: 'line' } };
        break;
      }
      case 'location':
        content = {
          id,
          type: 'location',
          title: input.title,
          address: input.address,
          latitude: input.latitude,
          longitude: input.longitude,
        };
        break;
      case 'sticker':
        content = {
          id,
          type: 'sticker',
          packageId: input.packageId,
          stickerId: input.stickerId,
          stickerResourceType: 'STATIC',
          keywords: [],
          quoteToken: newQuoteToken(),
        };
        break;
    }
    const entry: ChatEntry = { id, direction: 'sent', at: Date.now(), message: content };
    friend.chat.push(entry);
    this.emit(channelState, friend, { type: 'message', message: content }, true);
    return entry;
  }

  postback(channelState: ChannelState, friend: Friend, input: z.infer<typeof friendPostbackInput>): ChatEntry {
    this.assertFollowing(friend);
    const postback: Record<string, unknown> = { data: input.data, ...(input.params ? { params: input.params } : {}) };
    const entry: ChatEntry = {
      id: newMessageId(),
      direction: 'sent',
      at: Date.now(),
      message: { type: 'postback', ...postback, ...(input.displayText ? { displayText: input.displayText } : {}) },
    };
    friend.chat.push(entry);
    this.emit(channelState, friend, { type: 'postback', postback }, true);
    return entry;
  }

  private assertFollowing(friend: Friend): void {
    // A resident who blocked the account cannot talk to it.
    if (friend.status !== 'following') throw new FriendConflictError('the friend has blocked the account');
  }

  private emit(channelState: ChannelState, friend: Friend, body: Record<string, unknown>, withReplyToken: boolean): void {
    const channelId = channelState.channel.channelId;
    const now = Date.now();
    const event: WebhookEvent = {
      ...body,
      type: String(body.type),
      mode: 'active',
      timestamp: now,
      source: { type: 'user', userId: friend.userId },
      webhookEventId: newWebhookEventId(now),
      deliveryContext: { isRedelivery: false },
      ...(withReplyToken ? { replyToken: this.replyTokens.issue(channelId, friend.userId) } : {}),
    };
    this.store.changed({ channelId, userId: friend.userId });
    this.webhooks.deliver(channelId, event);
  }
}
