import { createHmac } from 'node:crypto';
import type { ChannelState, EmulatorStore } from './store.js';

// Delivers webhook events to a channel's webhook URL the way the LINE Platform does: a JSON body
// {"destination": <bot user id>, "events": [...]}, signed with x-line-signature =
// base64(HMAC-SHA256(channel secret, raw body)); when the receiver fails (non-2xx, timeout or
// network error) and webhook redelivery is on, the same event (same webhookEventId and timestamp)
// is sent again later with deliveryContext.isRedelivery = true, a bounded number of times.

export interface WebhookEvent {
  type: string;
  mode: 'active' | 'standby';
  timestamp: number;
  source: { type: 'user'; userId: string };
  webhookEventId: string;
  deliveryContext: { isRedelivery: boolean };
  replyToken?: string;
  [key: string]: unknown;
}

export interface WebhookSenderOptions {
  /** How long to wait for the receiver. */
  timeoutMs: number;
  /** Delay before each redelivery; its length bounds the number of redeliveries. */
  redeliveryDelaysMs: number[];
}

export function signWebhookBody(channelSecret: string, rawBody: string): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}

export interface WebhookTestResult {
  success: boolean;
  timestamp: string;
  statusCode: number;
  reason: string;
  detail: string;
}

export class WebhookSender {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly store: EmulatorStore,
    private readonly options: WebhookSenderOptions,
  ) {}

  /**
   * Queues an event. First attempts go out one after another per channel so the server sees
   * events in the order they happened (follow before the first message).
   */
  deliver(channelId: string, event: WebhookEvent): void {
    this.track(() => {
      const previous = this.chains.get(channelId) ?? Promise.resolve();
      const next = previous.then(() => this.attempt(channelId, event, 1));
      this.chains.set(channelId, next);
      return next;
    });
  }

  private track(work: () => Promise<void>): void {
    this.inFlight += 1;
    void work()
      .catch(() => undefined)
      .finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0 && this.timers.size === 0) this.wakeIdleWaiters();
      });
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when no delivery is in flight and no redelivery is scheduled. */
  settled(): Promise<void> {
    if (this.inFlight === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async attempt(channelId: string, event: WebhookEvent, attempt: number): Promise<void> {
    if (this.closed) return;
    const channelState = this.store.channel(channelId);
    if (!channelState) return;
    const { channel } = channelState;
    const record = {
      webhookEventId: event.webhookEventId,
      eventType: event.type,
      userId: event.source.userId,
      attempt,
      isRedelivery: event.deliveryContext.isRedelivery,
      at: Date.now(),
    };
    if (!channel.webhookUrl || !channel.webhookActive) {
      this.store.recordWebhookAttempt(channelState, { ...record, outcome: 'skipped' });
      return;
    }
    const outcome = await this.post(channelState, channel.webhookUrl, { destination: channel.botUserId, events: [event] });
    this.store.recordWebhookAttempt(channelState, { ...record, outcome });
    const succeeded = typeof outcome === 'number' && outcome >= 200 && outcome < 300;
    const delay = this.options.redeliveryDelaysMs[attempt - 1];
    if (succeeded || !channel.webhookRedelivery || delay === undefined || this.closed) return;
    const redelivered: WebhookEvent = { ...event, deliveryContext: { isRedelivery: true } };
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(() => this.attempt(channelId, redelivered, attempt + 1));
    }, delay);
    this.timers.add(timer);
  }

  private async post(channelState: ChannelState, url: string, body: unknown): Promise<number | 'timeout' | 'network-error'> {
    const rawBody = JSON.stringify(body);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'LineBotWebhook/2.0',
          'x-line-signature': signWebhookBody(channelState.channel.channelSecret, rawBody),
        },
        body: rawBody,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch (error) {
      return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
  }

  /** "Verify" in the console / POST /v2/bot/channel/webhook/test: sends an empty event list. */
  async test(channelState: ChannelState, endpoint: string): Promise<WebhookTestResult> {
    const timestamp = new Date().toISOString();
    const outcome = await this.post(channelState, endpoint, { destination: channelState.channel.botUserId, events: [] });
    if (typeof outcome !== 'number')
      return { success: false, timestamp, statusCode: 0, reason: outcome === 'timeout' ? 'Timeout' : 'Connection failed', detail: outcome };
    const success = outcome >= 200 && outcome < 300;
    return { success, timestamp, statusCode: outcome, reason: success ? 'OK' : 'Bad status', detail: String(outcome) };
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.inFlight === 0) this.wakeIdleWaiters();
  }
}
