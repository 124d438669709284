import { Entity, Filter, Index, ManyToOne, OneToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import { Delivery, DeliveryRun } from './delivery.entity.js';

/**
 * What LINE last reported about one real run (SEG-14/15), refreshed by `deliveries.collectStats`
 * for two weeks after the send. Counts keep LINE's names; null in a collected row means LINE
 * withholds it under its privacy threshold (fewer than 20 people), never zero. Not a GraphQL type:
 * the API shows the counts with the run's own numbers and rates (DeliveryStats).
 */
@Entity({ tableName: 'delivery_stat' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['delivery'] })
export class DeliveryStat extends BaseEntity<
  | 'collectedAt'
  | 'attemptedAt'
  | 'periodFrom'
  | 'periodTo'
  | 'uniqueImpression'
  | 'uniqueClick'
  | 'uniqueMediaPlayed'
  | 'uniqueMediaPlayed100Percent'
  | 'messages'
  | 'clicks'
  | 'lastError'
> {
  @OneToOne(() => DeliveryRun, { owner: true, deleteRule: 'cascade', unique: true })
  run!: DeliveryRun;

  @ManyToOne(() => Delivery, { deleteRule: 'cascade' })
  delivery!: Delivery;

  /** Copied from the run, so the row is scoped on its own. */
  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  /** When LINE last answered for this run; null until it has (the counts are then unknown, not withheld). */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  collectedAt: Date | null = null;

  /** When LINE was last asked (answered or not): the collector takes the longest-waiting runs first. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  attemptedAt: Date | null = null;

  /** The aggregation period asked for (yyyyMMdd, Asia/Tokyo). */
  @Property({ type: 'string', length: 8, nullable: true })
  periodFrom: string | null = null;

  @Property({ type: 'string', length: 8, nullable: true })
  periodTo: string | null = null;

  /** Residents who displayed at least one bubble (LINE: overview.uniqueImpression). */
  @Property({ type: 'integer', nullable: true })
  uniqueImpression: number | null = null;

  /** Residents who opened any URL in it (LINE: overview.uniqueClick). */
  @Property({ type: 'integer', nullable: true })
  uniqueClick: number | null = null;

  @Property({ type: 'integer', nullable: true })
  uniqueMediaPlayed: number | null = null;

  @Property({ type: 'integer', nullable: true, fieldName: 'unique_media_played_100_percent' })
  uniqueMediaPlayed100Percent: number | null = null;

  /** LINE's per-bubble numbers (`messages`), as answered. */
  @Property({ type: 'json', nullable: true })
  messages: unknown[] | null = null;

  /** LINE's per-URL numbers (`clicks`), as answered. */
  @Property({ type: 'json', nullable: true })
  clicks: unknown[] | null = null;

  /** Why the last attempt failed (LINE's answer), cleared by the next success. */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
