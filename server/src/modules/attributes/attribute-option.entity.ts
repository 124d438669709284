import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import type { AttributeDefinition } from './attribute-definition.entity.js';

/**
 * One value a resident can choose: an option of a choice, an area (with its parent), yes, no,
 * consent given. Its integer id is what the resident document's int[] holds (ADR 0012), so it
 * never changes and is never reused; retiring keeps it.
 */
@ObjectType({ description: '属性の選択肢' })
@ReadPermission('attributes.read')
@Entity({ tableName: 'attribute_option' })
@Unique({ properties: ['attribute', 'key'] })
@Index({ properties: ['attribute', 'position'] })
export class AttributeOption {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'parent' | 'position' | 'retiredAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  // The string form avoids an import cycle with the definition entity.
  @ManyToOne('AttributeDefinition', { deleteRule: 'cascade' })
  attribute!: AttributeDefinition;

  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  key!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  label!: string;

  /** The enclosing area (area attributes only). */
  @ManyToOne(() => AttributeOption, { nullable: true, deleteRule: 'restrict' })
  @Index()
  parent: AttributeOption | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  position = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;
}
