import { randomUUID } from 'node:crypto';
import { insight, messagingApi, HTTPFetchError } from '@line/bot-sdk';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LineSendStatus } from './line-send-request.entity.js';
import client from 'prom-client';
import type { AppConfig } from '../../config/config.js';
import { rawQuery } from '../db/raw.js';
import type { Logger } from '../logging/logger.js';
import { metricsRegistry } from '../metrics/registry.js';
import type { RateLimiter } from '../ratelimit/rate-limiter.js';

/** What the gateway needs to act for one LINE channel (credentials already decrypted). */
export interface LineChannelCredentials {
  /** Our channel record id: rate limits and metrics are kept per channel. */
  readonly id: string;
  readonly channelAccessToken: string;
}

export type LineEndpoint =
  'botInfo' | 'profile' | 'quota' | 'reply' | 'push' | 'multicast' | 'narrowcast' | 'broadcast' | 'statisticsPerUnit' | 'messageEvent';
export type LineSendEndpoint = 'push' | 'multicast' | 'narrowcast' | 'broadcast';

/**
 * LINE's published rate limits per channel and endpoint ("Rate limits", Messaging API reference):
 * narrowcast, broadcast and the insight endpoints ("get statistics per unit", "get user interaction
 * statistics") 60 per hour, multicast 200 per second, everything else 2,000 per second.
 * Kept in PostgreSQL counters so every process of a deployment shares them.
 */
const RATE_LIMITS: Record<LineEndpoint, { limit: number; windowSeconds: number }> = {
  botInfo: { limit: 2_000, windowSeconds: 1 },
  profile: { limit: 2_000, windowSeconds: 1 },
  quota: { limit: 2_000, windowSeconds: 1 },
  reply: { limit: 2_000, windowSeconds: 1 },
  push: { limit: 2_000, windowSeconds: 1 },
  multicast: { limit: 200, windowSeconds: 1 },
  narrowcast: { limit: 60, windowSeconds: 3_600 },
  broadcast: { limit: 60, windowSeconds: 3_600 },
  statisticsPerUnit: { limit: 60, windowSeconds: 3_600 },
  messageEvent: { limit: 60, windowSeconds: 3_600 },
};

export interface SendOptions {
  /** A key the caller persisted earlier (e.g. on a delivery batch); a new one is made otherwise. */
  retryKey?: string;
  /** What asked for the send, for the record. */
  ref?: string;
  /**
   * Per-hour limits (broadcast, narrowcast): false fails at once with RATE_LIMITED (its
   * `retryAfterSeconds` when our window says when it frees) instead of waiting for the next window,
   * and a 429 from LINE is not retried either (it would not clear within the backoff). Default true.
   */
  waitForWindow?: boolean;
  /**
   * The caller records LINE's acceptance itself, in the transaction that commits its own outcome
   * (SendResult.acceptance), saving a round trip per send; the record before the call is written
   * as always. Uncommitted (the caller died), the record stays PENDING and the next attempt with
   * the same key is answered 409 and recorded then.
   */
  deferAcceptance?: boolean;
}

export interface SendResult {
  retryKey: string;
  lineRequestId: string | null;
  /** LINE had already accepted this retry key (409): nothing was sent twice. */
  alreadyAccepted: boolean;
  /** With `deferAcceptance`, the statement that records the acceptance, for the caller to run. */
  acceptance?: { sql: string; params: unknown[] };
}

export type LineFailureKind = 'UNAUTHORIZED' | 'RATE_LIMITED' | 'MONTHLY_QUOTA_EXHAUSTED' | 'BAD_REQUEST' | 'SERVER_ERROR' | 'NETWORK';

