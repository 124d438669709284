import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../platform/db/base.entity.js';

/** A named set of permissions that administrators define and assign to staff (ADM-11, ADM-12). */
@ObjectType()
@Entity({ tableName: 'role' })
export class Role extends BaseEntity<'description' | 'isSystemAdmin' | 'requireTotp'> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  @Unique()
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => [String])
  @Property({ type: 'string[]', columnType: 'text[]' })
  permissions: string[] = [];

  /** All permissions and every department; only the seeded 「システム管理者」 role has it. */
  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  isSystemAdmin: boolean = false;

  /** Members must use a TOTP second factor. */
  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  requireTotp: boolean = false;
}
