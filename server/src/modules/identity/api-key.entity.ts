import { Entity, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { ReadPermission } from '../../platform/auth/access.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from './department.entity.js';
import { StaffUser } from './staff-user.entity.js';

/** A third party's key to the GraphQL API. The secret is shown once and stored as a keyed hash. */
@ObjectType()
@ReadPermission('apikeys.read')
@Entity({ tableName: 'api_key' })
@Filter(departmentScopeFilter('department'))
export class ApiKey extends BaseEntity<
  'department' | 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'createdBy' | 'createdByKey' | 'ipRestricted'
> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { description: 'first characters of the key, to recognise it' })
  @Property({ type: 'string', length: 16 })
  @Index()
  prefix!: string;

  @Property({ type: 'string', length: 67, hidden: true })
  @Unique()
  secretHash!: string;

  @Field(() => [String])
  @Property({ type: 'string[]', columnType: 'text[]' })
  permissions: string[] = [];

  @ManyToOne(() => Department, { nullable: true, deleteRule: 'restrict' })
  department?: Department | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  ipRestricted: boolean = false;

  @Field(() => Int)
  @Property({ type: 'integer' })
  rateLimitPerMinute!: number;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @ManyToOne(() => StaffUser, { nullable: true, deleteRule: 'set null' })
  createdBy?: StaffUser | null;

  /** The key that issued this one (keys issue keys only within their own bounds); revoked with it. */
  @ManyToOne(() => ApiKey, { nullable: true, deleteRule: 'restrict' })
  @Index()
  createdByKey?: ApiKey | null;
}
