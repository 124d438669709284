import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { Readable } from 'node:stream';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { streamPagedCsv } from '../../platform/csv/paged-csv.js';
import { rawQuery } from '../../platform/db/raw.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import { LineApiError, type LineGateway } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { LineChannel } from '../channels/line-channel.entity.js';
import type { LineChannelService } from '../channels/line-channel.service.js';
import { FollowStatus, Resident } from './resident.entity.js';
import { FollowEventKind, ResidentFollowEvent } from './resident-follow-event.entity.js';
import { TalkDirection, TalkLogEntry } from './talk-log-entry.entity.js';
import { nameTokens, queryTokens } from './name-tokens.js';
import { ResidentNameToken } from './resident-name-token.entity.js';
import type { Keyring } from '../../platform/crypto/keyring.js';

/** The parts of a LINE webhook event the residents feature reads. */
export interface LineEvent {
  type: string;
  timestamp: number;
  webhookEventId: string;
  replyToken?: string;
  source?: { type: string; userId?: string };
  message?: {
    type: string;
    id?: string;
    text?: string;
    packageId?: string;
    stickerId?: string;
    latitude?: number;
    longitude?: number;
    fileName?: string;
  };
  postback?: { data: string };
}

export interface ResidentFilter {
  /** Part of the display name (matched through the blind index). */
  search?: string | null;
  channelId?: string | null;
  followStatus?: FollowStatus | null;
  isTestRecipient?: boolean | null;
  tag?: string | null;
}

const TAG = /^[^\s,]{1,30}$/u;

/** A short, address-free description of an incoming message for the talk log (NFR-25, issue: no addresses). */
export function describeIncoming(event: LineEvent): { messageType: string; content: string } {
  if (event.type === 'postback') return { messageType: 'postback', content: `[ポストバック] ${event.postback?.data ?? ''}` };
  const m = event.message;
  switch (m?.type) {
    case 'text':
      return { messageType: 'text', content: m.text ?? '' };
    case 'image':
      return { messageType: 'image', content: '[画像]' };
    case 'video':
      return { messageType: 'video', content: '[動画]' };
    case 'audio':
      return { messageType: 'audio', content: '[音声]' };
    case 'file':
      return { messageType: 'file', content: `[ファイル] ${m.fileName ?? ''}`.trim() };
    case 'sticker':
      return { messageType: 'sticker', content: `[スタンプ ${m.packageId ?? '?'}/${m.stickerId ?? '?'}]` };
    case 'location':
      // Coordinates only: the address LINE sends is deliberately not kept.
      return { messageType: 'location', content: `[位置情報 ${m.latitude ?? '?'}, ${m.longitude ?? '?'}]` };
    default:
      return { messageType: m?.type ?? event.type, content: `[${m?.type ?? event.type}]` };
  }
}

/** Residents: every LINE friend of a channel, their follow state, profile and talk log. */
export class ResidentService {
  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  private systemEm() {
    return this.orm.em.fork();
  }

  /** The resident of a LINE user, created if new; safe when two events of a new user race. */
  private async findOrCreate(em: ReturnType<MikroORM['em']['fork']>, channel: LineChannel, userId: string): Promise<Resident> {
    const existing = await em.findOne(Resident, { channel, lineUserIdHash: userId });
    if (existing) return existing;
    await em.execute(
      `insert into resident (id, channel_id, line_user_id_hash, line_user_id, language, follow_status, is_test_recipient, tags)
       values (?, ?, ?, ?, 'ja', 'UNKNOWN', false, '{}') on conflict (channel_id, line_user_id_hash) do nothing`,
      [randomUUID(), channel.id, this.keyring.hash(userId), this.keyring.encrypt(userId)],
    );
    return em.findOneOrFail(Resident, { channel, lineUserIdHash: userId });
  }

  /**
   * Records a follow or unfollow: the resident's state and one history entry per webhook event
   * (processing the same event again changes nothing).
   */
  private async recordFollow(channel: LineChannel, userId: string, event: LineEvent, kind: FollowEventKind): Promise<Resident> {
    const occurredAt = new Date(event.timestamp);
    return this.systemEm().transactional(async (tx) => {
      const r = await this.findOrCreate(tx, channel, userId);
      if (kind === FollowEventKind.FOLLOW) {
        r.followStatus = FollowStatus.FOLLOWING;
        r.followedAt = occurredAt;
      } else {
        r.followStatus = FollowStatus.BLOCKED;
        r.unfollowedAt = occurredAt;
      }
      await tx.flush();
      await tx.execute(
        `insert into resident_follow_event (resident_id, kind, occurred_at, source_event_id) values (?, ?, ?, ?) on conflict (source_event_id) do nothing`,
        [r.id, kind, occurredAt, event.webhookEventId],
      );
      return r;
    });
  }

