import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import { ReadPermission } from '../../platform/auth/access.js';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { sharedOrDepartmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from './department.entity.js';

/**
 * A named set of permissions that administrators define and assign to staff (ADM-11, ADM-12).
 * A role belongs to one department, whose staff it may be given to and whose managers keep it, or
 * it is shared by every department and only system administrators change it (docs/adr/0007).
 */
@ObjectType()
@ReadPermission('roles.read')
@Entity({ tableName: 'role' })
@Filter(sharedOrDepartmentScopeFilter('department'))
// A name is unique among the shared roles and each department's own (Migration20261201090000).
@Index({
  name: 'role_owner_name_unique',
  expression: `create unique index "role_owner_name_unique" on "role" (coalesce("department_id", '00000000-0000-0000-0000-000000000000'::uuid), "name")`,
})
export class Role extends BaseEntity<'description' | 'isSystemAdmin' | 'requireTotp' | 'department'> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  /** null: shared by every department, managed by system administrators. */
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'restrict' })
  department?: Department | null;

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
