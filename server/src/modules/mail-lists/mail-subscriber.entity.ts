import { randomUUID } from 'node:crypto';
import { Entity, Enum, Filter, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Authorized, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { EncryptedType, KeyedHashType } from '../../platform/crypto/column-types.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import { maskAddress } from './mail-address.js';
import { MailList } from './mail-list.entity.js';

export enum MailSubscriberStatus {
  /** Asked for (sign-up or import) but the address has not confirmed yet: receives nothing. */
  PENDING = 'PENDING',
  /** The address confirmed (or staff attested the city holds consent): receives its lists' mail. */
  CONFIRMED = 'CONFIRMED',
  /** Stopped every list from a link in a mail: receives nothing until it signs up and confirms again. */
  UNSUBSCRIBED = 'UNSUBSCRIBED',
}
registerEnumType(MailSubscriberStatus, { name: 'MailSubscriberStatus' });

/** How a subscription was consented to. */
export enum MailConsentSource {
  /** The resident opened the confirmation link (double opt-in). */
  LINK = 'LINK',
  /** Imported by staff who attested that the city holds the person's consent. */
  STAFF_CONSENT = 'STAFF_CONSENT',
}
registerEnumType(MailConsentSource, { name: 'MailConsentSource' });

/**
 * One address on the mail lists (SEG-05), whichever departments' lists it is on: no department
 * owns it, and staff reach it only through a list of theirs. The address is personal data:
 * encrypted, looked up by its keyed hash, shown unmasked only with mail_lists.read_personal.
 */
@ObjectType()
@ReadPermission('mail_lists.read')
@Entity({ tableName: 'mail_subscriber' })
@Index({ properties: ['status', 'createdAt'] })
export class MailSubscriber extends BaseEntity<'status' | 'confirmedAt' | 'unsubscribedAt' | 'maskedEmail'> {
  @Authorized('mail_lists.read_personal')
  @Field(() => String)
  @Property({ type: EncryptedType })
  email!: string;

  /** The normalised address, hashed (assign and query with the address itself). */
  @Property({ type: KeyedHashType })
  @Unique()
  emailHash!: string;

  @Field(() => MailSubscriberStatus)
  @Enum({ items: () => MailSubscriberStatus, type: 'string', length: 12 })
  status: MailSubscriberStatus = MailSubscriberStatus.PENDING;

  @Field(() => Date, { nullable: true, description: 'when the address last confirmed' })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null = null;

  @Field(() => String, { description: 'the address with all but a few characters hidden (t***@e***.jp)' })
  get maskedEmail(): string {
    return maskAddress(this.email);
  }
}

/**
 * A subscriber on one list. The department is the list's (lists never change department), so the
 * row is scoped like the list. It receives the list's mail once both it and the subscriber are
 * confirmed: a list asked for by someone already confirmed waits for its own confirmation.
 */
@ObjectType()
@ReadPermission('mail_lists.read')
@Entity({ tableName: 'mail_list_member' })
@Filter(departmentScopeFilter('department'))
@Unique({ properties: ['list', 'subscriber'] })
@Index({ properties: ['list', 'createdAt'] })
export class MailListMember extends BaseEntity<'confirmedAt' | 'confirmedVia' | 'status'> {
  @ManyToOne(() => MailList, { deleteRule: 'cascade' })
  list!: MailList;

  @Field(() => MailSubscriber)
  @ManyToOne(() => MailSubscriber, { deleteRule: 'cascade' })
  @Index()
  subscriber!: MailSubscriber;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  @Index()
  department!: Department;

  @Field(() => Date, { nullable: true, description: 'when this list was confirmed (null: waiting for the confirmation link)' })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;

  @Field(() => MailConsentSource, { nullable: true })
  @Enum({ items: () => MailConsentSource, type: 'string', length: 20, nullable: true })
  confirmedVia: MailConsentSource | null = null;

  @Field(() => MailSubscriberStatus, { description: 'CONFIRMED when both the address and this list are confirmed' })
  get status(): MailSubscriberStatus {
    if (this.subscriber.status === MailSubscriberStatus.UNSUBSCRIBED) return MailSubscriberStatus.UNSUBSCRIBED;
    return this.confirmedAt && this.subscriber.status === MailSubscriberStatus.CONFIRMED
      ? MailSubscriberStatus.CONFIRMED
      : MailSubscriberStatus.PENDING;
  }
}

/** A one-time confirmation link of the double opt-in: only its SHA-256 is kept; it expires after 24 hours. */
@Entity({ tableName: 'mail_list_confirmation' })
@Index({ properties: ['expiresAt'] })
export class MailListConfirmation {
  [OptionalProps]?: 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @ManyToOne(() => MailSubscriber, { deleteRule: 'cascade' })
  @Index()
  subscriber!: MailSubscriber;

  @Property({ type: 'string', length: 64 })
  @Unique()
  tokenHash!: string;

  /** The lists this link confirms. */
  @Property({ type: 'uuid[]', columnType: 'uuid[]' })
  listIds!: string[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}
