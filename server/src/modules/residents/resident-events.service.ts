import { randomUUID } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { unscopedRawQuery, unscopedSql } from '../../platform/db/scoped-sql.js';
import type { LineEvent } from '../../platform/line/line-event.js';
import { LineApiError, type LineGateway } from '../../platform/line/line-gateway.js';
import type { WebhookHandler } from '../../platform/line/webhook-router.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { LineChannel, LineChannelService } from '../channels/index.js';
import { FollowStatus, Resident } from './resident.entity.js';
import { FollowEventKind } from './resident-follow-event.entity.js';
import type { ResidentProfiles } from './resident-profile.service.js';
import { TalkDirection } from './talk-log-entry.entity.js';
import type { TalkLog } from './talk-log.service.js';

/**
 * Messages another feature adds after the greeting text, in the same reply (a reply token works
 * once): RES-07's link to the registration form. A failing extension only loses its own messages.
 */
export type GreetingExtension = (channel: LineChannel, residentId: string) => Promise<messagingApi.Message[]>;

/** Webhook processing is the system's work, for every channel and department. */
const SYSTEM_WORK = 'LINE webhook processing is not any actor’s and sees every resident';

/** A short, address-free description of an incoming message for the talk log (NFR-25: no addresses). */
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

/**
 * What the residents feature does with LINE's webhook events: follows and unfollows change a
 * resident's state (with the greeting and a profile look-up), messages and postbacks go to the
 * talk log. Registered with the event router through the module's manifest.
 */
export class ResidentEvents {
  private readonly greetingExtensions: GreetingExtension[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly profiles: ResidentProfiles,
    private readonly talkLog: TalkLog,
    private readonly logger: Logger,
  ) {}

  /** The router's entries for this feature, in the order they run. */
  handlers(): WebhookHandler[] {
    const incoming = (type: string): WebhookHandler => ({
      type,
      name: `residents.talkLog.${type}`,
      handle: (channelId, event) => this.onIncoming(channelId, [event]),
      handleBatch: (channelId, events) => this.onIncoming(channelId, events),
    });
    return [
      { type: 'follow', name: 'residents.follow', handle: (channelId, event) => this.onFollow(channelId, event) },
      { type: 'unfollow', name: 'residents.unfollow', handle: (channelId, event) => this.onUnfollow(channelId, event) },
      incoming('message'),
      incoming('postback'),
    ];
  }

  private async channel(channelId: string): Promise<LineChannel | null> {
    return (await this.channels.known(channelId))?.channel ?? null;
  }

  /** The resident of a LINE user, created if new; safe when two events of a new user race. */
  private async findOrCreate(em: EntityManager, channel: LineChannel, userId: string): Promise<Resident> {
    const existing = await em.findOne(Resident, { channel, lineUserIdHash: userId });
    if (existing) return existing;
    await unscopedSql(
      em,
      SYSTEM_WORK,
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
    return this.orm.em.fork().transactional(async (tx) => {
      const r = await this.findOrCreate(tx, channel, userId);
      if (kind === FollowEventKind.FOLLOW) {
        r.followStatus = FollowStatus.FOLLOWING;
        r.followedAt = occurredAt;
      } else {
        r.followStatus = FollowStatus.BLOCKED;
        r.unfollowedAt = occurredAt;
      }
      await tx.flush();
      await unscopedSql(
        tx,
        SYSTEM_WORK,
        `insert into resident_follow_event (resident_id, kind, occurred_at, source_event_id) values (?, ?, ?, ?) on conflict (source_event_id) do nothing`,
        [r.id, kind, occurredAt, event.webhookEventId],
      );
      return r;
    });
  }

  /** follow: create or reactivate the resident, greet with the reply token, refresh the profile. */
  async onFollow(channelId: string, event: LineEvent): Promise<void> {
    const userId = event.source?.userId;
    const channel = await this.channel(channelId);
    if (!userId || !channel) return;
    const resident = await this.recordFollow(channel, userId, event, FollowEventKind.FOLLOW);
    // Greet first: the reply token expires within a minute. The profile is best-effort here (the
    // daily refresh catches up), so a slow LINE does not hold up the events behind this one.
    if (event.replyToken) await this.greet(channel, resident.id, event);
    await this.profiles.refreshFromLine(channel, resident.id, userId, { retry: false });
  }

  extendGreeting(extension: GreetingExtension): void {
    this.greetingExtensions.push(extension);
  }

  private async greetingExtras(channel: LineChannel, residentId: string): Promise<messagingApi.Message[]> {
    const extras: messagingApi.Message[] = [];
    for (const extension of this.greetingExtensions) {
      try {
        extras.push(...(await extension(channel, residentId)));
      } catch (err) {
        this.logger.warn({ channel: channel.id, err }, 'a follow greeting extension failed');
      }
    }
    // LINE takes at most five messages in one reply; the greeting text is the first.
    return extras.slice(0, 4);
  }

  private async greet(channel: LineChannel, residentId: string, event: LineEvent): Promise<void> {
    const extras = await this.greetingExtras(channel, residentId);
    try {
      await this.gateway.reply(this.channels.credentialsOf(channel), event.replyToken!, [
        { type: 'text', text: channel.greetingText },
        ...extras,
      ]);
    } catch (err) {
      // A reply token works once and briefly; a failed greeting is logged, not retried.
      this.logger.warn(
        { channel: channel.id, kind: err instanceof LineApiError ? err.kind : 'unknown' },
        'follow greeting was not delivered',
      );
      return;
    }
    await this.talkLog.record({
      residentId,
      direction: TalkDirection.OUTGOING,
      messageType: 'text',
      content: channel.greetingText,
      origin: 'greeting',
      occurredAt: new Date(),
      sourceEventId: `${event.webhookEventId}:greeting`,
    });
    for (const [i, extra] of extras.entries()) {
      await this.talkLog.record({
        residentId,
        direction: TalkDirection.OUTGOING,
        messageType: extra.type,
        content: extra.type === 'text' ? extra.text : 'altText' in extra ? extra.altText : `[${extra.type}]`,
        origin: 'greeting',
        occurredAt: new Date(),
        sourceEventId: `${event.webhookEventId}:greeting:${i + 1}`,
      });
    }
  }

  async onUnfollow(channelId: string, event: LineEvent): Promise<void> {
    const userId = event.source?.userId;
    const channel = await this.channel(channelId);
    if (userId && channel) await this.recordFollow(channel, userId, event, FollowEventKind.UNFOLLOW);
  }

  /**
   * Messages and postbacks of one channel (in the order LINE sent them), in one statement: create
   * or reactivate each sender's resident (only friends can talk to the account, so a message means
   * they follow it) and log each message once per webhook event. Every resident message passes
   * here, so it is the hot path of webhook processing.
   */
  async onIncoming(channelId: string, events: LineEvent[]): Promise<void> {
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
    await unscopedRawQuery(
      this.orm,
      SYSTEM_WORK,
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
        channelId,
        channelId,
        hashes,
        rows.map((r) => r.messageType),
        rows.map((r) => this.keyring.encrypt(r.content)),
        rows.map((r) => new Date(r.event.timestamp)),
        rows.map((r) => r.event.webhookEventId),
        rows.map((_, i) => i),
      ],
    );
  }
}
