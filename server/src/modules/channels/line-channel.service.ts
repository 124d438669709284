import type { MikroORM } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { LineApiError, type LineChannelCredentials, type LineGateway } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { LineChannel, LineChannelPurpose } from './line-channel.entity.js';

export interface LineChannelInput {
  name?: string | null;
  purpose?: LineChannelPurpose | null;
  messagingChannelId?: string | null;
  channelSecret?: string | null;
  channelAccessToken?: string | null;
  loginChannelId?: string | null;
  liffIds?: string[] | null;
  isActive?: boolean | null;
  greetingText?: string | null;
}

const CHANNEL_ID = /^\d{6,20}$/;
const SECRET = /^[0-9a-f]{32}$/;
const LIFF_ID = /^\d{6,20}-[A-Za-z0-9]{6,16}$/;

function validate(input: LineChannelInput, creating: boolean): void {
  const fields: Record<string, string> = {};
  if (input.name !== undefined && input.name !== null && (!input.name.trim() || input.name.length > 100))
    fields['name'] = '名前は1〜100文字で入力してください。';
  if ((creating || input.messagingChannelId) && !CHANNEL_ID.test(input.messagingChannelId ?? ''))
    fields['messagingChannelId'] = 'チャネルIDは半角数字で入力してください（LINE Developersコンソールの「チャネル基本設定」）。';
  if ((creating || input.channelSecret) && !SECRET.test(input.channelSecret ?? ''))
    fields['channelSecret'] = 'チャネルシークレットは32桁の英数字（0-9, a-f）です。';
  if (
    (creating || input.channelAccessToken) &&
    (!input.channelAccessToken ||
      input.channelAccessToken.length < 20 ||
      input.channelAccessToken.length > 1000 ||
      /\s/.test(input.channelAccessToken))
  ) {
    fields['channelAccessToken'] = 'チャネルアクセストークン（長期）を空白なしで貼り付けてください。';
  }
  if (input.loginChannelId && !CHANNEL_ID.test(input.loginChannelId))
    fields['loginChannelId'] = 'LINEログインのチャネルIDは半角数字で入力してください。';
  if (input.greetingText !== undefined && input.greetingText !== null && (!input.greetingText.trim() || input.greetingText.length > 5000)) {
    fields['greetingText'] = 'あいさつメッセージは1〜5000文字で入力してください。';
  }
  if (input.liffIds?.some((id) => !LIFF_ID.test(id))) fields['liffIds'] = 'LIFF IDの形式が正しくありません（例: 1657000000-AbCdEfGh）。';
  if (Object.keys(fields).length) throw badInput(fields);
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  channel: LineChannel;
}

/** A channel as webhook processing and its handlers see it: the entity and its signing secret. */
export interface KnownChannel {
  readonly channel: LineChannel;
  readonly secret: Buffer;
}

/** How long a look-up by id is kept: every webhook call and event needs one. */
const CACHE_MS = 10_000;
/** Look-ups kept at once: webhook URLs name the id, so strangers choose keys; the cache is bounded. */
const CACHE_MAX = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The municipality's LINE channels (production and training), their credentials and connection check. */
export class LineChannelService {
  private readonly cache = new LRUCache<string, { known: KnownChannel | null }>({ max: CACHE_MAX, ttl: CACHE_MS });

  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /**
   * A channel by id (active or not), for the system's own work (webhook ingestion and processing,
   * not any actor's): cached briefly and bounded. Unknown and malformed ids are null.
   */
  async known(id: string): Promise<KnownChannel | null> {
    if (!UUID.test(id)) return null;
    const cached = this.cache.get(id);
    if (cached) return cached.known;
    const channel = await this.orm.em.fork().findOne(LineChannel, { id });
    const known = channel ? { channel, secret: Buffer.from(channel.channelSecret) } : null;
    this.cache.set(id, { known });
    return known;
  }

  /** How many look-ups the cache holds (and may hold): tests check it stays bounded. */
  cacheSize(): { size: number; max: number } {
    return { size: this.cache.size, max: this.cache.max };
  }

  list(ctx: ServiceContext): Promise<LineChannel[]> {
    requirePermission(ctx.actor, 'channels.read');
    return ctx.em.find(LineChannel, {}, { orderBy: { purpose: 'asc', name: 'asc' } });
  }

  async get(ctx: ServiceContext, id: string): Promise<LineChannel> {
    requirePermission(ctx.actor, 'channels.read');
    return this.load(ctx, id);
  }

  private async load(ctx: ServiceContext, id: string): Promise<LineChannel> {
    const channel = await ctx.em.findOne(LineChannel, { id });
    if (!channel) throw notFound('LINEチャネル');
    return channel;
  }

