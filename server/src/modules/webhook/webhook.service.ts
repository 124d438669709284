import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { Keyring } from '../../platform/crypto/keyring.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { rawQuery } from '../../platform/db/raw.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { LineChannel } from '../channels/line-channel.entity.js';
import type { LineEvent } from '../residents/resident.service.js';
import { LineWebhookEvent, WebhookEventStatus } from './line-webhook-event.entity.js';

export type WebhookHandler = (channel: LineChannel, event: LineEvent) => Promise<void>;
/**
 * Handles many events of one type and channel at once (one statement instead of one per event).
 * Must mean the same as calling the single-event handler on each, in order, and be idempotent.
 */
export type WebhookBatchHandler = (channel: LineChannel, events: LineEvent[]) => Promise<void>;

const MAX_ATTEMPTS = 5;
const CHANNEL_CACHE_MS = 10_000;
/** Channel look-ups kept at once: the key is the URL a stranger chooses, so the cache is bounded. */
const CHANNEL_CACHE_MAX = 1000;
/** LINE's webhookEventId is a 26-character ULID; anything that does not fit the column is hashed. */
const EVENT_ID = /^[\x21-\x7e]{1,64}$/;
/** Events one claim takes; a consumer works through them before it claims more. */
const CLAIM_BATCH = 200;
/** Senders processed side by side within a batch (each sender's own events stay in order). */
const LANES = 8;
/** A claim left behind by a crashed process is taken over after this. */
const CLAIM_SECONDS = 300;
/** Serialises claims across processes so one sender's events are never split between two. */
const CLAIM_LOCK = 0x6c696e65; // "line"

interface PendingRow {
  channelId: string;
  webhookEventId: string;
  type: string;
  payload: string;
  redelivery: boolean;
  senderKey: string;
}

interface ClaimedRow {
  id: string;
  channel_id: string;
  type: string;
  payload: string;
  attempts: number;
  sender_key: string | null;
}

type Outcome = { id: string; status: WebhookEventStatus.PROCESSED | WebhookEventStatus.IGNORED } | { id: string; error: string };

/**
 * 401 for every refusal, whether the channel is unknown, inactive or the signature wrong: a
 * stranger learns nothing about which channel ids exist.
 */
export type IngestResult = { status: 200; stored: number; duplicates: number } | { status: 401 };

/** Sorted by the bigint id (as text it would sort "10" before "9"). */
const byId = (a: { id: string }, b: { id: string }) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

/**
 * LINE webhooks (DESIGN §4, ADR 0006): verify x-line-signature over the raw body, store each event
 * once by webhookEventId and answer 200. Storing wakes the consumers (a trigger NOTIFYs), which
 * claim events in batches and run them through the event router; one sender's events are processed
 * in the order LINE sent them. Failures are retried with backoff and visible to administrators.
 */
export class WebhookService {
  private readonly handlers = new Map<string, WebhookHandler>();
  private readonly batchHandlers = new Map<string, WebhookBatchHandler>();
  private readonly channelCache = new LRUCache<string, { channel: LineChannel | null; secret: Buffer | null }>({
    max: CHANNEL_CACHE_MAX,
    ttl: CHANNEL_CACHE_MS,
  });
  /** Signs for unknown channels, so that a refusal takes as long whether the channel exists or not. */
  private readonly decoySecret = randomBytes(32);
  /** Rows of requests waiting for the next group commit. */
  private readonly storeQueue: Array<{ rows: PendingRow[]; resolve: (fresh: boolean[]) => void; reject: (err: unknown) => void }> = [];
  private storeScheduled = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /**
   * Features register what they do with an event type; unknown types are stored and ignored. A
   * batch form, when given, takes every event of that type in a claim from senders who sent nothing
   * else in it (so no sender's events change order); if it fails, those events go one by one.
   */
  on(type: string, handler: WebhookHandler, batch?: WebhookBatchHandler): void {
    this.handlers.set(type, handler);
    if (batch) this.batchHandlers.set(type, batch);
    else this.batchHandlers.delete(type);
  }

  /** A channel by id (active or not), cached briefly: every webhook request and event needs it. */
  private async channel(id: string): Promise<{ channel: LineChannel | null; secret: Buffer | null }> {
    // Only well-formed ids reach the cache and the database; the rest are unknown at once.
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return { channel: null, secret: null };
    const cached = this.channelCache.get(id);
    if (cached) return cached;
    const channel = await this.orm.em.fork().findOne(LineChannel, { id });
    const entry = { channel, secret: channel ? Buffer.from(channel.channelSecret) : null };
    this.channelCache.set(id, entry);
    return entry;
  }

