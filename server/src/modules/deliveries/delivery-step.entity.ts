import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { LineChannel } from '../channels/index.js';
import { Department } from '../identity/index.js';
import type { DeliveryVariant } from './delivery.entity.js';

/** One message of a plan: `offsetDays` after (negative: before) the reference date, at `time` JST. */
@ObjectType({ description: 'ステップ配信の1通: 基準日の offsetDays 日後（負の数は前）の time（日本時間）に送る' })
export class DeliveryStep {
  @Field(() => ID, { description: 'stable across edits: a date already sent for this step is not sent again' })
  id!: string;

  @Field(() => Int, { description: 'days after the reference date; negative = before, 0 = on the day' })
  offsetDays!: number;

  @Field(() => String, { description: "'HH:MM', Asia/Tokyo" })
  time!: string;

  @Field(() => [JSONObject], { description: 'language variants: `{ language, messages }`, Japanese first' })
  variants!: DeliveryVariant[];
}

/**
 * A step (anniversary) plan, SEG-11: messages N days before or after a resident's date attribute
 * (生年月日, 出産予定日, each child's birth date of a date list counting separately), to the
 * channel's friends, optionally only those in some segments. Owned by a department (scoped like
 * Delivery). The job `deliveries.steps` looks at the time since `scannedUntil` on every run.
 */
@ObjectType({ description: 'ステップ配信（基準日から n 日前・後のメッセージ）' })
@ReadPermission('deliveries.read')
@Entity({ tableName: 'delivery_step_plan' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['department', 'updatedAt'] })
export class DeliveryStepPlan extends BaseEntity<
  'enabled' | 'segmentIds' | 'scannedUntil' | 'createdBy' | 'departmentId' | 'channelId' | 'dateAttributeKey'
> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  title!: string;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @ManyToOne(() => LineChannel, { deleteRule: 'restrict' })
  channel!: LineChannel;

  /** The DATE or DATE_LIST attribute whose dates are the reference dates (resident_attribute_date). */
  @Property({ type: 'integer' })
  dateAttributeId!: number;

  @Field(() => [String], { description: 'when not empty, only friends matching any of these segments' })
  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  segmentIds: string[] = [];

  @Field(() => Boolean, { description: 'only enabled plans send' })
  @Property({ type: 'boolean', default: false })
  enabled: boolean = false;

  @Field(() => [DeliveryStep], { description: 'in the order of their offset and time' })
  @Property({ type: 'json' })
  steps!: DeliveryStep[];

  /**
   * The end of the last window the job looked at: steps whose instant is before it are done. A new
   * or re-enabled plan starts from that moment, never sending what fell due before.
   */
  @Field(() => Date, { description: 'steps due before this instant have been handled' })
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  scannedUntil: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Field(() => ID)
  get departmentId(): string {
    return this.department.id;
  }

  @Field(() => ID)
  get channelId(): string {
    return this.channel.id;
  }

  @Field(() => ID, { name: 'dateAttributeId', description: 'the DATE or DATE_LIST attribute (attributeDefinition id)' })
  get dateAttributeKey(): string {
    return String(this.dateAttributeId);
  }
}
