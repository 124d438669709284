import { Entity, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';

/**
 * A mail list (SEG-05: 「子育て情報メール」「防災情報メール」), owned by a department (scoped,
 * docs/adr/0002). Residents who do not use LINE subscribe to public, active lists on the sign-up
 * page; a delivery mirrored to a list reaches its confirmed subscribers by mail.
 */
@ObjectType()
@ReadPermission('mail_lists.read')
@Entity({ tableName: 'mail_list' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['department', 'updatedAt'] })
@Unique({ properties: ['department', 'name'] })
export class MailList extends BaseEntity<'description' | 'isPublic' | 'active' | 'departmentId'> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'shown to residents on the sign-up page' })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => Boolean, { description: 'offered on the public sign-up page (when active too)' })
  @Property({ type: 'boolean', default: false })
  isPublic: boolean = false;

  @Field(() => Boolean, { description: 'an inactive list takes no sign-ups and is skipped by deliveries' })
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @Field(() => ID, { description: 'the owning department' })
  get departmentId(): string {
    return this.department.id;
  }
}