  /** follow: create or reactivate the resident, refresh the profile, greet with the reply token. */
  async onFollow(channel: LineChannel, event: LineEvent): Promise<void> {
    const userId = event.source?.userId;
    if (!userId) return;
    const resident = await this.recordFollow(channel, userId, event, FollowEventKind.FOLLOW);
    // Greet first: the reply token expires within a minute. The profile is best-effort here (the
    // daily refresh catches up), so a slow LINE does not hold up the events behind this one.
    if (event.replyToken) await this.greet(channel, resident.id, event);
    await this.refreshProfileFor(channel, resident.id, userId, { retry: false });
  }

  private async greet(channel: LineChannel, residentId: string, event: LineEvent): Promise<void> {
    try {
      await this.gateway.reply(this.channels.credentialsOf(channel), event.replyToken!, [{ type: 'text', text: channel.greetingText }]);
    } catch (err) {
      // A reply token works once and briefly; a failed greeting is logged, not retried.
      this.logger.warn(
        { channel: channel.id, kind: err instanceof LineApiError ? err.kind : 'unknown' },
        'follow greeting was not delivered',
      );
      return;
    }
    await this.logTalk(
      residentId,
      TalkDirection.OUTGOING,
      'text',
      channel.greetingText,
      'greeting',
      new Date(),
      `${event.webhookEventId}:greeting`,
    );
  }

  async onUnfollow(channel: LineChannel, event: LineEvent): Promise<void> {
    const userId = event.source?.userId;
    if (userId) await this.recordFollow(channel, userId, event, FollowEventKind.UNFOLLOW);
  }

  /** message and postback: keep them in the talk log (ADM-17). */
  async onIncoming(channel: LineChannel, event: LineEvent): Promise<void> {
    await this.onIncomingBatch(channel, [event]);
  }

  /**
   * Many messages and postbacks of one channel (in the order LINE sent them), in one statement:
   * create or reactivate each sender's resident (only friends can talk to the account, so a message
   * means they follow it) and log each message once per webhook event. Every resident message
   * passes here, so it is the hot path of webhook processing.
   */
  async onIncomingBatch(channel: LineChannel, events: LineEvent[]): Promise<void> {
    const rows = events.flatMap((event) => {
      const userId = event.source?.userId;
      if (!userId || event.source?.type !== 'user') return []; // group and room talk is not 1:1
      const { messageType, content } = describeIncoming(event);
      return [{ userId, messageType: messageType.slice(0, 20), content, event }];
    });
    if (rows.length === 0) return;
    const senders = new Map<string, string>(); // keyed hash → encrypted LINE user id
    const hashes = rows.map(({ userId }) => {
      const hash = this.keyring.hash(userId);
      if (!senders.has(hash)) senders.set(hash, this.keyring.encrypt(userId));
      return hash;
    });
    await rawQuery(
      this.orm,
      `with senders as (
         select * from unnest(?::uuid[], ?::text[], ?::text[]) as s(id, line_user_id_hash, line_user_id)),
       upserted as (
         insert into resident (id, channel_id, line_user_id_hash, line_user_id, language, follow_status, is_test_recipient, tags)
         select s.id, ?, s.line_user_id_hash, s.line_user_id, 'ja', 'FOLLOWING', false, '{}' from senders s
         on conflict (channel_id, line_user_id_hash) do update set follow_status = 'FOLLOWING', updated_at = now()
           where resident.follow_status <> 'FOLLOWING'
         returning id, line_user_id_hash),
       target as (
         select id, line_user_id_hash from upserted
         union select r.id, r.line_user_id_hash from resident r
                 where r.channel_id = ? and r.line_user_id_hash in (select line_user_id_hash from senders))
       insert into talk_log_entry (resident_id, direction, message_type, content, origin, occurred_at, source_event_id)
       select t.id, 'INCOMING', m.message_type, m.content, null, m.occurred_at, m.source_event_id
         from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::int[])
              as m(line_user_id_hash, message_type, content, occurred_at, source_event_id, ord)
         join target t on t.line_user_id_hash = m.line_user_id_hash
        order by m.ord
       on conflict (source_event_id) do nothing`,
      [
        [...senders.keys()].map(() => randomUUID()),
        [...senders.keys()],
        [...senders.values()],
        channel.id,
        channel.id,
        hashes,
        rows.map((r) => r.messageType),
        rows.map((r) => this.keyring.encrypt(r.content)),
        rows.map((r) => new Date(r.event.timestamp)),
        rows.map((r) => r.event.webhookEventId),
        rows.map((_, i) => i),
      ],
    );
  }

