import { messagingApi, HTTPFetchError } from '@line/bot-sdk';
import client from 'prom-client';
import type { AppConfig } from '../../config/config.js';
import type { Logger } from '../logging/logger.js';
import { metricsRegistry } from '../metrics/registry.js';
import type { RateLimiter } from '../ratelimit/rate-limiter.js';

/** What the gateway needs to act for one LINE channel (credentials already decrypted). */
export interface LineChannelCredentials {
  /** Our channel record id: rate limits and metrics are kept per channel. */
  readonly id: string;
  readonly channelAccessToken: string;
}

export type LineEndpoint = 'botInfo' | 'profile' | 'reply';

/**
 * LINE's published rate limits per channel ("Rate limits", Messaging API reference).
 * Kept in PostgreSQL counters so every process of a deployment shares them.
 */
const RATE_LIMITS: Record<LineEndpoint, { limit: number; windowSeconds: number }> = {
  botInfo: { limit: 2_000, windowSeconds: 1 },
  profile: { limit: 2_000, windowSeconds: 1 },
  reply: { limit: 2_000, windowSeconds: 1 },
};

export type LineFailureKind = 'UNAUTHORIZED' | 'RATE_LIMITED' | 'MONTHLY_QUOTA_EXHAUSTED' | 'BAD_REQUEST' | 'SERVER_ERROR' | 'NETWORK';

/** A call to LINE that did not succeed, with what the caller should tell people. */
export class LineApiError extends Error {
  constructor(
    readonly kind: LineFailureKind,
    readonly status: number | null,
    readonly lineMessage: string | null,
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
 * The only code that talks to LINE (DESIGN §4): bot-sdk clients with configurable base URLs (the
 * emulator in development and tests), per-channel rate limits, backoff on 429 and 5xx, a monthly
 * quota exhaustion recognised and surfaced instead of retried, and metrics per endpoint and outcome.
 */
export class LineGateway {
  constructor(
    private readonly config: Pick<AppConfig, 'LINE_API_BASE_URL' | 'LINE_DATA_API_BASE_URL'>,
    private readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private client(channel: LineChannelCredentials): messagingApi.MessagingApiClient {
    return new messagingApi.MessagingApiClient({ channelAccessToken: channel.channelAccessToken, baseURL: this.config.LINE_API_BASE_URL });
  }

  async botInfo(channel: LineChannelCredentials): Promise<messagingApi.BotInfoResponse> {
    return this.call(channel, 'botInfo', () => this.client(channel).getBotInfo());
  }

  async profile(channel: LineChannelCredentials, userId: string): Promise<messagingApi.UserProfileResponse> {
    return this.call(channel, 'profile', () => this.client(channel).getProfile(userId));
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

  private async call<T>(
    channel: LineChannelCredentials,
    endpoint: LineEndpoint,
    fn: () => Promise<T>,
    options: { retryOn?: LineFailureKind[] } = {},
  ): Promise<T> {
    const retryOn = options.retryOn ?? ['RATE_LIMITED', 'SERVER_ERROR', 'NETWORK'];
    for (let attempt = 1; ; attempt++) {
      await this.waitForRateLimit(channel, endpoint);
      try {
        const result = await fn();
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

  /** Waits (rather than fails) until the channel's window for this endpoint has room. */
  private async waitForRateLimit(channel: LineChannelCredentials, endpoint: LineEndpoint): Promise<void> {
    const { limit, windowSeconds } = RATE_LIMITS[endpoint];
    for (;;) {
      const hit = await this.rateLimiter.hit(`line:${channel.id}:${endpoint}`, limit, windowSeconds);
      if (hit.allowed) return;
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
