import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';

export enum LineChannelPurpose {
  /** The municipality's live official account (RES-12: its existing friends). */
  PRODUCTION = 'PRODUCTION',
  /** 研修・テスト用: a separate account for training and checking settings before go-live (NFR-34, SEG-12). */
  TRAINING = 'TRAINING',
}
registerEnumType(LineChannelPurpose, { name: 'LineChannelPurpose' });

export const DEFAULT_GREETING =
  '友だち追加ありがとうございます。\nお住まいの地域や関心のある分野を登録していただくと、あなたに合った情報をお届けします。メニューの「受信設定」から登録してください。';

/**
 * A LINE Messaging API channel the municipality connects. Credentials are encrypted and never
 * leave the server: the API only says whether they are set.
 */
@ObjectType()
@ReadPermission('channels.read')
@Entity({ tableName: 'line_channel' })
export class LineChannel extends BaseEntity<
  | 'loginChannelId'
  | 'liffIds'
  | 'greetingText'
  | 'botUserId'
  | 'basicId'
  | 'botDisplayName'
  | 'botPictureUrl'
  | 'lastCheckedAt'
  | 'lastCheckOk'
  | 'lastCheckMessage'
  | 'isActive'
> {
  @Field(() => String, { description: 'name staff recognise, e.g. 〇〇市公式アカウント' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => LineChannelPurpose)
  @Enum({ items: () => LineChannelPurpose, type: 'string' })
  purpose!: LineChannelPurpose;

  /** The Messaging API channel ID (numeric). */
  @Field(() => String)
  @Property({ type: 'string', length: 20 })
  @Unique()
  messagingChannelId!: string;

  @Property({ type: EncryptedType, hidden: true })
  channelSecret!: string;

  @Property({ type: EncryptedType, hidden: true })
  channelAccessToken!: string;

  @Field(() => Date, { description: 'when the secret or access token was last set' })
  @Property({ type: 'Date', columnType: 'timestamptz' })
  credentialsUpdatedAt!: Date;

  /** The LINE Login channel whose ID tokens LIFF apps of this account carry. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 20, nullable: true })
  loginChannelId?: string | null;

  @Field(() => [String])
  @Property({ type: 'string[]', columnType: 'text[]', default: '{}' })
  liffIds: string[] = [];

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  /** Sent with the reply token when someone adds the account as a friend (free of quota). */
  @Field(() => String)
  @Property({ type: 'text' })
  greetingText: string = DEFAULT_GREETING;

  @Field(() => String, { nullable: true, description: "the bot's user ID, learnt by the connection check" })
  @Property({ type: 'string', length: 40, nullable: true })
  botUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. @123abcde' })
  @Property({ type: 'string', length: 40, nullable: true })
  basicId?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  botDisplayName?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  botPictureUrl?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastCheckedAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  @Property({ type: 'boolean', nullable: true })
  lastCheckOk?: boolean | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  lastCheckMessage?: string | null;
}
