import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { unscopedRawQuery } from '../../platform/db/scoped-sql.js';
import type { LineChannelService } from '../channels/index.js';

/** LINE's webhookEventId is a 26-character ULID; anything that does not fit the column is hashed. */
const EVENT_ID = /^[\x21-\x7e]{1,64}$/;
const SYSTEM_WORK = 'LINE webhook ingestion is not any actor’s';

interface PendingRow {
  channelId: string;
  webhookEventId: string;
  type: string;
  payload: string;
  redelivery: boolean;
  senderKey: string;
}

/**
 * 401 for every refusal, whether the channel is unknown, inactive or the signature wrong: a
 * stranger learns nothing about which channel ids exist.
 */
export type IngestResult = { status: 200; stored: number; duplicates: number } | { status: 401 };

/**
 * The receiving half of LINE webhooks (DESIGN §4, ADR 0006): verify x-line-signature over the raw
 * body, store each event once by webhookEventId (encrypted), answer. Storing wakes the consumers
 * (a trigger NOTIFYs); webhook-processor.ts does the rest.
 */
export class WebhookIngestion {
  /** Rows of requests waiting for the next group commit. */
  private readonly storeQueue: Array<{ rows: PendingRow[]; resolve: (fresh: boolean[]) => void; reject: (err: unknown) => void }> = [];
  private storeScheduled = false;
  /** Signs for unknown channels, so that a refusal takes as long whether the channel exists or not. */
  private readonly decoySecret = randomBytes(32);

  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly channels: LineChannelService,
  ) {}

  async ingest(channelId: string, rawBody: Buffer, signature: string | undefined): Promise<IngestResult> {
    const known = await this.channels.known(channelId);
    const accepted = known?.channel.isActive ? known : null;
    const expected = createHmac('sha256', accepted ? accepted.secret : this.decoySecret)
      .update(rawBody)
      .digest();
    const given = Buffer.from(signature ?? '', 'base64');
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    if (!accepted || !valid) return { status: 401 };

    let body: { events?: Array<Record<string, unknown>> };
    try {
      body = JSON.parse(rawBody.toString('utf8')) as typeof body;
    } catch {
      return { status: 200, stored: 0, duplicates: 0 };
    }
    const events = Array.isArray(body.events) ? body.events : [];
    if (events.length === 0) return { status: 200, stored: 0, duplicates: 0 }; // LINE's "verify" call

    const rows: PendingRow[] = [];
    const seen = new Set<string>();
    for (const event of events) {
      if (!event || typeof event !== 'object' || Array.isArray(event)) continue; // not an event object: nothing to store
      // Every current LINE event has a webhookEventId; old payloads without one get a content hash,
      // and an id that is not LINE's shape (too long, control characters) a hash of itself.
      const given = event['webhookEventId'];
      const id =
        typeof given === 'string'
          ? EVENT_ID.test(given)
            ? given
            : `h:${sha256Hex(given).slice(0, 40)}`
          : sha256Hex(JSON.stringify(event)).slice(0, 40);
      // One upsert cannot touch a row twice: a repeated id within one body counts once.
      if (seen.has(id)) continue;
      seen.add(id);
      const source = event['source'] as { userId?: string; groupId?: string; roomId?: string } | undefined;
      const sender = source?.userId ?? source?.groupId ?? source?.roomId ?? id;
      rows.push({
        channelId: accepted.channel.id,
        webhookEventId: id,
        type: typeof event['type'] === 'string' ? event['type'].slice(0, 40) : 'unknown',
        payload: this.keyring.encrypt(JSON.stringify({ ...event, webhookEventId: id })),
        redelivery: (event['deliveryContext'] as { isRedelivery?: boolean } | undefined)?.isRedelivery === true,
        senderKey: this.senderKey(String(sender)),
      });
    }
    const fresh = await this.store(rows);
    const stored = fresh.filter(Boolean).length;
    return { status: 200, stored, duplicates: fresh.length - stored };
  }

  /** A keyed 64-bit digest of the sender: orders one resident's events without storing their LINE user id. */
  private senderKey(sender: string): string {
    return BigInt.asIntN(64, BigInt(`0x${this.keyring.hash(`webhook-sender:${sender}`).slice(3, 19)}`)).toString();
  }

  /**
   * Group commit: the rows of every request that arrives in the same turn of the event loop go to
   * PostgreSQL in one upsert, so a burst of single-event webhooks costs one round trip per turn
   * instead of one per request. Each request still waits for its own rows to be stored.
   */
  private store(rows: PendingRow[]): Promise<boolean[]> {
    return new Promise((resolve, reject) => {
      this.storeQueue.push({ rows, resolve, reject });
      if (this.storeScheduled) return;
      this.storeScheduled = true;
      setImmediate(() => void this.flushStore());
    });
  }

  /** Statements the group commit has sent (tests check that a burst shares them). */
  storeStatements = 0;

  private async flushStore(): Promise<void> {
    const batch = this.storeQueue.splice(0, this.storeQueue.length);
    this.storeScheduled = false;
    // The same event twice in one statement (LINE redelivering while the first is in flight) would
    // make PostgreSQL refuse the upsert: the later copy counts as a duplicate without a row.
    const key = (row: PendingRow) => `${row.channelId}/${row.webhookEventId}`;
    const first = new Map<string, PendingRow>();
    for (const { rows } of batch) for (const row of rows) if (!first.has(key(row))) first.set(key(row), row);
    const unique = [...first.values()];
    try {
      this.storeStatements += 1;
      // Six array parameters whatever the batch size: one statement text, parsed and planned alike.
      const stored = await unscopedRawQuery<{ channel_id: string; webhook_event_id: string; fresh: boolean }>(
        this.orm,
        SYSTEM_WORK,
        `insert into line_webhook_event (channel_id, webhook_event_id, type, payload, sender_key, redeliveries, received_at, status, attempts)
         select v.channel_id, v.webhook_event_id, v.type, v.payload, v.sender_key, v.redeliveries, now(), 'PENDING', 0
           from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[])
                as v(channel_id, webhook_event_id, type, payload, sender_key, redeliveries)
         on conflict (channel_id, webhook_event_id) do update set redeliveries = line_webhook_event.redeliveries + 1
         returning channel_id, webhook_event_id, (xmax = 0) as fresh`,
        [
          unique.map((r) => r.channelId),
          unique.map((r) => r.webhookEventId),
          unique.map((r) => r.type),
          unique.map((r) => r.payload),
          unique.map((r) => r.senderKey),
          unique.map((r) => (r.redelivery ? 1 : 0)),
        ],
      );
      const freshByKey = new Map(stored.map((r) => [`${r.channel_id}/${r.webhook_event_id}`, r.fresh]));
      // Only the first copy of a fresh row counts as stored; later copies are duplicates.
      for (const { rows, resolve } of batch) resolve(rows.map((row) => freshByKey.get(key(row)) === true && first.get(key(row)) === row));
    } catch (err) {
      for (const { reject } of batch) reject(err);
    }
  }
}
