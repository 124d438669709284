import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { LineChannel } from '../channels/index.js';

export enum WebhookEventStatus {
  PENDING = 'PENDING',
  PROCESSED = 'PROCESSED',
  /** A type no feature handles (stored, never crashes). */
  IGNORED = 'IGNORED',
  /** Retries exhausted; an administrator can retry it. */
  FAILED = 'FAILED',
}
registerEnumType(WebhookEventStatus, { name: 'WebhookEventStatus' });

/**
 * One webhook event as LINE delivered it, stored once per webhookEventId before we answer 200, then
 * processed. The raw event holds personal data and is stored encrypted.
 */
@ObjectType()
@ReadPermission('channels.read')
@Entity({ tableName: 'line_webhook_event' })
@Unique({ properties: ['channel', 'webhookEventId'] })
// The consumers' claim query and the administrators' failed list (Migration20261122090000);
// declared so schema diffs keep them.
@Index({
  name: 'line_webhook_event_pending_index',
  expression: `create index "line_webhook_event_pending_index" on "line_webhook_event" ("id") where "status" = 'PENDING'`,
})
@Index({
  name: 'line_webhook_event_failed_index',
  expression: `create index "line_webhook_event_failed_index" on "line_webhook_event" ("id") where "status" = 'FAILED'`,
})
@Index({
  name: 'line_webhook_event_claimed_sender_index',
  expression: `create index "line_webhook_event_claimed_sender_index" on "line_webhook_event" ("channel_id", "sender_key", "id") where "status" = 'PENDING' and "claimed_until" is not null`,
})
export class LineWebhookEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => LineChannel, { deleteRule: 'cascade' })
  channel!: LineChannel;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  webhookEventId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 40 })
  type!: string;

  @Property({ type: EncryptedType })
  payload!: string;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Field(() => Int, { description: 'how many times LINE delivered it again after the first' })
  @Property({ type: 'integer', default: 0 })
  redeliveries: number = 0;

  @Field(() => WebhookEventStatus)
  @Enum({ items: () => WebhookEventStatus, type: 'string', default: WebhookEventStatus.PENDING })
  status: WebhookEventStatus = WebhookEventStatus.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  processedAt?: Date | null;

  /** A keyed 64-bit digest of the sender (resident, group or room): their events are processed in order. */
  @Property({ type: 'bigint', nullable: true })
  senderKey?: string | null;

  /** The handlers (by name) that have run for it: a retry runs only the others. */
  @Field(() => [String], { description: 'the handlers that have processed it; a retry runs only the others' })
  @Property({ type: 'string[]', columnType: 'text[]', default: '{}' })
  handled: string[] = [];

  /** Set while one process works on the event, so two consumers never both do. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  claimedUntil?: Date | null;
}
