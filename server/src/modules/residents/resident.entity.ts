import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Authorized, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { EncryptedType, KeyedHashType } from '../../platform/crypto/column-types.js';
import { LineChannel } from '../channels/index.js';

export enum FollowStatus {
  FOLLOWING = 'FOLLOWING',
  /** Unfollowed or blocked the account (LINE does not tell the two apart). */
  BLOCKED = 'BLOCKED',
  /** Known only from a LIFF sign-in; no follow event seen yet. */
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(FollowStatus, { name: 'FollowStatus' });

/**
 * A resident: one LINE user of one channel (RES-12: the friends of the city's existing account).
 * The LINE user id and profile are personal data, stored encrypted; the keyed hash finds them.
 */
@ObjectType()
@ReadPermission('residents.read')
@Entity({ tableName: 'resident' })
@Unique({ properties: ['channel', 'lineUserIdHash'] })
export class Resident extends BaseEntity<
  | 'channel'
  | 'displayName'
  | 'pictureUrl'
  | 'language'
  | 'lastSignedInAt'
  | 'followStatus'
  | 'followedAt'
  | 'unfollowedAt'
  | 'profileRefreshedAt'
  | 'isTestRecipient'
  | 'tags'
> {
  /** null only for residents who signed in through LIFF before any channel was registered. */
  @ManyToOne(() => LineChannel, { nullable: true, deleteRule: 'restrict' })
  @Index()
  channel?: LineChannel | null;

  @Property({ type: KeyedHashType })
  @Index()
  lineUserIdHash!: string;

  @Property({ type: EncryptedType })
  lineUserId!: string;

  @Authorized('residents.read_personal')
  @Field(() => String, { nullable: true })
  @Property({ type: EncryptedType, nullable: true })
  displayName?: string | null;

  @Authorized('residents.read_personal')
  @Field(() => String, { nullable: true })
  @Property({ type: EncryptedType, nullable: true })
  pictureUrl?: string | null;

  @Field(() => String)
  @Property({ type: 'string', length: 10, default: 'ja' })
  language: string = 'ja';

  @Field(() => FollowStatus)
  @Enum({ items: () => FollowStatus, type: 'string', default: FollowStatus.UNKNOWN })
  followStatus: FollowStatus = FollowStatus.UNKNOWN;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  followedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  unfollowedAt?: Date | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  profileRefreshedAt?: Date | null;

  /** Receives test deliveries (SEG-12). */
  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  isTestRecipient: boolean = false;

  /** Labels staff attach (e.g. 要フォロー). */
  @Field(() => [String])
  @Property({ type: 'string[]', columnType: 'text[]', default: '{}' })
  tags: string[] = [];

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastSignedInAt?: Date | null;
}
