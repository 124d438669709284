import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Channel } from './channels.js';
import type { RichMenuRequest } from './schemas/richmenus.js';

// Everything the emulator knows, as one JSON-serialisable object so that `npm start` can keep it
// across restarts (EMULATOR_STATE_FILE). Binary data (images) is kept as base64.

export type DeliveryKind = 'reply' | 'push' | 'multicast' | 'narrowcast' | 'broadcast';

/** One bubble of a friend's chat with the account, in either direction. */
export interface ChatEntry {
  /** LINE message id (for messages the friend sent, the id the webhook carried). */
  id: string;
  direction: 'received' | 'sent';
  at: number;
  /** Received: the message object the bot sent. Sent: the webhook message/postback content. */
  message: Record<string, unknown>;
  /** For received messages: how and in which request the bot sent it. */
  delivery?: {
    kind: DeliveryKind;
    requestId: string;
    notificationDisabled: boolean;
    customAggregationUnit?: string;
  };
  /** Set when the friend looked at the message (impression, for insight). */
  readAt?: number;
  /** URLs the friend opened from this message (clicks, for insight). */
  clicks?: { url: string; at: number }[];
}

export interface Demographics {
  gender?: 'male' | 'female';
  age?: number;
  /** Prefecture code as LINE's area filter spells it, e.g. "jp_13" for Tokyo. */
  area?: string;
  appType?: 'ios' | 'android';
}

export interface Friend {
  userId: string;
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language: string;
  /** LINE has no "unfollow" distinct from blocking: both send an unfollow event. */
  status: 'following' | 'blocked';
  demographics: Demographics;
  followHistory: { type: 'follow' | 'unfollow'; at: number }[];
  /** Per-user rich menu link (Messaging API); null falls back to the default rich menu. */
  linkedRichMenuId: string | null;
  /** Menu shown after the friend tapped a richmenuswitch action (client-side in LINE). */
  switchedRichMenuId: string | null;
  chat: ChatEntry[];
}

export interface StoredRichMenu {
  richMenuId: string;
  menu: RichMenuRequest;
  createdAt: number;
  image?: { contentType: string; base64: string; width: number; height: number };
}

export interface NarrowcastProgress {
  phase: 'waiting' | 'sending' | 'succeeded' | 'failed';
  acceptedTime: string;
  completedTime?: string;
  successCount?: number;
  failureCount?: number;
  targetCount?: number;
  failedDescription?: string;
  errorCode?: number;
}

/** An accepted sending request (push, multicast, narrowcast, broadcast; reply too, for the record). */
export interface SentRequest {
  requestId: string;
  kind: DeliveryKind;
  at: number;
  recipients: string[];
  messageCount: number;
  customAggregationUnit?: string;
  narrowcast?: NarrowcastProgress;
}

export interface AcceptedRetryKey {
  requestId: string;
  acceptedAt: number;
  sentMessages?: { id: string; quoteToken?: string }[];
}

export interface WebhookAttempt {
  webhookEventId: string;
  eventType: string;
  userId?: string;
  attempt: number;
  isRedelivery: boolean;
  at: number;
  /** HTTP status, or what went wrong: no URL / inactive (skipped), timeout, network error. */
  outcome: number | 'skipped' | 'timeout' | 'network-error';
}

export interface ChannelState {
  channel: Channel;
  friends: Record<string, Friend>;
  richMenus: Record<string, StoredRichMenu>;
  richMenuAliases: Record<string, string>;
  defaultRichMenuId: string | null;
  retryKeys: Record<string, AcceptedRetryKey>;
  sentRequests: Record<string, SentRequest>;
  /** Content of images friends sent, by message id. */
  contents: Record<string, { contentType: string; base64: string }>;
  /** Messages counted against the monthly limit, by Tokyo month "YYYY-MM". */
  quotaUsage: Record<string, number>;
  webhookAttempts: WebhookAttempt[];
}

export interface EmulatorState {
  channels: Record<string, ChannelState>;
  /** ES256 key pair that signs LINE Login ID tokens (kept so tokens survive a restart). */
  loginSigningKey: { kid: string; privateJwk: Record<string, unknown>; publicJwk: Record<string, unknown> } | null;
}

const MAX_WEBHOOK_ATTEMPTS_KEPT = 1000;
const RETRY_KEY_LIFETIME_MS = 24 * 3_600_000;
const RETRY_KEY_PRUNE_EVERY_MS = 60_000;

