import { PgListener } from '../../platform/db/pg-listener.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { WebhookProcessor } from './webhook-processor.js';

/** The channel the insert trigger of line_webhook_event notifies (Migration20261122090000). */
export const WEBHOOK_WAKE_CHANNEL = 'line_webhook_pending';
/** Also look without a notification this often: retries fall due and notifications can be missed. */
const POLL_MS = 5_000;
/** After an unexpected error (database away), wait this long before claiming again. */
const ERROR_PAUSE_MS = 1_000;

/**
 * Processes stored webhook events as soon as they arrive: LISTENs for the insert trigger's NOTIFY
 * and drains the pending events through the WebhookProcessor. Runs in the job workers by default
 * (WEBHOOK_PROCESSING=jobs), so the server's event loop only verifies and stores what LINE sends;
 * any number of consumers can run, claims keep them apart.
 */
export class WebhookConsumer {
  private listener?: PgListener;
  private poll?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wanted = false;
  private stopped = false;

  private constructor(
    private readonly processor: WebhookProcessor,
    private readonly logger: Logger,
  ) {}

  static async start(processor: WebhookProcessor, databaseUrl: string, logger: Logger): Promise<WebhookConsumer> {
    const consumer = new WebhookConsumer(processor, logger.child({ component: 'webhook-consumer' }));
    consumer.listener = await PgListener.connect({
      databaseUrl,
      channels: [WEBHOOK_WAKE_CHANNEL],
      logger: consumer.logger,
      onNotification: () => consumer.wake(),
      onReconnect: () => consumer.wake(),
    });
    consumer.poll = setInterval(() => consumer.wake(), POLL_MS);
    consumer.poll.unref();
    consumer.wake(); // whatever arrived while no consumer ran
    return consumer;
  }

  /** Makes sure a drain runs after this call (one at a time; a wake during a drain runs another). */
  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        const processed = await this.processor.processPending({ maxMs: 10_000, shouldStop: () => this.stopped });
        // It may have stopped at its deadline with more waiting: look again until a claim is empty.
        if (processed > 0) this.wanted = true;
      } catch (err) {
        this.logger.error({ err }, 'webhook processing failed; trying again shortly');
        await new Promise((r) => setTimeout(r, ERROR_PAUSE_MS));
        this.wanted = true;
      }
    }
  }

  /** Resolves when nothing is being processed (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops listening and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.listener?.close();
    await this.running;
  }
}
