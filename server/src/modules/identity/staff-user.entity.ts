import { Collection, Entity, Filter, Index, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { ReadPermission } from '../../platform/auth/access.js';
import { Authorized, Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from './department.entity.js';
import { Role } from './role.entity.js';

/** A staff account of the admin console. */
@ObjectType()
@ReadPermission('staff.read')
@Entity({ tableName: 'staff_user' })
@Filter(departmentScopeFilter('department'))
export class StaffUser extends BaseEntity<
  | 'email'
  | 'isActive'
  | 'totpEnabled'
  | 'mustChangePassword'
  | 'failedLoginCount'
  | 'lockedUntil'
  | 'lastLoginAt'
  | 'passwordChangedAt'
  | 'roles'
> {
  /** Normalised (NFKC, lower case) so look-ups ignore case and full-width forms. */
  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  @Unique()
  loginId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  displayName!: string;

  @Authorized('staff.read_personal')
  @Field(() => String, { nullable: true })
  @Property({ type: EncryptedType, nullable: true })
  email?: string | null;

  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  @Index()
  department!: Department;

  @ManyToMany(() => Role, undefined, { pivotTable: 'staff_user_role', owner: true })
  roles = new Collection<Role>(this);

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  totpEnabled: boolean = false;

  @Property({ type: EncryptedType, nullable: true, hidden: true })
  totpSecret?: string | null;

  /** Secret offered during enrolment, confirmed by a first valid code. */
  @Property({ type: EncryptedType, nullable: true, hidden: true })
  totpPendingSecret?: string | null;

  /** Last accepted TOTP time step; a code is never accepted twice. */
  @Property({ type: 'bigint', nullable: true, hidden: true })
  totpLastStep?: string | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean = false;

  @Property({ type: 'integer', default: 0 })
  failedLoginCount: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  passwordChangedAt?: Date | null;
}
