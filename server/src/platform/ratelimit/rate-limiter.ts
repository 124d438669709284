import type { MikroORM } from '@mikro-orm/postgresql';
import { rawQuery } from '../db/raw.js';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every process of a deployment shares one limit
 * (login attempts per address, API-key calls per minute, later LINE endpoints).
 */
export class RateLimiter {
  private hitsSinceCleanup = 0;

  constructor(private readonly orm: MikroORM) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const conn = this.orm.em.getConnection();
    const rows = await conn.execute<Array<{ count: number; window_start: Date; now: Date }>>(
      `insert into rate_limit_bucket (key, window_start, count)
       values (?, to_timestamp(floor(extract(epoch from now()) / ?) * ?), 1)
       on conflict (key, window_start) do update set count = rate_limit_bucket.count + 1
       returning count, window_start, now() as now`,
      [key, windowSeconds, windowSeconds],
    );
    const row = rows[0]!;
    if (++this.hitsSinceCleanup >= 1000) {
      this.hitsSinceCleanup = 0;
      await conn.execute(`delete from rate_limit_bucket where window_start < now() - interval '1 day'`);
    }
    const windowEnd = new Date(row.window_start).getTime() + windowSeconds * 1000;
    return {
      allowed: row.count <= limit,
      count: row.count,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - new Date(row.now).getTime()) / 1000)),
    };
  }

  /**
   * Paces calls evenly at `perSecond` across every process (GCRA: each call reserves the next slot
   * on one shared row) and resolves with how long this caller must wait for its slot. Unlike a
   * fixed window, which lets a whole second's allowance through in a burst and then stalls until
   * the window turns, evenly spaced calls never exceed the limit in any one-second span, however
   * the receiver aligns its windows. `maxWaitMs` bounds the queue: a caller whose slot is further
   * away than that reserves nothing and is told to come back in `waitMs`.
   */
  async pace(key: string, perSecond: number, maxWaitMs = 10_000): Promise<{ reserved: boolean; waitMs: number }> {
    const spacingMs = 1000 / perSecond;
    // Server-side parameters: this runs before every call to LINE under a per-second limit.
    const rows = await rawQuery<{ wait_ms: number }>(
      this.orm,
      `insert into rate_pacer (key, next_slot) values (?::text, clock_timestamp() + make_interval(secs => ?::float8 / 1000))
       on conflict (key) do update
         set next_slot = greatest(rate_pacer.next_slot, clock_timestamp()) + make_interval(secs => ?::float8 / 1000)
         where rate_pacer.next_slot < clock_timestamp() + make_interval(secs => ?::float8 / 1000)
       returning extract(epoch from (next_slot - clock_timestamp())) * 1000 - ?::float8 as wait_ms`,
      [key, spacingMs, spacingMs, maxWaitMs, spacingMs],
    );
    if (!rows.length) return { reserved: false, waitMs: maxWaitMs };
    return { reserved: true, waitMs: Math.max(0, Number(rows[0]!.wait_ms)) };
  }
}