  async create(ctx: ServiceContext, input: LineChannelInput & { name: string; purpose: LineChannelPurpose }): Promise<LineChannel> {
    requirePermission(ctx.actor, 'channels.write');
    validate(input, true);
    return inTransaction(
      ctx,
      async (tx) => {
        if (await tx.em.findOne(LineChannel, { messagingChannelId: input.messagingChannelId! })) {
          throw badInput({ messagingChannelId: 'このチャネルIDは既に登録されています。' });
        }
        const channel = tx.em.create(LineChannel, {
          name: input.name.trim(),
          purpose: input.purpose,
          messagingChannelId: input.messagingChannelId!,
          channelSecret: input.channelSecret!,
          channelAccessToken: input.channelAccessToken!,
          credentialsUpdatedAt: new Date(),
          loginChannelId: input.loginChannelId || null,
          liffIds: input.liffIds ?? [],
          ...(input.greetingText ? { greetingText: input.greetingText } : {}),
        });
        tx.em.persist(channel);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'channels.create',
          targetType: 'LineChannel',
          targetId: channel.id,
          summary: { name: channel.name, purpose: channel.purpose, messagingChannelId: channel.messagingChannelId, credentials: 'set' },
          departmentId: null,
        });
        return channel;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, id: string, input: LineChannelInput): Promise<LineChannel> {
    requirePermission(ctx.actor, 'channels.write');
    validate(input, false);
    return inTransaction(
      ctx,
      async (tx) => {
        const channel = await tx.em.findOne(LineChannel, { id });
        if (!channel) throw notFound('LINEチャネル');
        const changed: string[] = [];
        const set = <K extends keyof LineChannel>(key: K, value: LineChannel[K] | undefined | null) => {
          if (value === undefined || value === null || value === channel[key]) return;
          channel[key] = value;
          changed.push(String(key));
        };
        set('name', input.name?.trim());
        set('purpose', input.purpose);
        set('messagingChannelId', input.messagingChannelId);
        set('isActive', input.isActive);
        set('greetingText', input.greetingText);
        if (input.loginChannelId !== undefined && (input.loginChannelId || null) !== (channel.loginChannelId ?? null)) {
          channel.loginChannelId = input.loginChannelId || null;
          changed.push('loginChannelId');
        }
        if (input.liffIds) {
          channel.liffIds = [...new Set(input.liffIds)];
          changed.push('liffIds');
        }
        if (input.channelSecret || input.channelAccessToken) {
          if (input.channelSecret) channel.channelSecret = input.channelSecret;
          if (input.channelAccessToken) channel.channelAccessToken = input.channelAccessToken;
          channel.credentialsUpdatedAt = new Date();
          channel.lastCheckOk = null;
          changed.push('credentials');
        }
        // This process sees the change at once; others within the cache's 10 s.
        tx.afterCommit(() => void this.cache.delete(id));
        // The summary names what changed, never the credential values.
        await this.audit.record(tx, {
          action: 'channels.update',
          targetType: 'LineChannel',
          targetId: channel.id,
          summary: { changed },
          departmentId: null,
        });
        return channel;
      },
      this.logger,
    );
  }

  /** Calls LINE's bot info endpoint with the stored token and records what it answered. */
  async checkConnection(ctx: ServiceContext, id: string): Promise<ConnectionCheck> {
    requirePermission(ctx.actor, 'channels.write');
    const channel = await this.load(ctx, id);
    // The LINE call happens outside any transaction; only its outcome is written.
    let ok = false;
    let message: string;
    let info: { userId: string; basicId: string; displayName: string; pictureUrl?: string } | undefined;
    try {
      info = await this.gateway.botInfo(this.credentialsOf(channel));
      ok = true;
      message = `接続できました: ${info.displayName}（${info.basicId}）`;
    } catch (err) {
      const failure = err instanceof LineApiError ? err : new LineApiError('NETWORK', null, null);
      message =
        failure.kind === 'UNAUTHORIZED'
          ? 'チャネルアクセストークンが無効です。LINE Developersコンソールで発行した長期のチャネルアクセストークンを登録し直してください。'
          : failure.kind === 'NETWORK'
            ? 'LINEプラットフォームに接続できませんでした。ネットワークを確認してください。'
            : `LINEプラットフォームがエラーを返しました（${failure.status ?? '-'}${failure.lineMessage ? `: ${failure.lineMessage}` : ''}）。`;
    }
    const saved = await inTransaction(
      ctx,
      async (tx) => {
        const fresh = await tx.em.findOneOrFail(LineChannel, { id });
        fresh.lastCheckedAt = new Date();
        fresh.lastCheckOk = ok;
        fresh.lastCheckMessage = message.slice(0, 300);
        if (info) {
          fresh.botUserId = info.userId;
          fresh.basicId = info.basicId;
          fresh.botDisplayName = info.displayName;
          fresh.botPictureUrl = info.pictureUrl ?? null;
        }
        await this.audit.record(tx, {
          action: 'channels.check',
          targetType: 'LineChannel',
          targetId: id,
          summary: { ok },
          departmentId: null,
        });
        return fresh;
      },
      this.logger,
    );
    return { ok, message, channel: saved };
  }

  /** Decrypted credentials for the gateway and the webhook; never returned through the API. */
  credentialsOf(channel: LineChannel): LineChannelCredentials & { channelSecret: string } {
    return { id: channel.id, channelAccessToken: channel.channelAccessToken, channelSecret: channel.channelSecret };
  }
}
