import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The next free slot of an evenly paced call stream (RateLimiter.pace), shared by every process. */
@Entity({ tableName: 'rate_pacer' })
export class RatePacer {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  nextSlot!: Date;
}
