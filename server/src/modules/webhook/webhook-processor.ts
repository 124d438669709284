import type { MikroORM } from '@mikro-orm/postgresql';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { unscopedRawQuery, unscopedSql } from '../../platform/db/scoped-sql.js';
import type { LineEvent } from '../../platform/line/line-event.js';
import type { WebhookHandler, WebhookRouter } from '../../platform/line/webhook-router.js';
import type { Logger } from '../../platform/logging/logger.js';
import { WebhookEventStatus } from './line-webhook-event.entity.js';

const MAX_ATTEMPTS = 5;
/** Events one claim takes; a consumer works through them before it claims more. */
const CLAIM_BATCH = 200;
/** Senders processed side by side within a batch (each sender's own events stay in order). */
const LANES = 8;
/** A claim left behind by a crashed process is taken over after this. */
const CLAIM_SECONDS = 300;
/** Serialises claims across processes so one sender's events are never split between two. */
const CLAIM_LOCK = 0x6c696e65; // "line"
const SYSTEM_WORK = 'LINE webhook processing is not any actor’s';

interface ClaimedRow {
  id: string;
  channel_id: string;
  type: string;
  payload: string;
  attempts: number;
  sender_key: string | null;
  handled: string[];
}

/** What processing one claimed event came to. */
interface Progress {
  row: ClaimedRow;
  event: LineEvent;
  /** Handler names that have run for it, before and now. */
  done: Set<string>;
  failures: Array<{ handler: string; message: string }>;
}

/** Sorted by the bigint id (as text it would sort "10" before "9"). */
const byId = (a: { id: string }, b: { id: string }) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

/**
 * The processing half of LINE webhooks (ADR 0006, docs/adr/0010): claims stored events in batches
 * and runs each through every handler registered for its type, in their stated order. One
 * sender's events are processed in the order LINE sent them. A handler that fails does not stop
 * the others; the event is retried with backoff for the failed handlers only, and after the last
 * attempt it is FAILED, visible to administrators, who can retry it.
 */
