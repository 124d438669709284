import pg from 'pg';
import type { Logger } from '../logging/logger.js';

export interface PgListenerOptions {
  databaseUrl: string;
  /** Channel names: lower-case identifiers, never user input. */
  channels: readonly string[];
  onNotification(channel: string, payload: string | undefined): void;
  /** Called after a lost connection is back: notifications sent meanwhile were missed. */
  onReconnect?(): void;
  logger: Logger;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * A dedicated PostgreSQL connection that LISTENs on a few channels and reconnects with backoff
 * when the connection drops. Shared by the PubSub backend and the webhook consumer's wake-up.
 */
export class PgListener {
  private client?: pg.Client;
  private closed = false;

  private constructor(private readonly options: PgListenerOptions) {
    for (const channel of options.channels) if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid LISTEN channel ${channel}`);
  }

  static async connect(options: PgListenerOptions): Promise<PgListener> {
    const listener = new PgListener(options);
    await listener.listen();
    return listener;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (msg) => this.options.onNotification(msg.channel, msg.payload));
    client.on('error', (err) => {
      this.options.logger.error({ err, channels: this.options.channels }, 'LISTEN connection failed; reconnecting');
      void this.reconnect(client);
    });
    await client.connect();
    for (const channel of this.options.channels) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private async reconnect(failed: pg.Client): Promise<void> {
    if (this.closed || this.client !== failed) return;
    this.client = undefined;
    await failed.end().catch(() => undefined);
    for (let delay = 500; !this.closed; delay = Math.min(delay * 2, 10_000)) {
      try {
        await this.listen();
        this.options.onReconnect?.();
        return;
      } catch (err) {
        this.options.logger.warn({ err }, 'LISTEN reconnect failed');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}
