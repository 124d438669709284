import { Entity, Filter, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';

/**
 * One operation-log entry (ADM-16). Entries form a keyed hash chain: each hash covers the previous
 * hash and this entry's content, so editing or deleting a row breaks the chain from there on.
 */
@ObjectType()
@ReadPermission('audit.read')
@Entity({ tableName: 'audit_event' })
@Filter(departmentScopeFilter('departmentId'))
@Index({ properties: ['occurredAt'] })
@Index({ properties: ['action'] })
@Index({ properties: ['targetType', 'targetId'] })
export class AuditEvent {
  [OptionalProps]?: 'seq' | 'id' | 'seqText';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @Field(() => ID, { name: 'id' })
  get id(): string {
    return String(this.seq);
  }

  @Field(() => String, { name: 'seq' })
  get seqText(): string {
    return String(this.seq);
  }

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => String, { description: 'STAFF | API_KEY | RESIDENT | SYSTEM | ANONYMOUS' })
  @Property({ type: 'string', length: 16 })
  actorType!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  @Index()
  actorId?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 120, nullable: true })
  actorLabel?: string | null;

  @Field(() => String, { description: 'e.g. identity.department.create, identity.login.failure' })
  @Property({ type: 'string', length: 100 })
  action!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 60, nullable: true })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string | null;

  /** JSON text of what changed, personal data redacted. */
  @Field(() => String, { nullable: true, description: 'JSON summary of the change (personal data redacted)' })
  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 45, nullable: true })
  ip?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 400, nullable: true })
  userAgent?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  @Index()
  departmentId?: string | null;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
