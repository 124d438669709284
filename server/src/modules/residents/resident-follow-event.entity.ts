import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { Resident } from './resident.entity.js';

export enum FollowEventKind {
  FOLLOW = 'FOLLOW',
  UNFOLLOW = 'UNFOLLOW',
}
registerEnumType(FollowEventKind, { name: 'FollowEventKind' });

/** One follow or unfollow of a resident, for the timeline and friend statistics. */
@ObjectType()
@ReadPermission('residents.read')
@Entity({ tableName: 'resident_follow_event' })
@Index({ properties: ['resident', 'occurredAt'] })
export class ResidentFollowEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Resident, { deleteRule: 'cascade' })
  resident!: Resident;

  @Field(() => FollowEventKind)
  @Enum({ items: () => FollowEventKind, type: 'string' })
  kind!: FollowEventKind;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  occurredAt!: Date;

  /** The webhook event it came from: processing the same event twice records it once. */
  @Property({ type: 'string', length: 64, nullable: true })
  @Unique()
  sourceEventId?: string | null;
}
