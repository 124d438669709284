import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { Resident } from './resident.entity.js';

export enum TalkDirection {
  /** From the resident to the account. */
  INCOMING = 'INCOMING',
  /** From the account to the resident. */
  OUTGOING = 'OUTGOING',
}
registerEnumType(TalkDirection, { name: 'TalkDirection' });

/**
 * One message of the talk log (ADM-17): what a resident sent and what the account answered. Text is
 * personal data and stored encrypted; locations keep coordinates but never the address.
 */
@ObjectType()
@ReadPermission('talklog.read')
@Entity({ tableName: 'talk_log_entry' })
@Index({ properties: ['resident', 'occurredAt'] })
@Index({ properties: ['occurredAt'] })
export class TalkLogEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Resident, { deleteRule: 'cascade' })
  resident!: Resident;

  @Field(() => TalkDirection)
  @Enum({ items: () => TalkDirection, type: 'string' })
  direction!: TalkDirection;

  /** LINE message type: text, image, sticker, location, postback, ... */
  @Field(() => String)
  @Property({ type: 'string', length: 20 })
  messageType!: string;

  @Field(() => String, { nullable: true, description: 'the text, or a short description of other message types' })
  @Property({ type: EncryptedType, nullable: true })
  content?: string | null;

  /** Which part of the product sent it (greeting, delivery, chatbot, consultation, ...). */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  origin?: string | null;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  occurredAt!: Date;

  /** The webhook event (or delivery) it came from: recorded once however often it is processed. */
  @Property({ type: 'string', length: 80, nullable: true })
  @Unique()
  sourceEventId?: string | null;
}
