import { Collection, Entity, Enum, Filter, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { sharedOrDepartmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import { AttributeKind } from './attribute-kind.js';
import { AttributeOption } from './attribute-option.entity.js';

/**
 * One attribute staff define (年代, 居住地区, 子どもの生年月日 …). Integer ids, because the
 * resident document and the dates table refer to it millions of times (ADR 0012). Retiring keeps
 * it and every stored value; only the editors stop offering it. Shared by all departments when
 * `department` is null, else seen and managed by that department (and system administrators).
 */
@ObjectType({ description: '住民の属性（項目）' })
@ReadPermission('attributes.read')
@Entity({ tableName: 'attribute_definition' })
@Filter(sharedOrDepartmentScopeFilter('department'))
export class AttributeDefinition {
  [OptionalProps]?:
    | 'createdAt'
    | 'updatedAt'
    | 'helpText'
    | 'position'
    | 'retiredAt'
    | 'personal'
    | 'residentEditable'
    | 'department'
    | 'numberMin'
    | 'numberMax'
    | 'numberInteger';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => String, { description: 'stable ASCII key (forms, the API and exports refer to it); never changes' })
  @Property({ type: 'string', length: 60, unique: true })
  key!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  label!: string;

  @Field(() => AttributeKind)
  @Enum({ items: () => AttributeKind, type: 'string', length: 20 })
  kind!: AttributeKind;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  helpText: string | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  position = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;

  @Field(() => Boolean, { description: 'values are encrypted, shown only with residents.read_personal, never usable in segments' })
  @Property({ type: 'boolean', default: false })
  personal = false;

  @Field(() => Boolean, { description: 'residents see and change it on the 受信設定 page' })
  @Property({ type: 'boolean', default: true })
  residentEditable = true;

  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  @Index()
  department: Department | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  numberMin: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  numberMax: number | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  numberInteger = false;

  @OneToMany(() => AttributeOption, (o) => o.attribute)
  options = new Collection<AttributeOption>(this);
}