export class WebhookProcessor {
  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly router: WebhookRouter,
    private readonly logger: Logger,
  ) {}

  /**
   * Takes up to `limit` due events for this process, oldest first. An event waits while an earlier
   * event of the same sender is claimed elsewhere, so one resident's follow is processed before
   * their message even with several consumers. Events waiting for a retry do not hold up the rest.
   */
  private async claim(limit: number, onlyId?: string): Promise<ClaimedRow[]> {
    const rows = await this.orm.em.fork().transactional(async (em) => {
      // The lock serialises claimers. The planner settings keep the plan this query is written for:
      // walk the pending index in id order and stop at the limit. With statistics that lag behind a
      // burst, PostgreSQL otherwise gathers every pending event, checks each, and sorts them all.
      await unscopedSql(em, SYSTEM_WORK, `select pg_advisory_xact_lock(${CLAIM_LOCK})`);
      await unscopedSql(em, SYSTEM_WORK, 'set local enable_seqscan = off; set local enable_bitmapscan = off; set local enable_sort = off');
      return unscopedSql<ClaimedRow>(
        em,
        SYSTEM_WORK,
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
          returning e.id::text as id, e.channel_id, e.type, e.payload, e.attempts, e.sender_key::text as sender_key, e.handled`,
        onlyId ? [CLAIM_SECONDS, onlyId, limit] : [CLAIM_SECONDS, limit],
      );
    });
    return rows.sort(byId);
  }

  /**
   * Runs claimed events through their handlers. Senders whose events in the claim all have one type,
   * none processed before, that some handler takes in batches, go together: a statement per such
   * handler, type and channel (the other handlers of the type take those events one by one). The
   * rest run side by side on a few lanes, each sender's events in order, each event through its
   * remaining handlers in order.
   */
  private async processClaimed(claimed: ClaimedRow[]): Promise<void> {
    const progress = new Map<string, Progress>();
    for (const row of claimed) {
      let event: LineEvent;
      try {
        event = JSON.parse(this.keyring.decrypt(row.payload)) as LineEvent;
      } catch (err) {
        this.logger.error({ event: row.id, err: err instanceof Error ? err.name : 'unknown' }, 'a stored webhook event cannot be read');
        event = { type: row.type, timestamp: 0, webhookEventId: '' };
      }
      progress.set(row.id, { row, event, done: new Set(row.handled), failures: [] });
    }
    const bySender = new Map<string, Progress[]>();
    for (const p of progress.values()) {
      const sender = `${p.row.channel_id}/${p.row.sender_key ?? p.row.id}`;
      const list = bySender.get(sender);
      if (list) list.push(p);
      else bySender.set(sender, [p]);
    }
    const batches = new Map<string, Progress[]>();
    const queues: Progress[][] = [];
    for (const items of bySender.values()) {
      const type = items[0]!.row.type;
      const handlers = this.router.handlersFor(type);
      const batchable =
        handlers.some((h) => h.handleBatch) &&
        items.every((p) => p.row.type === type && p.row.handled.length === 0 && p.event.webhookEventId);
      if (batchable) {
        const key = `${type}/${items[0]!.row.channel_id}`;
        const batch = batches.get(key);
        if (batch) batch.push(...items);
        else batches.set(key, [...items]);
      } else queues.push(items);
    }
    const lane = async () => {
      for (let items = queues.shift(); items; items = queues.shift()) {
        for (const p of items) for (const handler of this.router.handlersFor(p.row.type)) await this.runOne(handler, p);
      }
    };
    const batchRuns = [...batches.values()].map(async (items) => {
      items.sort((a, b) => byId(a.row, b.row));
      for (const handler of this.router.handlersFor(items[0]!.row.type)) {
        if (!handler.handleBatch) {
          // A handler without a batch form takes the events one by one, in order.
          for (const p of items) await this.runOne(handler, p);
          continue;
        }
        try {
          await handler.handleBatch(
            items[0]!.row.channel_id,
            items.map((p) => p.event),
          );
          for (const p of items) p.done.add(handler.name);
        } catch (err) {
          this.logger.warn({ err, handler: handler.name, events: items.length }, 'webhook batch failed; running its events one by one');
          for (const p of items) await this.runOne(handler, p);
        }
      }
    });
    await Promise.all([...batchRuns, ...Array.from({ length: Math.min(LANES, queues.length) }, lane)]);
    await this.recordOutcomes([...progress.values()]);
  }

  /** One handler on one event, unless it has run for it already; a failure is recorded, not thrown. */
  private async runOne(handler: WebhookHandler, p: Progress): Promise<void> {
    if (p.done.has(handler.name)) return;
    if (!p.event.webhookEventId) {
      p.failures.push({ handler: handler.name, message: 'the stored event cannot be decrypted' });
      return;
    }
    try {
      await handler.handle(p.row.channel_id, p.event);
      p.done.add(handler.name);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(
        { event: p.row.id, type: p.row.type, handler: handler.name, attempts: p.row.attempts + 1 },
        'webhook handler failed',
      );
      p.failures.push({ handler: handler.name, message: message.slice(0, 500) });
    }
  }

  /** One statement for the batch's completed events, one for those with a failed handler (retried with backoff, then FAILED). */
  private async recordOutcomes(all: Progress[]): Promise<void> {
    const done = all.filter((p) => p.failures.length === 0);
    const failed = all.filter((p) => p.failures.length > 0);
    const handled = (p: Progress) => [...p.done].join(',');
    if (done.length) {
      await unscopedRawQuery(
        this.orm,
        SYSTEM_WORK,
        `update line_webhook_event e
            set status = v.status, attempts = e.attempts + 1, processed_at = now(), last_error = null,
                next_attempt_at = null, claimed_until = null, handled = string_to_array(v.handled, ',')
           from unnest(?::bigint[], ?::text[], ?::text[]) as v(id, status, handled)
          where e.id = v.id`,
        [
          done.map((p) => p.row.id),
          done.map((p) => (this.router.handlersFor(p.row.type).length ? WebhookEventStatus.PROCESSED : WebhookEventStatus.IGNORED)),
          done.map(handled),
        ],
      );
    }
    if (failed.length) {
      // Backoff 10 s, 20 s, 40 s, 80 s; the fifth failure is final until an administrator retries.
      await unscopedRawQuery(
        this.orm,
        SYSTEM_WORK,
        `update line_webhook_event e
            set attempts = e.attempts + 1, last_error = v.error, claimed_until = null, handled = string_to_array(v.handled, ','),
                status = case when e.attempts + 1 >= ? then 'FAILED' else 'PENDING' end,
                next_attempt_at = case when e.attempts + 1 >= ? then null
                                       else now() + make_interval(secs => 10 * power(2, e.attempts)) end
           from unnest(?::bigint[], ?::text[], ?::text[]) as v(id, error, handled)
          where e.id = v.id`,
        [
          MAX_ATTEMPTS,
          MAX_ATTEMPTS,
          failed.map((p) => p.row.id),
          failed.map((p) =>
            p.failures
              .map((f) => `${f.handler}: ${f.message}`)
              .join('\n')
              .slice(0, 1000),
          ),
          failed.map(handled),
        ],
      );
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
}
