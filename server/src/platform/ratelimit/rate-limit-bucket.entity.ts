import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A fixed-window counter shared by every process of a deployment. */
@Entity({ tableName: 'rate_limit_bucket' })
export class RateLimitBucket {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @PrimaryKey({ type: 'Date', columnType: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'integer' })
  count!: number;
}
