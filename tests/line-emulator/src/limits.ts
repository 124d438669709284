// Per-channel, per-endpoint rate limits of the Messaging API.
//
// Source: LINE Developers, Messaging API reference, "Rate limits"
// (https://developers.line.biz/en/reference/messaging-api/#rate-limits), as read in 2026:
//   - 60 requests per hour: send narrowcast, send broadcast, get number of followers, get user
//     interaction statistics, get statistics per unit, test webhook endpoint (and other insight
//     endpoints the emulator does not serve);
//   - 100 requests per hour: create rich menu, delete rich menu ("Creating and deleting rich menus
//     using the LINE Official Account Manager is not subject to this restriction");
//   - 3 requests per hour: replace or unlink linked rich menus in batches (not served here);
//   - 200 requests per second: send multicast;
//   - 2,000 requests per second: every other endpoint.
// LINE applies each limit per channel and per endpoint (same URL with another method is another
// endpoint), whatever the parameters. Keys are the operationIds of LINE's OpenAPI documents.

export interface RateLimit {
  requests: number;
  windowMs: number;
}

const SECOND = 1000;
const HOUR = 3_600_000;

export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 2000, windowMs: SECOND };

export const RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  narrowcast: { requests: 60, windowMs: HOUR },
  broadcast: { requests: 60, windowMs: HOUR },
  getNumberOfFollowers: { requests: 60, windowMs: HOUR },
  getMessageEvent: { requests: 60, windowMs: HOUR },
  getStatisticsPerUnit: { requests: 60, windowMs: HOUR },
  testWebhookEndpoint: { requests: 60, windowMs: HOUR },
  createRichMenu: { requests: 100, windowMs: HOUR },
  deleteRichMenu: { requests: 100, windowMs: HOUR },
  multicast: { requests: 200, windowMs: SECOND },
};

export function rateLimitFor(operationId: string): RateLimit {
  return RATE_LIMITS[operationId] ?? DEFAULT_RATE_LIMIT;
}

/**
 * LINE answers 413 to a request body over 2 MB (reference, "Status codes": "Request exceeds the max
 * size of 2MB. Make the request smaller than 2MB and try again.").
 */
export const MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Fixed-window counters per (channel, operation). `scale` multiplies every limit so tests can hit a
 * 429 after a handful of calls (0.01 turns "60 per hour" into "1 per hour"); a scaled limit is
 * never below one request.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly scale: number) {}

  /** Counts one request and answers whether it is within the limit. */
  tryAcquire(channelId: string, operationId: string, now = Date.now()): boolean {
    const { window, allowed } = this.current(channelId, operationId, now);
    if (window.count >= allowed) return false;
    window.count += 1;
    return true;
  }

  /**
   * Sets the requests already counted in the current window of (channel, operation), opening one
   * now if none is open (control API: POST /_emulator/rate-limits). `used` defaults to the whole
   * (scaled) limit: every request is then answered 429 until the window ends, as when a channel
   * has spent, say, its 60 broadcasts of the hour.
   */
  fill(channelId: string, operationId: string, used?: number, now = Date.now()): { used: number; allowed: number; resetsAt: number } {
    const { window, allowed, windowMs } = this.current(channelId, operationId, now);
    window.count = Math.min(allowed, used ?? allowed);
    return { used: window.count, allowed, resetsAt: window.startedAt + windowMs };
  }

  /** The open window of (channel, operation), a new one once the last has ended, and its (scaled) allowance. */
  private current(
    channelId: string,
    operationId: string,
    now: number,
  ): { window: { startedAt: number; count: number }; allowed: number; windowMs: number } {
    const limit = rateLimitFor(operationId);
    const key = `${channelId}:${operationId}`;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= limit.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    return { window, allowed: Math.max(1, Math.floor(limit.requests * this.scale)), windowMs: limit.windowMs };
  }

  reset(): void {
    this.windows.clear();
  }
}

/** A fault to inject into the next calls of an endpoint (control API: POST /_emulator/faults). */
export interface FaultSpec {
  /** operationId as in LINE's OpenAPI documents (e.g. "pushMessage", "multicast"), or "*" for any. */
  operation: string;
  channelId?: string;
  /** "error": answer `status` (default 500); "rateLimit": answer 429; "delay": wait `delayMs`, then serve normally. */
  kind: 'error' | 'rateLimit' | 'delay';
  status?: number;
  delayMs?: number;
  /**
   * "before" (default): fail without doing anything. "after": do the work (deliver, accept the retry
   * key), then answer the error anyway, as when LINE accepted a request whose response was lost.
   */
  phase?: 'before' | 'after';
  /** How many matching calls the fault applies to. */
  count: number;
}

export class FaultInjector {
  private faults: (FaultSpec & { remaining: number })[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.count });
  }

  /** Takes the first fault matching this call, consuming one of its uses. */
  take(channelId: string, operationId: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.operation === '*' || candidate.operation === operationId) &&
        (candidate.channelId === undefined || candidate.channelId === channelId),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    return fault;
  }

  list(): FaultSpec[] {
    return this.faults.map(({ remaining, ...spec }) => ({ ...spec, count: remaining }));
  }

  clear(): void {
    this.faults = [];
  }
}
