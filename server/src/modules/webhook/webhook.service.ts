import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { Keyring } from '../../platform/crypto/keyring.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { LineChannel } from '../channels/line-channel.entity.js';
import type { LineEvent } from '../residents/resident.service.js';
import { LineWebhookEvent, WebhookEventStatus } from './line-webhook-event.entity.js';

export type WebhookHandler = (channel: LineChannel, event: LineEvent) => Promise<void>;

const MAX_ATTEMPTS = 5;
const CHANNEL_CACHE_MS = 10_000;
/** Events the server processes itself right after answering; the rest waits for the job runner. */
const INLINE_QUEUE_LIMIT = 10_000;
/**
 * Workers on the server's queue: enough that one slow LINE call (a profile look-up backing off)
 * does not hold up the rest, few enough that processing never crowds out answering LINE.
 */
const INLINE_WORKERS = 4;
const CLAIM_SECONDS = 300;

interface PendingRow {
  channelId: string;
  webhookEventId: string;
  type: string;
  payload: string;
  redelivery: boolean;
  sender: string;
}
interface StoredRow {
  id: string;
  sender: string;
  fresh: boolean;
}

export type IngestResult = { status: 200; stored: number; duplicates: number } | { status: 401 | 404 };

/**
 * LINE webhooks (DESIGN §4): verify x-line-signature over the raw body, store each event once by
 * webhookEventId before answering 200, then process through the event router. Failures are retried
 * with backoff by the job runner and visible to administrators.
 */
export class WebhookService {
  private readonly handlers = new Map<string, WebhookHandler>();
  private readonly channelCache = new Map<string, { channel: LineChannel | null; secret: Buffer | null; expires: number }>();
  /** Freshly stored events, processed one at a time so processing never crowds out ingestion. */
  private readonly storeQueue: Array<{ rows: PendingRow[]; resolve: (rows: StoredRow[]) => void; reject: (err: unknown) => void }> = [];
  private storeScheduled = false;
  /** One queue per worker; a sender's events always land in the same one, so they stay in order. */
  private readonly inline: string[][] = Array.from({ length: INLINE_WORKERS }, () => []);
  private readonly inlineBusy: boolean[] = Array.from({ length: INLINE_WORKERS }, () => false);

  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /** Features register what they do with an event type; unknown types are stored and ignored. */
  on(type: string, handler: WebhookHandler): void {
    this.handlers.set(type, handler);
  }

  private async channel(id: string): Promise<{ channel: LineChannel | null; secret: Buffer | null }> {
    const cached = this.channelCache.get(id);
    if (cached && cached.expires > Date.now()) return cached;
    const channel = /^[0-9a-f-]{36}$/.test(id) ? await this.orm.em.fork().findOne(LineChannel, { id, isActive: true }) : null;
    const entry = { channel, secret: channel ? Buffer.from(channel.channelSecret) : null, expires: Date.now() + CHANNEL_CACHE_MS };
    this.channelCache.set(id, entry);
    return entry;
  }