  async ingest(channelId: string, rawBody: Buffer, signature: string | undefined): Promise<IngestResult> {
    const { channel, secret } = await this.channel(channelId);
    const accepted = Boolean(channel?.isActive && secret);
    const expected = createHmac('sha256', accepted ? secret! : this.decoySecret)
      .update(rawBody)
      .digest();
    const given = Buffer.from(signature ?? '', 'base64');
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    if (!accepted || !valid || !channel) return { status: 401 };

    let body: { events?: Array<Record<string, unknown>> };
    try {
      body = JSON.parse(rawBody.toString('utf8')) as typeof body;
    } catch {
      return { status: 200, stored: 0, duplicates: 0 };
    }
    const events = Array.isArray(body.events) ? body.events : [];
    if (events.length === 0) return { status: 200, stored: 0, duplicates: 0 }; // LINE's "verify" call

    const rows: PendingRow[] = [];
    const seen = new Set<string>();
    for (const event of events) {
      if (!event || typeof event !== 'object' || Array.isArray(event)) continue; // not an event object: nothing to store
      // Every current LINE event has a webhookEventId; old payloads without one get a content hash,
      // and an id that is not LINE's shape (too long, control characters) a hash of itself.
      const given = event['webhookEventId'];
      const id =
        typeof given === 'string'
          ? EVENT_ID.test(given)
            ? given
            : `h:${sha256Hex(given).slice(0, 40)}`
          : sha256Hex(JSON.stringify(event)).slice(0, 40);
      // One upsert cannot touch a row twice: a repeated id within one body counts once.
      if (seen.has(id)) continue;
      seen.add(id);
      const source = event['source'] as { userId?: string; groupId?: string; roomId?: string } | undefined;
      const sender = source?.userId ?? source?.groupId ?? source?.roomId ?? id;
      rows.push({
        channelId: channel.id,
        webhookEventId: id,
        type: typeof event['type'] === 'string' ? event['type'].slice(0, 40) : 'unknown',
        payload: this.keyring.encrypt(JSON.stringify({ ...event, webhookEventId: id })),
        redelivery: (event['deliveryContext'] as { isRedelivery?: boolean } | undefined)?.isRedelivery === true,
        senderKey: this.senderKey(sender),
      });
    }
    const fresh = await this.store(rows);
    const stored = fresh.filter(Boolean).length;
    return { status: 200, stored, duplicates: fresh.length - stored };
  }

  /** A keyed 64-bit digest of the sender: orders one resident's events without storing their LINE user id. */
  private senderKey(sender: string): string {
    return BigInt.asIntN(64, BigInt(`0x${this.keyring.hash(`webhook-sender:${sender}`).slice(3, 19)}`)).toString();
  }

  /**
   * Group commit: the rows of every request that arrives in the same turn of the event loop go to
   * PostgreSQL in one upsert, so a burst of single-event webhooks costs one round trip per turn
   * instead of one per request. Each request still waits for its own rows to be stored.
   */
  private store(rows: PendingRow[]): Promise<boolean[]> {
    return new Promise((resolve, reject) => {
      this.storeQueue.push({ rows, resolve, reject });
      if (this.storeScheduled) return;
      this.storeScheduled = true;
      setImmediate(() => void this.flushStore());
    });
  }

  private async flushStore(): Promise<void> {
    const batch = this.storeQueue.splice(0, this.storeQueue.length);
    this.storeScheduled = false;
    // The same event twice in one statement (LINE redelivering while the first is in flight) would
    // make PostgreSQL refuse the upsert: the later copy counts as a duplicate without a row.
    const key = (row: PendingRow) => `${row.channelId}/${row.webhookEventId}`;
    const first = new Map<string, PendingRow>();
    for (const { rows } of batch) for (const row of rows) if (!first.has(key(row))) first.set(key(row), row);
    const unique = [...first.values()];
    try {
      // Six array parameters whatever the batch size: one statement text, parsed and planned alike.
      const stored = await rawQuery<{ channel_id: string; webhook_event_id: string; fresh: boolean }>(
        this.orm,
        `insert into line_webhook_event (channel_id, webhook_event_id, type, payload, sender_key, redeliveries, received_at, status, attempts)
         select v.channel_id, v.webhook_event_id, v.type, v.payload, v.sender_key, v.redeliveries, now(), 'PENDING', 0
           from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[])
                as v(channel_id, webhook_event_id, type, payload, sender_key, redeliveries)
         on conflict (channel_id, webhook_event_id) do update set redeliveries = line_webhook_event.redeliveries + 1
         returning channel_id, webhook_event_id, (xmax = 0) as fresh`,
        [
          unique.map((r) => r.channelId),
          unique.map((r) => r.webhookEventId),
          unique.map((r) => r.type),
          unique.map((r) => r.payload),
          unique.map((r) => r.senderKey),
          unique.map((r) => (r.redelivery ? 1 : 0)),
        ],
      );
      const freshByKey = new Map(stored.map((r) => [`${r.channel_id}/${r.webhook_event_id}`, r.fresh]));
      // Only the first copy of a fresh row counts as stored; later copies are duplicates.
      for (const { rows, resolve } of batch) resolve(rows.map((row) => freshByKey.get(key(row)) === true && first.get(key(row)) === row));
    } catch (err) {
      for (const { reject } of batch) reject(err);
    }
  }