  private async logTalk(
    residentId: string,
    direction: TalkDirection,
    messageType: string,
    content: string,
    origin: string | null,
    occurredAt: Date,
    sourceEventId: string,
  ): Promise<void> {
    const em = this.systemEm();
    // Encrypt through the entity type; the unique source id makes reprocessing harmless.
    const exists = await em.count(TalkLogEntry, { sourceEventId });
    if (exists) return;
    em.persist(
      em.create(TalkLogEntry, {
        resident: em.getReference(Resident, residentId),
        direction,
        messageType,
        content,
        origin,
        occurredAt,
        sourceEventId,
      }),
    );
    await em.flush();
  }

  private async refreshProfileFor(
    channel: LineChannel,
    residentId: string,
    userId: string,
    options: { retry?: boolean } = {},
  ): Promise<void> {
    try {
      const profile = await this.gateway.profile(this.channels.credentialsOf(channel), userId, options);
      const em = this.systemEm();
      const r = await em.findOneOrFail(Resident, { id: residentId });
      r.displayName = profile.displayName;
      r.pictureUrl = profile.pictureUrl ?? null;
      if (profile.language) r.language = profile.language;
      r.profileRefreshedAt = new Date();
      await em.flush();
      await this.indexName(residentId, profile.displayName);
    } catch (err) {
      this.logger.warn(
        { channel: channel.id, kind: err instanceof LineApiError ? err.kind : 'unknown' },
        'could not refresh a resident profile',
      );
    }
  }

  /** Rewrites the resident's blind-index tokens for their current display name. */
  private async indexName(residentId: string, displayName: string | null | undefined): Promise<void> {
    const hashes = displayName ? nameTokens(displayName).map((t) => this.keyring.hash(`resident-name:${t}`)) : [];
    await this.systemEm().transactional(async (tx) => {
      await tx.execute('delete from resident_name_token where resident_id = ?', [residentId]);
      if (hashes.length) {
        await tx.execute(
          `insert into resident_name_token (resident_id, token_hash) values ${hashes.map(() => '(?, ?)').join(', ')}`,
          hashes.flatMap((h) => [residentId, h]),
        );
      }
    });
  }

  /** Fetches the LINE profile again (staff action and the daily job). */
  async refreshProfile(ctx: ServiceContext, id: string): Promise<Resident> {
    requirePermission(ctx.actor, 'residents.write');
    const resident = await ctx.em.findOne(Resident, { id }, { populate: ['channel'] });
    if (!resident?.channel) throw notFound('住民');
    await this.refreshProfileFor(resident.channel, resident.id, resident.lineUserId);
    await this.audit.recordStandalone(ctx, {
      action: 'residents.refreshProfile',
      targetType: 'Resident',
      targetId: id,
      departmentId: null,
    });
    return this.orm.em.fork().findOneOrFail(Resident, { id });
  }

  /** Refreshes the profiles of following residents not refreshed for a week, oldest first. */
  async refreshStaleProfiles(limit = 200): Promise<number> {
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const stale = await this.systemEm().find(
      Resident,
      {
        followStatus: FollowStatus.FOLLOWING,
        channel: { $ne: null },
        $or: [{ profileRefreshedAt: null }, { profileRefreshedAt: { $lt: weekAgo } }],
      },
      { populate: ['channel'], orderBy: { profileRefreshedAt: 'asc' }, limit },
    );
    for (const r of stale) await this.refreshProfileFor(r.channel!, r.id, r.lineUserId);
    return stale.length;
  }

  // --- staff side -------------------------------------------------------------------------------

