import type { MikroORM } from '@mikro-orm/postgresql';
import { unscopedRawQuery } from '../../platform/db/scoped-sql.js';
import { errorSummary } from '../../platform/errors/client-errors.js';
import type { Logger } from '../../platform/logging/logger.js';

/** Clicks one address may add to one link per window; more are still redirected, not counted. */
export const CLICK_LIMIT = { clicks: 30, windowMs: 60_000 } as const;
/** Address-and-link windows kept at once: strangers choose the addresses, so the map is bounded. */
const LIMITER_MAX_KEYS = 200_000;
/** How often buffered clicks are written (one statement each time). */
export const FLUSH_EVERY_MS = 1_000;
/** Japan has kept one offset all year since 1951: a day there is UTC + 9 hours. */
const TOKYO_OFFSET_MS = 9 * 3_600_000;

const WRITE = 'click counts are nobody’s action and links belong to no department';

/** 'YYYY-MM-DD' in Asia/Tokyo. */
export function tokyoDayOf(ms: number): string {
  return new Date(ms + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Per address and link, a window that opens at the first click and lasts `windowMs`; clicks past
 * `limit` in it do not count. In memory and per process: a click must never wait for the database,
 * and what this guards (one person or script inflating a link's count) needs no shared state to be
 * bounded. When the map is full, new pairs are not counted until old windows expire: a flood of
 * addresses can cost real clicks, never add false ones.
 */
export class ClickLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number = CLICK_LIMIT.clicks,
    private readonly windowMs: number = CLICK_LIMIT.windowMs,
    private readonly maxKeys: number = LIMITER_MAX_KEYS,
  ) {}

  /** Whether this click counts. */
  allow(address: string, linkId: string, now: number): boolean {
    const key = `${linkId} ${address}`;
    const open = this.windows.get(key);
    if (open && now - open.startedAt < this.windowMs) return ++open.count <= this.limit;
    if (!open && this.windows.size >= this.maxKeys) return false;
    this.windows.set(key, { startedAt: now, count: 1 });
    return true;
  }

  /** Drops the windows that have ended. */
  sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.startedAt >= this.windowMs) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}

/**
 * Counts clicks without the redirect ever waiting for PostgreSQL: each click adds one to a buffer
 * in memory (per link and Tokyo day), and every second one upsert adds the buffer to
 * `tracked_link_click`. A write that fails keeps its counts for the next one; `stop` writes what is
 * left (the module's stop hook, after the HTTP server has closed).
 */
export class ClickCounter {
  private buffer = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private lastSweep = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly limiter: ClickLimiter = new ClickLimiter(),
  ) {}

  /** Counts a click on the link from this address (unless over the limit); returns whether it counted. */
  record(linkId: string, address: string | null, now: number = Date.now()): boolean {
    if (!this.limiter.allow(address ?? 'unknown', linkId, now)) return false;
    const key = `${linkId} ${tokyoDayOf(now)}`;
    this.buffer.set(key, (this.buffer.get(key) ?? 0) + 1);
    return true;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), FLUSH_EVERY_MS);
    // Never what keeps a process alive: stop() writes the rest.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writing;
    await this.write();
    if (this.buffer.size) this.logger.error({ pending: this.buffer.size }, 'link clicks could not be written before stopping');
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.lastSweep >= CLICK_LIMIT.windowMs / 6) {
      this.lastSweep = now;
      this.limiter.sweep(now);
    }
    // A write still running (a slow database) is left to finish; its successor takes both seconds.
    if (this.writing || this.buffer.size === 0) return;
    this.writing = this.write().finally(() => {
      this.writing = null;
    });
  }

  private async write(): Promise<void> {
    if (this.buffer.size === 0) return;
    const batch = this.buffer;
    this.buffer = new Map();
    const linkIds: string[] = [];
    const days: string[] = [];
    const clicks: number[] = [];
    for (const [key, n] of batch) {
      const space = key.indexOf(' ');
      linkIds.push(key.slice(0, space));
      days.push(key.slice(space + 1));
      clicks.push(n);
    }
    try {
      // Three array parameters whatever the batch: one statement text. A link deleted since its
      // click is skipped rather than failing the batch.
      await unscopedRawQuery(
        this.orm,
        WRITE,
        `insert into tracked_link_click (link_id, day, clicks)
         select v.link_id, v.day, v.clicks
           from unnest(?::uuid[], ?::date[], ?::int[]) as v(link_id, day, clicks)
          where exists (select 1 from tracked_link l where l.id = v.link_id)
         on conflict (link_id, day) do update set clicks = tracked_link_click.clicks + excluded.clicks`,
        [linkIds, days, clicks],
      );
    } catch (err) {
      for (const [key, n] of batch) this.buffer.set(key, (this.buffer.get(key) ?? 0) + n);
      this.logger.warn({ err: errorSummary(err), pending: this.buffer.size }, 'writing link clicks failed; kept for the next flush');
    }
  }
}
