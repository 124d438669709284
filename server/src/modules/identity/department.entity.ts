import { Entity, Property, Unique } from '@mikro-orm/core';
import { ReadPermission } from '../../platform/auth/access.js';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../platform/db/base.entity.js';

/** A department (課) of the municipality; staff and their data belong to one. */
@ObjectType()
@ReadPermission('departments.read')
@Entity({ tableName: 'department' })
export class Department extends BaseEntity {
  /** Short code used in URLs and exports, e.g. "digital". */
  @Field(() => String)
  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;
}