/** A call to LINE that did not succeed, with what the caller should tell people. */
export class LineApiError extends Error {
  constructor(
    readonly kind: LineFailureKind,
    readonly status: number | null,
    readonly lineMessage: string | null,
    /** RATE_LIMITED by our own per-hour window: when it frees; null when LINE answered 429 (it says nothing of when). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`LINE API ${kind}${status ? ` (${status})` : ''}${lineMessage ? `: ${lineMessage}` : ''}`);
    this.name = 'LineApiError';
  }
}

const calls = new client.Counter({
  name: 'line_api_calls_total',
  help: 'Calls to the LINE Platform by endpoint and outcome',
  labelNames: ['endpoint', 'outcome'] as const,
  registers: [metricsRegistry],
});

const MAX_ATTEMPTS = 4;
/**
 * Look-ups under a per-hour limit: a 429 would not clear within the backoff, and waiting for the
 * next hour's window would hold a job for up to an hour, so the caller is told at once.
 */
const HOURLY_LOOKUP = { retryOn: ['SERVER_ERROR', 'NETWORK'], waitForWindow: false } as const satisfies CallOptions;

interface CallOptions {
  readonly retryOn?: readonly LineFailureKind[];
  /** Per-hour limits: false fails with RATE_LIMITED when the window is used up (default: wait for the next one). */
  readonly waitForWindow?: boolean;
  /** The caller already waited for the first attempt's rate limit. */
  readonly firstSlotTaken?: boolean;
}

/** Per-second limits are paced at this share of LINE's figure. */
const PACING_MARGIN = 0.95;

/**
 * The only code that talks to LINE (DESIGN §4): bot-sdk clients with configurable base URLs (the
 * emulator in development and tests), per-channel rate limits, backoff on 429 and 5xx, a monthly
 * quota exhaustion recognised and surfaced instead of retried, and metrics per endpoint and outcome.
 */
export class LineGateway {
  constructor(
    private readonly orm: MikroORM,
    private readonly config: Pick<AppConfig, 'LINE_API_BASE_URL' | 'LINE_DATA_API_BASE_URL'>,
    private readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private client(channel: LineChannelCredentials): messagingApi.MessagingApiClient {
    return new messagingApi.MessagingApiClient({ channelAccessToken: channel.channelAccessToken, baseURL: this.config.LINE_API_BASE_URL });
  }

  private insightClient(channel: LineChannelCredentials): insight.InsightClient {
    return new insight.InsightClient({ channelAccessToken: channel.channelAccessToken, baseURL: this.config.LINE_API_BASE_URL });
  }

  async botInfo(channel: LineChannelCredentials): Promise<messagingApi.BotInfoResponse> {
    return this.call(channel, 'botInfo', () => this.client(channel).getBotInfo());
  }

  /** `retry: false` for best-effort look-ups that must not hold up webhook processing. */
  async profile(
    channel: LineChannelCredentials,
    userId: string,
    options: { retry?: boolean } = {},
  ): Promise<messagingApi.UserProfileResponse> {
    return this.call(channel, 'profile', () => this.client(channel).getProfile(userId), options.retry === false ? { retryOn: [] } : {});
  }

  /**
   * This month's message allowance: LINE's target limit (null when the plan has none) and what the
   * channel has used, both in LINE's unit (one per recipient per request).
   */
  async quota(channel: LineChannelCredentials): Promise<{ limit: number | null; used: number }> {
    const [quota, consumption] = await Promise.all([
      this.call(channel, 'quota', () => this.client(channel).getMessageQuota()),
      this.call(channel, 'quota', () => this.client(channel).getMessageQuotaConsumption()),
    ]);
    return { limit: quota.type === 'limited' ? (quota.value ?? 0) : null, used: consumption.totalUsage };
  }

  /**
   * How residents interacted with the push and multicast messages sent with this custom
   * aggregation unit ("get statistics per unit"), over the days `from`..`to` (yyyyMMdd, Asia/Tokyo;
   * at most 30 days apart). Counts under LINE's privacy threshold come back null, not 0. The hour's
   * calls are few (60 per channel): when they are used up this fails at once with RATE_LIMITED
   * rather than waiting for the next hour.
   */
  async statisticsPerUnit(
    channel: LineChannelCredentials,
    unit: string,
    from: string,
    to: string,
  ): Promise<insight.GetStatisticsPerUnitResponse> {
    return this.call(channel, 'statisticsPerUnit', () => this.insightClient(channel).getStatisticsPerUnit(unit, from, to), HOURLY_LOOKUP);
  }

  /**
   * How residents interacted with one narrowcast or broadcast ("get user interaction statistics"),
   * by the request id LINE answered the send with; withheld counts are null, as above.
   */
  async messageEvent(channel: LineChannelCredentials, requestId: string): Promise<insight.GetMessageEventResponse> {
    return this.call(channel, 'messageEvent', () => this.insightClient(channel).getMessageEvent(requestId), HOURLY_LOOKUP);
  }

  /** Replies with a webhook's reply token: free of the monthly quota, valid once and briefly. */
  async reply(
    channel: LineChannelCredentials,
    replyToken: string,
    messages: messagingApi.Message[],
  ): Promise<messagingApi.ReplyMessageResponse> {
    // A reply token is single-use: retrying after LINE accepted it would fail, so only retry on 429.
    return this.call(channel, 'reply', () => this.client(channel).replyMessage({ replyToken, messages }), { retryOn: ['RATE_LIMITED'] });
  }

  push(channel: LineChannelCredentials, request: messagingApi.PushMessageRequest, options: SendOptions = {}): Promise<SendResult> {
    return this.send(
      channel,
      'push',
      request,
      () => 1,
      options,
      (c, r, key) => c.pushMessageWithHttpInfo(r, key),
    );
  }

  /**
   * `request` may still be in the making (a delivery's recipients, being decrypted): the rate limit
   * is waited for meanwhile.
   */
  multicast(
    channel: LineChannelCredentials,
    request: messagingApi.MulticastRequest | Promise<messagingApi.MulticastRequest>,
    options: SendOptions = {},
  ): Promise<SendResult> {
    return this.send(
      channel,
      'multicast',
      request,
      (r) => r.to.length,
      options,
      (c, r, key) => c.multicastWithHttpInfo(r, key),
    );
  }

  narrowcast(channel: LineChannelCredentials, request: messagingApi.NarrowcastRequest, options: SendOptions = {}): Promise<SendResult> {
    return this.send(
      channel,
      'narrowcast',
      request,
      () => 0,
      options,
      (c, r, key) => c.narrowcastWithHttpInfo(r, key),
    );
  }

  broadcast(channel: LineChannelCredentials, request: messagingApi.BroadcastRequest, options: SendOptions = {}): Promise<SendResult> {
    return this.send(
      channel,
      'broadcast',
      request,
      () => 0,
      options,
      (c, r, key) => c.broadcastWithHttpInfo(r, key),
    );
  }

  /**
   * The sending endpoints: the retry key is written to PostgreSQL before the first call and reused
   * for every retry, LINE's 409 for an accepted key counts as success, and a key we already know
   * was accepted is not sent again at all. One statement writes the record (or finds it) and
   * counts the first attempt, one counts each retry and one records the outcome; `attempts` is
   * the number of calls made to LINE.
   */
  private async send<Request>(
    channel: LineChannelCredentials,
    endpoint: LineSendEndpoint,
    request: Request | Promise<Request>,
    recipientsOf: (request: Request) => number,
    options: SendOptions,
    call: (client: messagingApi.MessagingApiClient, request: Request, retryKey: string) => Promise<{ httpResponse: Response }>,
  ): Promise<SendResult> {
    const retryKey = options.retryKey ?? randomUUID();
    // A per-second slot is taken before the record (while the request is still being made, if it
    // is), so that the attempt the record counts is the call that follows at once; a per-hour
    // window after it, so that a key LINE already accepted spends none of the hour's few calls.
    const paceFirst = RATE_LIMITS[endpoint].windowSeconds === 1;
    const [body] = await Promise.all([request, paceFirst ? this.waitForRateLimit(channel, endpoint, true) : undefined]);
    const recipients = recipientsOf(body);
    const [known] = await rawQuery<{ status: LineSendStatus; line_request_id: string | null }>(
      this.orm,
      `insert into line_send_request (retry_key, channel_id, endpoint, recipients, ref, status, attempts, created_at)
       values (?, ?, ?, ?, ?, 'PENDING', 1, now())
       on conflict (retry_key) do update
         set attempts = line_send_request.attempts + case when line_send_request.status = 'ACCEPTED' then 0 else 1 end
       returning status, line_request_id`,
      [retryKey, channel.id, endpoint, recipients, options.ref ?? null],
    );
    if (known?.status === LineSendStatus.ACCEPTED) return { retryKey, lineRequestId: known.line_request_id, alreadyAccepted: true };
    const client = this.client(channel);
    try {
      const result = await this.call(
        channel,
        endpoint,
        async (attempt) => {
          if (attempt > 1) await rawQuery(this.orm, `update line_send_request set attempts = attempts + 1 where retry_key = ?`, [retryKey]);
          try {
            const response = await call(client, body, retryKey);
            return { lineRequestId: response.httpResponse.headers.get('x-line-request-id'), alreadyAccepted: false };
          } catch (err) {
            if (err instanceof HTTPFetchError && err.status === 409) {
              // Accepted on an earlier attempt whose answer we never saw.
              return { lineRequestId: err.headers.get('x-line-accepted-request-id'), alreadyAccepted: true };
            }
            throw err;
          }
        },
        {
          firstSlotTaken: paceFirst,
          ...(options.waitForWindow === false ? { waitForWindow: false, retryOn: ['SERVER_ERROR', 'NETWORK'] as const } : {}),
        },
      );
      const acceptance = {
        sql: `update line_send_request set status = 'ACCEPTED', line_request_id = ?, completed_at = now(), last_error = null where retry_key = ?`,
        params: [result.lineRequestId, retryKey],
      };
      if (options.deferAcceptance) return { retryKey, ...result, acceptance };
      await rawQuery(this.orm, acceptance.sql, acceptance.params);
      return { retryKey, ...result };
    } catch (err) {
      const failure = LineGateway.classify(err);
      const status =
        failure.kind === 'SERVER_ERROR' || failure.kind === 'NETWORK' || failure.kind === 'RATE_LIMITED'
          ? LineSendStatus.PENDING
          : LineSendStatus.FAILED;
      await rawQuery(this.orm, `update line_send_request set status = ?, last_error = ? where retry_key = ?`, [
        status,
        failure.message.slice(0, 1000),
        retryKey,
      ]);
      throw failure;
    }
  }

  private async call<T>(
    channel: LineChannelCredentials,
    endpoint: LineEndpoint,
    fn: (attempt: number) => Promise<T>,
    options: CallOptions = {},
  ): Promise<T> {
    const retryOn = options.retryOn ?? ['RATE_LIMITED', 'SERVER_ERROR', 'NETWORK'];
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 || !options.firstSlotTaken) await this.waitForRateLimit(channel, endpoint, options.waitForWindow ?? true);
      try {
        const result = await fn(attempt);
        calls.labels(endpoint, 'ok').inc();
        return result;
      } catch (err) {
        const failure = LineGateway.classify(err);
        calls.labels(endpoint, failure.kind).inc();
        if (!retryOn.includes(failure.kind) || attempt >= MAX_ATTEMPTS) throw failure;
        const delay = Math.min(8_000, 250 * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2);
        this.logger.warn(
          { endpoint, channel: channel.id, kind: failure.kind, attempt, delay: Math.round(delay) },
          'LINE call failed; backing off',
        );
        await this.sleep(delay);
      }
    }
  }

  /**
   * Waits (rather than fails) until the channel may call this endpoint. Per-second limits are
   * paced evenly across every process, a little under LINE's figure (PACING_MARGIN) so network
   * jitter never pushes a one-second span over it; per-hour limits are counted in windows.
   */
  private async waitForRateLimit(channel: LineChannelCredentials, endpoint: LineEndpoint, waitForWindow: boolean): Promise<void> {
    const { limit, windowSeconds } = RATE_LIMITS[endpoint];
    if (windowSeconds === 1) {
      for (;;) {
        const slot = await this.rateLimiter.pace(`line:${channel.id}:${endpoint}`, limit * PACING_MARGIN);
        if (slot.waitMs > 0) await this.sleep(slot.waitMs);
        if (slot.reserved) return;
      }
    }
    for (;;) {
      const hit = await this.rateLimiter.hit(`line:${channel.id}:${endpoint}`, limit, windowSeconds);
      if (hit.allowed) return;
      if (!waitForWindow) {
        calls.labels(endpoint, 'RATE_LIMITED').inc();
        throw new LineApiError(
          'RATE_LIMITED',
          null,
          `${limit} calls per ${windowSeconds} s used up; next window in ${hit.retryAfterSeconds} s`,
          hit.retryAfterSeconds,
        );
      }
      await this.sleep(hit.retryAfterSeconds * 1000);
    }
  }

  static classify(err: unknown): LineApiError {
    if (err instanceof LineApiError) return err;
    if (err instanceof HTTPFetchError) {
      let message: string | null = null;
      try {
        message = (JSON.parse(err.body) as { message?: string }).message ?? null;
      } catch {
        message = null;
      }
      if (err.status === 401 || err.status === 403) return new LineApiError('UNAUTHORIZED', err.status, message);
      if (err.status === 429) {
        return new LineApiError(/monthly limit/i.test(message ?? '') ? 'MONTHLY_QUOTA_EXHAUSTED' : 'RATE_LIMITED', 429, message);
      }
      if (err.status >= 500) return new LineApiError('SERVER_ERROR', err.status, message);
      return new LineApiError('BAD_REQUEST', err.status, message);
    }
    return new LineApiError('NETWORK', null, err instanceof Error ? err.message : null);
  }
}