  /**
   * Takes up to `limit` due events for this process, oldest first. An event waits while an earlier
   * event of the same sender is claimed elsewhere, so one resident's follow is processed before
   * their message even with several consumers. Events waiting for a retry do not hold up the rest.
   */
  private async claim(limit: number, onlyId?: string): Promise<ClaimedRow[]> {
    const rows = await this.orm.em.getKnex().transaction(async (trx) => {
      // The lock serialises claimers. The planner settings keep the plan this query is written for:
      // walk the pending index in id order and stop at the limit. With statistics that lag behind a
      // burst, PostgreSQL otherwise gathers every pending event, checks each, and sorts them all.
      await trx.raw(
        `select pg_advisory_xact_lock(${CLAIM_LOCK}); set local enable_seqscan = off; set local enable_bitmapscan = off; set local enable_sort = off`,
      );
      const result = await trx.raw<{ rows: ClaimedRow[] }>(
        `update line_webhook_event e set claimed_until = now() + make_interval(secs => ?)
           from (select c.id from line_webhook_event c
                  where c.status = 'PENDING'
                    and (c.claimed_until is null or c.claimed_until < now())
                    and (c.next_attempt_at is null or c.next_attempt_at <= now())
                    ${onlyId ? 'and c.id = ?' : ''}
                    and not exists (select 1 from line_webhook_event b
                                     where b.status = 'PENDING' and b.channel_id = c.channel_id
                                       and b.claimed_until is not null and b.claimed_until >= now()
                                       and b.sender_key = c.sender_key and b.id < c.id)
                  order by c.id limit ?) due
          where e.id = due.id
          returning e.id::text as id, e.channel_id, e.type, e.payload, e.attempts, e.sender_key::text as sender_key`,
        onlyId ? [CLAIM_SECONDS, onlyId, limit] : [CLAIM_SECONDS, limit],
      );
      return result.rows;
    });
    return rows.sort(byId);
  }

  /**
   * Runs claimed events through the router. Senders whose events in the claim all have one type
   * with a batch handler go together, a statement per type and channel; the others run side by side
   * on a few lanes, each sender's events in order.
   */
  private async processClaimed(claimed: ClaimedRow[]): Promise<void> {
    const bySender = new Map<string, ClaimedRow[]>();
    for (const row of claimed) {
      const sender = `${row.channel_id}/${row.sender_key ?? row.id}`;
      const list = bySender.get(sender);
      if (list) list.push(row);
      else bySender.set(sender, [row]);
    }
    const batches = new Map<string, ClaimedRow[]>();
    const queues: ClaimedRow[][] = [];
    for (const rows of bySender.values()) {
      const type = rows[0]!.type;
      if (this.batchHandlers.has(type) && rows.every((r) => r.type === type)) {
        const key = `${type}/${rows[0]!.channel_id}`;
        const batch = batches.get(key);
        if (batch) batch.push(...rows);
        else batches.set(key, [...rows]);
      } else queues.push(rows);
    }
    const outcomes: Outcome[] = [];
    const lane = async () => {
      for (let rows = queues.shift(); rows; rows = queues.shift()) {
        for (const row of rows) outcomes.push(await this.runHandler(row));
      }
    };
    const batchRuns = [...batches.values()].map(async (rows) => {
      if (await this.runBatchHandler(rows.sort(byId))) {
        for (const row of rows) outcomes.push({ id: row.id, status: WebhookEventStatus.PROCESSED });
      } else {
        // Find out which event it was: the same events again, one by one.
        for (const row of rows) outcomes.push(await this.runHandler(row));
      }
    });
    await Promise.all([...batchRuns, ...Array.from({ length: Math.min(LANES, queues.length) }, lane)]);
    await this.recordOutcomes(claimed, outcomes);
  }

  private async runBatchHandler(rows: ClaimedRow[]): Promise<boolean> {
    const type = rows[0]!.type;
    try {
      const { channel } = await this.channel(rows[0]!.channel_id);
      if (!channel) return false;
      await this.batchHandlers.get(type)!(
        channel,
        rows.map((row) => JSON.parse(this.keyring.decrypt(row.payload)) as LineEvent),
      );
      return true;
    } catch (err) {
      this.logger.warn({ err, type, events: rows.length }, 'webhook batch failed; processing its events one by one');
      return false;
    }
  }

