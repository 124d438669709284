import type { MikroORM } from '@mikro-orm/postgresql';

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
}
