import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { Department } from '../identity/index.js';
import type { SegmentCondition } from './condition.js';

/**
 * A named condition over residents (SEG-01, SEG-04, SEG-16), owned by a department (scoped,
 * docs/adr/0002). Deliveries target segments; the last count is kept for the list (SEG-16).
 */
@ObjectType()
@ReadPermission('segments.read')
@Entity({ tableName: 'segment' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['department', 'updatedAt'] })
export class Segment extends BaseEntity<'description' | 'lastCount' | 'lastCountedAt'> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @Field(() => JSONObject, {
    description:
      "the condition tree (see the segments module: all / any / not over attribute, tag, follow, channel, language, form-answer and engagement leaves; engagement is { type: 'engagement', deliveryId, action: 'clicked' | 'notClicked' | 'answered' | 'notAnswered' }, who opened one of the delivery's links through the LIFF app, or answered the form it carried through its card)",
  })
  @Property({ type: 'json' })
  condition!: SegmentCondition;

  @Field(() => Int, { nullable: true, description: 'friends matching at the last count (SEG-16)' })
  @Property({ type: 'integer', nullable: true })
  lastCount: number | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastCountedAt: Date | null = null;
}