  private async runHandler(row: ClaimedRow): Promise<Outcome> {
    const handler = this.handlers.get(row.type);
    if (!handler) return { id: row.id, status: WebhookEventStatus.IGNORED };
    try {
      const { channel } = await this.channel(row.channel_id);
      if (!channel) return { id: row.id, status: WebhookEventStatus.IGNORED };
      await handler(channel, JSON.parse(this.keyring.decrypt(row.payload)) as LineEvent);
      return { id: row.id, status: WebhookEventStatus.PROCESSED };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn({ event: row.id, type: row.type, attempts: row.attempts + 1 }, 'webhook event processing failed');
      return { id: row.id, error: message.slice(0, 1000) };
    }
  }

  /** One statement for the batch's successes, one for its failures (retried with backoff, then FAILED). */
  private async recordOutcomes(claimed: ClaimedRow[], outcomes: Outcome[]): Promise<void> {
    const done = outcomes.filter((o): o is Extract<Outcome, { status: unknown }> => 'status' in o);
    const failed = outcomes.filter((o): o is Extract<Outcome, { error: string }> => 'error' in o);
    if (done.length) {
      await rawQuery(
        this.orm,
        `update line_webhook_event e
            set status = v.status, attempts = e.attempts + 1, processed_at = now(), last_error = null,
                next_attempt_at = null, claimed_until = null
           from unnest(?::bigint[], ?::text[]) as v(id, status)
          where e.id = v.id`,
        [done.map((o) => o.id), done.map((o) => o.status)],
      );
    }
    if (failed.length) {
      // Backoff 10 s, 20 s, 40 s, 80 s; the fifth failure is final until an administrator retries.
      await rawQuery(
        this.orm,
        `update line_webhook_event e
            set attempts = e.attempts + 1, last_error = v.error, claimed_until = null,
                status = case when e.attempts + 1 >= ? then 'FAILED' else 'PENDING' end,
                next_attempt_at = case when e.attempts + 1 >= ? then null
                                       else now() + make_interval(secs => 10 * power(2, e.attempts)) end
           from unnest(?::bigint[], ?::text[]) as v(id, error)
          where e.id = v.id`,
        [MAX_ATTEMPTS, MAX_ATTEMPTS, failed.map((o) => o.id), failed.map((o) => o.error)],
      );
    }
    if (done.length + failed.length !== claimed.length) {
      this.logger.error({ claimed: claimed.length, recorded: done.length + failed.length }, 'webhook outcomes do not match the claim');
    }
  }

  /**
   * Claims and processes due events in batches until none is left or `maxMs` has passed (the
   * consumers and the job runner's sweep both call this). Returns how many it processed.
   */
  async processPending(options: { maxMs?: number; shouldStop?: () => boolean } = {}): Promise<number> {
    const deadline = Date.now() + (options.maxMs ?? 50_000);
    let total = 0;
    while (Date.now() < deadline && !options.shouldStop?.()) {
      const claimed = await this.claim(CLAIM_BATCH);
      if (claimed.length === 0) break;
      await this.processClaimed(claimed);
      total += claimed.length;
    }
    return total;
  }

  /** Processes one event now if it is due and no other process has it (an administrator's retry). */
  async processNow(id: string): Promise<boolean> {
    const claimed = await this.claim(1, id);
    if (claimed.length === 0) return false;
    await this.processClaimed(claimed);
    return true;
  }

  list(
    ctx: ServiceContext,
    filter: { status?: WebhookEventStatus | null; channelId?: string | null },
    args: ConnectionArgs,
  ): Promise<Page<LineWebhookEvent>> {
    requirePermission(ctx.actor, 'channels.read');
    const where: Record<string, unknown> = {};
    if (filter.status) where['status'] = filter.status;
    if (filter.channelId) where['channel'] = filter.channelId;
    return paginate(ctx.em, LineWebhookEvent, where as FilterQuery<LineWebhookEvent>, args, { id: 'desc' });
  }

  /** An administrator sends a failed event through processing again. */
  async retry(ctx: ServiceContext, id: string): Promise<LineWebhookEvent> {
    requirePermission(ctx.actor, 'channels.write');
    await inTransaction(
      ctx,
      async (tx) => {
        const event = await tx.em.findOne(LineWebhookEvent, { id });
        if (!event) throw notFound('Webhookイベント');
        event.status = WebhookEventStatus.PENDING;
        event.attempts = 0;
        event.nextAttemptAt = null;
        event.claimedUntil = null;
        await this.audit.record(tx, {
          action: 'webhook.retry',
          targetType: 'LineWebhookEvent',
          targetId: id,
          summary: { type: event.type },
          departmentId: null,
        });
      },
      this.logger,
    );
    await this.processNow(id);
    return this.orm.em.fork().findOneOrFail(LineWebhookEvent, { id });
  }
}
