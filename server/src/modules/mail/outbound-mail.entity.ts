import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';

export enum OutboundMailStatus {
  /** Waiting for the job runner (or for an SMTP server to be configured). */
  PENDING = 'PENDING',
  /** A worker is handing it to the SMTP server now. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** Refused for good (5xx) or out of attempts; staff may send it again. */
  FAILED = 'FAILED',
}
registerEnumType(OutboundMailStatus, { name: 'OutboundMailStatus' });

/**
 * One mail the product sends (a form's receipt, a department's notification, a test mail), kept
 * as an outbox: written in the same transaction as what caused it, handed to SMTP by the job
 * runner, retried, and readable afterwards on the console's 送信メール page. Address, subject and
 * body are personal data: encrypted at rest, purged after MAIL_RETENTION_DAYS.
 */
@ObjectType()
@ReadPermission('mail.read')
@Entity({ tableName: 'outbound_mail' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['status', 'createdAt'] })
export class OutboundMail extends BaseEntity<
  'status' | 'attempts' | 'lastError' | 'messageId' | 'sentAt' | 'replyTo' | 'department' | 'listUnsubscribe'
> {
  @Field(() => String, { description: 'which feature sent it, e.g. mail.test, forms.receipt' })
  @Property({ type: 'string', length: 60 })
  purpose!: string;

  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  department: Department | null = null;

  @Field(() => String)
  @Property({ type: EncryptedType })
  toAddress!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: EncryptedType, nullable: true })
  replyTo: string | null = null;

  @Field(() => String)
  @Property({ type: EncryptedType })
  subject!: string;

  @Field(() => String)
  @Property({ type: EncryptedType })
  body!: string;

  /** Where its reader stops such mail (List-Unsubscribe, one-click); not shown to staff: its token acts for the subscriber. */
  @Property({ type: EncryptedType, nullable: true })
  listUnsubscribe: string | null = null;

  @Field(() => OutboundMailStatus)
  @Enum({ items: () => OutboundMailStatus, type: 'string', length: 10 })
  status: OutboundMailStatus = OutboundMailStatus.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Field(() => String, { nullable: true, description: "the SMTP server's last answer when it failed" })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 255, nullable: true })
  messageId: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  @Field(() => String, { description: 'who or what asked for it (a login ID, a feature)' })
  @Property({ type: 'string', length: 200 })
  requestedBy!: string;
}
