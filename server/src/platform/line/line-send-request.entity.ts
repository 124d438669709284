import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export enum LineSendStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  FAILED = 'FAILED',
}

/**
 * One push/multicast/narrowcast/broadcast request. Its id is the X-Line-Retry-Key, written before
 * LINE is called, so a retry after a timeout or a crash reuses the key and LINE delivers once.
 */
@Entity({ tableName: 'line_send_request' })
@Index({ properties: ['channelId', 'createdAt'] })
export class LineSendRequest {
  [OptionalProps]?: 'status' | 'attempts' | 'createdAt' | 'ref' | 'lineRequestId' | 'lastError' | 'completedAt';

  @PrimaryKey({ type: 'uuid' })
  retryKey!: string;

  @Property({ type: 'uuid' })
  channelId!: string;

  @Property({ type: 'string', length: 20 })
  endpoint!: string;

  @Enum({ items: () => LineSendStatus, type: 'string' })
  status: LineSendStatus = LineSendStatus.PENDING;

  /** What asked for it, e.g. `delivery-batch:<id>`; never personal data. */
  @Property({ type: 'string', length: 120, nullable: true })
  ref?: string | null;

  @Property({ type: 'integer' })
  recipients!: number;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  /** x-line-request-id of the accepted call (or x-line-accepted-request-id after a 409). */
  @Property({ type: 'string', length: 64, nullable: true })
  lineRequestId?: string | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  completedAt?: Date | null;
}