  async ingest(channelId: string, rawBody: Buffer, signature: string | undefined): Promise<IngestResult> {
    const { channel, secret } = await this.channel(channelId);
    if (!channel || !secret) return { status: 404 };
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    const given = Buffer.from(signature ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401 };

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
      // Every current LINE event has a webhookEventId; old payloads without one get a content hash.
      const id = typeof event['webhookEventId'] === 'string' ? event['webhookEventId'] : sha256Hex(JSON.stringify(event)).slice(0, 40);
      // One upsert cannot touch a row twice: a repeated id within one body counts once.
      if (seen.has(id)) continue;
      seen.add(id);
      const source = event['source'] as { userId?: string; groupId?: string; roomId?: string } | undefined;
      rows.push({
        channelId: channel.id,
        webhookEventId: id,
        type: typeof event['type'] === 'string' ? event['type'].slice(0, 40) : 'unknown',
        payload: this.keyring.encrypt(JSON.stringify({ ...event, webhookEventId: id })),
        redelivery: (event['deliveryContext'] as { isRedelivery?: boolean } | undefined)?.isRedelivery === true,
        sender: source?.userId ?? source?.groupId ?? source?.roomId ?? id,
      });
    }
    const results = await this.store(rows);
    const fresh = results.filter((r) => r.fresh).map((r) => ({ id: r.id, sender: r.sender }));
    // Processing starts after the 200 is on its way, on a few workers; under a burst the queue is
    // capped and the job runner (webhook.processPending) takes whatever is left.
    if (fresh.length) this.enqueueInline(fresh);
    return { status: 200, stored: fresh.length, duplicates: results.length - fresh.length };
  }

  /**
   * Group commit: the rows of every request that arrives in the same turn of the event loop go to
   * PostgreSQL in one upsert, so a burst of single-event webhooks costs one round trip per turn
   * instead of one per request. Each request still waits for its own rows to be stored.
   */
  private store(rows: PendingRow[]): Promise<StoredRow[]> {
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
    const first = new Map<string, PendingRow>();
    for (const { rows } of batch)
      for (const row of rows)
        if (!first.has(`${row.channelId}/${row.webhookEventId}`)) first.set(`${row.channelId}/${row.webhookEventId}`, row);
    const unique = [...first.values()];
    try {
      const stored = await this.orm.em
        .getConnection()
        .execute<Array<{ id: string; channel_id: string; webhook_event_id: string; fresh: boolean }>>(
          `insert into line_webhook_event (channel_id, webhook_event_id, type, payload, received_at, redeliveries, status, attempts)
         values ${unique.map(() => `(?, ?, ?, ?, now(), ?, 'PENDING', 0)`).join(', ')}
         on conflict (channel_id, webhook_event_id) do update set redeliveries = line_webhook_event.redeliveries + 1
         returning id::text as id, channel_id, webhook_event_id, (xmax = 0) as fresh`,
          unique.flatMap((r) => [r.channelId, r.webhookEventId, r.type, r.payload, r.redelivery ? 1 : 0]),
        );
      const byKey = new Map(stored.map((r) => [`${r.channel_id}/${r.webhook_event_id}`, r]));
      for (const { rows, resolve } of batch) {
        resolve(
          rows.map((row) => {
            const key = `${row.channelId}/${row.webhookEventId}`;
            const hit = byKey.get(key)!;
            // Only the first claimant of a fresh row processes it.
            const fresh = hit.fresh && first.get(key) === row;
            return { id: hit.id, sender: row.sender, fresh };
          }),
        );
      }
    } catch (err) {
      for (const { reject } of batch) reject(err);
    }
  }

  private enqueueInline(items: Array<{ id: string; sender: string }>): void {
    for (const { id, sender } of items) {
      const lane = createHash('md5').update(sender).digest().readUInt8(0) % INLINE_WORKERS;
      const queue = this.inline[lane]!;
      if (queue.length >= INLINE_QUEUE_LIMIT / INLINE_WORKERS) continue;
      queue.push(id);
      if (!this.inlineBusy[lane]) {
        this.inlineBusy[lane] = true;
        setImmediate(() => void this.inlineWorker(lane));
      }
    }
  }

  private async inlineWorker(lane: number): Promise<void> {
    const queue = this.inline[lane]!;
    try {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        await this.processOne(id).catch((err: unknown) => this.logger.error({ err, event: id }, 'webhook event processing crashed'));
      }
    } finally {
      this.inlineBusy[lane] = false;
    }
  }

  /** Resolves once the server's own queues are empty (tests and shutdown). */
  async drained(): Promise<void> {
    while (this.inlineBusy.some(Boolean) || this.inline.some((q) => q.length)) await new Promise((r) => setTimeout(r, 10));
  }

  /** Processes the given events in order (one sender's follow before their message). */
  async processIds(ids: string[]): Promise<void> {
    for (const id of ids) await this.processOne(id);
  }

  /** Takes an event for this process; false when another process has it or it is done. */
  private async claim(id: string): Promise<boolean> {
    const rows = await this.orm.em.getConnection().execute<Array<{ id: string }>>(
      `update line_webhook_event set claimed_until = now() + interval '${CLAIM_SECONDS} seconds'
       where id = ? and status = 'PENDING' and (claimed_until is null or claimed_until < now()) returning id`,
      [id],
    );
    return rows.length === 1;
  }

  private async processOne(id: string): Promise<void> {
    if (!(await this.claim(id))) return;
    const em = this.orm.em.fork();
    const event = await em.findOne(LineWebhookEvent, { id }, { populate: ['channel'] });
    if (!event) return;
    event.claimedUntil = null;
    const handler = this.handlers.get(event.type);
    event.attempts += 1;
    if (!handler) {
      event.status = WebhookEventStatus.IGNORED;
      event.processedAt = new Date();
      await em.flush();
      return;
    }
    try {
      await handler(event.channel, JSON.parse(event.payload) as LineEvent);
      event.status = WebhookEventStatus.PROCESSED;
      event.processedAt = new Date();
      event.lastError = null;
      event.nextAttemptAt = null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      event.lastError = message.slice(0, 1000);
      if (event.attempts >= MAX_ATTEMPTS) {
        event.status = WebhookEventStatus.FAILED;
        event.nextAttemptAt = null;
      } else {
        event.nextAttemptAt = new Date(Date.now() + 10_000 * 2 ** (event.attempts - 1));
      }
      this.logger.warn({ event: event.id, type: event.type, attempts: event.attempts }, 'webhook event processing failed');
    }
    await em.flush();
  }

  /**
   * Retries due events and picks up ones a crash left unprocessed (run by the job runner).
   * Returns how many it processed.
   */
  async processPending(options: { maxMs?: number; now?: () => Date } = {}): Promise<number> {
    const clock = options.now ?? (() => new Date());
    const deadline = Date.now() + (options.maxMs ?? 50_000);
    let total = 0;
    // Batches until nothing is due (or the time is up: the next run continues), so a backlog left
    // by a burst drains here, in the job runner's process, not only in the server's queues.
    do {
      const now = clock();
      const stale = new Date(now.getTime() - 10_000);
      const due = await this.orm.em.getConnection().execute<Array<{ id: string }>>(
        `select id::text as id from line_webhook_event
         where status = 'PENDING' and (claimed_until is null or claimed_until < ?)
           and (next_attempt_at <= ? or (next_attempt_at is null and received_at < ?))
         order by id limit 500`,
        [now, now, stale],
      );
      if (due.length === 0) break;
      await this.processIds(due.map((e) => e.id));
      total += due.length;
      if (due.length < 500) break;
    } while (Date.now() < deadline);
    return total;
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
    await this.processOne(id);
    return this.orm.em.fork().findOneOrFail(LineWebhookEvent, { id });
  }
}
