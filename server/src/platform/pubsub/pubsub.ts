import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import type { PubSub as TypeGraphQLPubSub } from 'type-graphql';
import { PgListener } from '../db/pg-listener.js';
import type { Logger } from '../logging/logger.js';

/**
 * Publish/subscribe for GraphQL subscriptions. In-process by default; with the PostgreSQL backend
 * every instance LISTENs on one channel and a publish is a NOTIFY, so a subscriber on one server
 * process receives events published on another (DESIGN §4, no extra component).
 */
export interface PubSub extends TypeGraphQLPubSub {
  publish(topic: string, payload: unknown): void;
  close(): Promise<void>;
}

const CHANNEL = 'machi_pubsub';
/** NOTIFY payloads are limited to 8000 bytes; leave room for the envelope. */
const MAX_NOTIFY_BYTES = 7900;

class LocalBus {
  private readonly emitter = new EventEmitter({ captureRejections: true });
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  emit(topic: string, payload: unknown) {
    this.emitter.emit(topic, payload);
  }
  async *iterate(topic: string, signal?: AbortSignal): AsyncIterable<unknown> {
    for await (const [payload] of on(this.emitter, topic, { signal })) yield payload;
  }
}

export class MemoryPubSub implements PubSub {
  protected readonly bus = new LocalBus();

  publish(topic: string, payload: unknown): void {
    this.bus.emit(topic, payload);
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    return this.bus.iterate(topic);
  }

  async close(): Promise<void> {}
}

export class PostgresPubSub implements PubSub {
  private readonly bus = new LocalBus();
  private listener?: PgListener;
  private readonly publisher: pg.Pool;

  private constructor(
    databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.publisher = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle connection the server ends (a restart, an administrator, or a database dropped just
    // after close(): pg-pool's end() resolves before its sockets have closed) is an 'error' event
    // on the pool; unheard, it would stop the process. The pool replaces the connection itself.
    this.publisher.on('error', (err: Error & { code?: string }) => {
      this.logger.warn({ reason: err.message, code: err.code }, 'pubsub: an idle publisher connection was closed');
    });
  }

  static async connect(databaseUrl: string, logger: Logger): Promise<PostgresPubSub> {
    const pubsub = new PostgresPubSub(databaseUrl, logger);
    pubsub.listener = await PgListener.connect({
      databaseUrl,
      channels: [CHANNEL],
      logger,
      onNotification: (_channel, text) => pubsub.deliver(text),
    });
    return pubsub;
  }

  private deliver(text: string | undefined): void {
    if (!text) return;
    try {
      const { topic, payload } = JSON.parse(text) as { topic: string; payload: unknown };
      this.bus.emit(topic, payload);
    } catch (err) {
      this.logger.warn({ err }, 'ignored a malformed pubsub notification');
    }
  }

  publish(topic: string, payload: unknown): void {
    const text = JSON.stringify({ topic, payload });
    if (Buffer.byteLength(text) > MAX_NOTIFY_BYTES) {
      this.logger.error({ topic }, 'pubsub payload too large for NOTIFY; publish ids, not documents');
      return;
    }
    this.publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, text]).catch((err: unknown) => {
      this.logger.error({ err, topic }, 'pubsub publish failed');
    });
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    return this.bus.iterate(topic);
  }

  async close(): Promise<void> {
    await this.listener?.close();
    await this.publisher.end();
  }
}