  list(ctx: ServiceContext, filter: ResidentFilter, args: ConnectionArgs): Promise<Page<Resident>> {
    requirePermission(ctx.actor, 'residents.read');
    // Finding someone by name reveals their name: it needs the personal-data permission too.
    if (filter.search) requirePermission(ctx.actor, 'residents.read_personal');
    const where: Record<string, unknown> = {};
    if (filter.channelId) where['channel'] = filter.channelId;
    if (filter.followStatus) where['followStatus'] = filter.followStatus;
    if (filter.isTestRecipient !== undefined && filter.isTestRecipient !== null) where['isTestRecipient'] = filter.isTestRecipient;
    if (filter.tag) where['tags'] = { $contains: [filter.tag] };
    const tokens = filter.search ? queryTokens(filter.search).map((t) => this.keyring.hash(`resident-name:${t}`)) : [];
    if (filter.search && tokens.length) {
      // Every token of the query must be among the resident's name tokens.
      where['id'] = {
        $in: ctx.em
          .createQueryBuilder(ResidentNameToken, 't')
          .select('t.resident_id')
          .where({ tokenHash: { $in: tokens } })
          .groupBy('t.resident_id')
          .having('count(distinct t.token_hash) = ?', [tokens.length])
          .getKnexQuery(),
      };
    }
    return paginate(ctx.em, Resident, where as FilterQuery<Resident>, args, { createdAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Resident> {
    requirePermission(ctx.actor, 'residents.read');
    const resident = await ctx.em.findOne(Resident, { id });
    if (!resident) throw notFound('住民');
    return resident;
  }

  followHistory(ctx: ServiceContext, residentId: string): Promise<ResidentFollowEvent[]> {
    requirePermission(ctx.actor, 'residents.read');
    return ctx.em.find(ResidentFollowEvent, { resident: residentId }, { orderBy: { occurredAt: 'desc' }, limit: 100 });
  }

  talkLog(ctx: ServiceContext, residentId: string, args: ConnectionArgs): Promise<Page<TalkLogEntry>> {
    requirePermission(ctx.actor, 'talklog.read');
    return paginate(ctx.em, TalkLogEntry, { resident: residentId }, args, { occurredAt: 'desc', id: 'desc' });
  }

  async update(ctx: ServiceContext, input: { id: string; isTestRecipient?: boolean | null; tags?: string[] | null }): Promise<Resident> {
    requirePermission(ctx.actor, 'residents.write');
    const tags = input.tags?.map((t) => t.normalize('NFKC').trim()).filter(Boolean);
    if (tags && (tags.length > 20 || tags.some((t) => !TAG.test(t))))
      throw badInput({ tags: 'タグは空白・カンマを含まない30文字以内で、20個までです。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const resident = await tx.em.findOne(Resident, { id: input.id });
        if (!resident) throw notFound('住民');
        const changes: Record<string, unknown> = {};
        if (input.isTestRecipient !== undefined && input.isTestRecipient !== null && input.isTestRecipient !== resident.isTestRecipient) {
          changes['isTestRecipient'] = { from: resident.isTestRecipient, to: input.isTestRecipient };
          resident.isTestRecipient = input.isTestRecipient;
        }
        if (tags) {
          const next = [...new Set(tags)];
          changes['tags'] = { from: resident.tags, to: next };
          resident.tags = next;
        }
        await this.audit.record(tx, {
          action: 'residents.update',
          targetType: 'Resident',
          targetId: resident.id,
          summary: changes,
          departmentId: null,
        });
        return resident;
      },
      this.logger,
    );
  }

  /** Talk log as CSV (ADM-17: the talk history belongs to the city); the export is audited. */
  async exportTalkLog(ctx: ServiceContext, filter: { from?: Date | null; to?: Date | null; channelId?: string | null }): Promise<Readable> {
    requirePermission(ctx.actor, 'talklog.export');
    await this.audit.recordStandalone(ctx, {
      action: 'talklog.export',
      summary: { from: filter.from, to: filter.to, channelId: filter.channelId },
      departmentId: null,
    });
    const where: Record<string, unknown> = {};
    const range: Record<string, Date> = {};
    if (filter.from) range['$gte'] = filter.from;
    if (filter.to) range['$lt'] = filter.to;
    if (Object.keys(range).length) where['occurredAt'] = range;
    if (filter.channelId) where['resident'] = { channel: filter.channelId };
    const em = ctx.em.fork({ clear: true });
    return streamPagedCsv<TalkLogEntry>({
      columns: [
        { key: 'occurredAt', header: '日時' },
        { key: 'residentId', header: '住民ID' },
        { key: 'direction', header: '方向' },
        { key: 'messageType', header: '種類' },
        { key: 'content', header: '内容' },
        { key: 'origin', header: '送信元機能' },
      ],
      pageSize: 1000,
      nextPage: (last) => {
        em.clear();
        return em.find(TalkLogEntry, last ? { $and: [where, { id: { $gt: last.id } }] } : where, {
          orderBy: { id: 'asc' },
          limit: 1000,
        });
      },
      toRow: (e) => ({
        occurredAt: e.occurredAt.toISOString(),
        residentId: e.resident.id,
        direction: e.direction === TalkDirection.INCOMING ? '受信' : '送信',
        messageType: e.messageType,
        content: e.content ?? '',
        origin: e.origin ?? '',
      }),
      logger: this.logger,
      what: 'talk log',
    });
  }
}