export interface ChangeNotice {
  channelId: string;
  userId?: string;
}

function emptyState(): EmulatorState {
  return { channels: {}, loginSigningKey: null };
}

export function emptyChannelState(channel: Channel): ChannelState {
  return {
    channel,
    friends: {},
    richMenus: {},
    richMenuAliases: {},
    defaultRichMenuId: null,
    retryKeys: {},
    sentRequests: {},
    contents: {},
    quotaUsage: {},
    webhookAttempts: [],
  };
}

/** Year-month in Asia/Tokyo, the time zone LINE's monthly quota and insight dates use. */
export function tokyoMonth(at: number): string {
  return tokyoDate(at).slice(0, 7);
}

/** "YYYY-MM-DD" in Asia/Tokyo. */
export function tokyoDate(at: number): string {
  return new Date(at + 9 * 3_600_000).toISOString().slice(0, 10);
}

export class EmulatorStore extends EventEmitter<{ change: [ChangeNotice] }> {
  state: EmulatorState;
  private persistTimer: NodeJS.Timeout | undefined;
  /** When each channel's expired retry keys were last forgotten. */
  private readonly retryKeysPrunedAt = new WeakMap<ChannelState, number>();

  constructor(private readonly stateFile?: string) {
    super();
    this.setMaxListeners(100);
    this.state = stateFile && existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as EmulatorState) : emptyState();
  }

  channels(): ChannelState[] {
    return Object.values(this.state.channels);
  }

  channel(channelId: string): ChannelState | undefined {
    return this.state.channels[channelId];
  }

  channelByAccessToken(token: string): ChannelState | undefined {
    return this.channels().find((candidate) => candidate.channel.accessTokens.includes(token));
  }

  addChannel(channel: Channel): ChannelState {
    const channelState = emptyChannelState(channel);
    this.state.channels[channel.channelId] = channelState;
    this.changed({ channelId: channel.channelId });
    return channelState;
  }

  /** An accepted retry key younger than 24 hours, if any (LINE keeps them for 24 hours). */
  acceptedRetryKey(channelState: ChannelState, key: string, now = Date.now()): AcceptedRetryKey | undefined {
    const accepted = channelState.retryKeys[key.toLowerCase()];
    if (accepted && now - accepted.acceptedAt < RETRY_KEY_LIFETIME_MS) return accepted;
    return undefined;
  }

  acceptRetryKey(channelState: ChannelState, key: string, accepted: AcceptedRetryKey): void {
    const now = accepted.acceptedAt;
    // Expired keys are forgotten at most once a minute (acceptedRetryKey ignores them anyway):
    // looking through every key on every request cost more with each key a run had sent.
    if (now - (this.retryKeysPrunedAt.get(channelState) ?? 0) >= RETRY_KEY_PRUNE_EVERY_MS) {
      this.retryKeysPrunedAt.set(channelState, now);
      for (const [existing, record] of Object.entries(channelState.retryKeys))
        if (now - record.acceptedAt >= RETRY_KEY_LIFETIME_MS) delete channelState.retryKeys[existing];
    }
    channelState.retryKeys[key.toLowerCase()] = accepted;
  }

  recordWebhookAttempt(channelState: ChannelState, attempt: WebhookAttempt): void {
    channelState.webhookAttempts.push(attempt);
    if (channelState.webhookAttempts.length > MAX_WEBHOOK_ATTEMPTS_KEPT)
      channelState.webhookAttempts.splice(0, channelState.webhookAttempts.length - MAX_WEBHOOK_ATTEMPTS_KEPT);
    this.changed({ channelId: channelState.channel.channelId, ...(attempt.userId ? { userId: attempt.userId } : {}) });
  }

  /** Announces a change (phones UI live updates) and schedules saving the state file. */
  changed(notice: ChangeNotice): void {
    this.emit('change', notice);
    if (!this.stateFile || this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persistNow();
    }, 200);
  }

  persistNow(): void {
    if (!this.stateFile) return;
    // Write then rename, so a crash mid-write never leaves a truncated state file.
    const temporary = `${this.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.stateFile);
  }

  /** Forgets everything except the login signing key. */
  reset(): void {
    this.state = { ...emptyState(), loginSigningKey: this.state.loginSigningKey };
    this.changed({ channelId: '*' });
  }

  close(): void {
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      this.persistTimer = undefined;
      this.persistNow();
    }
  }
}
