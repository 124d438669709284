import { Entity, Property, Unique } from '@mikro-orm/core';
import { ReadPermission } from '../../platform/auth/access.js';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../platform/db/base.entity.js';

/** An address range the admin console accepts (ADM-15). An empty list means no restriction. */
@ObjectType()
@ReadPermission('ipallowlist.read')
@Entity({ tableName: 'ip_allowlist_entry' })
export class IpAllowlistEntry extends BaseEntity<'description'> {
  /** Canonical CIDR, e.g. 203.0.113.0/24 or 2001:db8::/32. */
  @Field(() => String)
  @Property({ type: 'string', length: 50 })
  @Unique()
  cidr!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  description?: string | null;
}
