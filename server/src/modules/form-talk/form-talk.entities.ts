import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { BaseEntity } from '../../platform/db/base.entity.js';

/**
 * RES-07 per LINE channel: the registration form the follow greeting links to, and when a new
 * friend who has not registered is reminded once. Channels, forms and residents are other
 * modules' tables: referenced by id (with foreign keys in the migration), not as ORM relations.
 */
@Entity({ tableName: 'form_onboarding_setting' })
export class FormOnboardingSetting extends BaseEntity<'registrationFormId' | 'reminderDelayHours' | 'remindersEnabled' | 'remindersFrom'> {
  @Property({ type: 'uuid' })
  @Unique()
  channelId!: string;

  /** A form of kind REGISTRATION; null: the greeting carries no link and nobody is reminded. */
  @Property({ type: 'uuid', nullable: true })
  registrationFormId: string | null = null;

  @Property({ type: 'integer', default: 72 })
  reminderDelayHours: number = 72;

  @Property({ type: 'boolean', default: true })
  remindersEnabled: boolean = true;

  /**
   * Only friends who followed after this are reminded: choosing a registration form must not
   * push a reminder to the years of friends an existing account already has (RES-12).
   */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  remindersFrom: Date | null = null;
}

export enum ReminderStatus {
  /** Claimed by a job run, being sent (or left by a run that crashed: retried with the same retry key). */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** LINE refused it for good (blocked meanwhile, bad request): not tried again. */
  FAILED = 'FAILED',
}

/**
 * The one registration reminder of a resident: the unique resident id is what makes it once, even
 * when two job runs overlap (the second run's insert finds the row and sends nothing).
 */
@Entity({ tableName: 'form_registration_reminder' })
export class FormRegistrationReminder extends BaseEntity<'status' | 'sentAt' | 'attempts' | 'lastError'> {
  @Property({ type: 'uuid' })
  @Unique()
  residentId!: string;

  @Property({ type: 'uuid' })
  formId!: string;

  @Enum({ items: () => ReminderStatus, type: 'string' })
  status: ReminderStatus = ReminderStatus.SENDING;

  /** LINE's X-Line-Retry-Key: a retried push after a crash is accepted once. */
  @Property({ type: 'uuid' })
  retryKey!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  claimedAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'string', length: 300, nullable: true })
  lastError: string | null = null;
}

export enum TalkSessionStatus {
  ACTIVE = 'ACTIVE',
  /** 送信 was tapped and the submission is under way: a redelivered tap does nothing. */
  SUBMITTING = 'SUBMITTING',
}

/**
 * A talk-screen survey in progress (FORM-14): one per resident (a second survey waits until this
 * one is sent or cancelled), kept across restarts and dropped 24 hours after the last answer.
 * The answers are the resident's words, so the progress is stored encrypted.
 */
@Entity({ tableName: 'form_talk_session' })
@Index({ properties: ['expiresAt'] })
export class FormTalkSession extends BaseEntity<'status' | 'lastEventId'> {
  @Property({ type: 'uuid' })
  @Unique()
  residentId!: string;

  @Property({ type: 'uuid' })
  formId!: string;

  /** The published version being answered: a form republished meanwhile does not change the questions. */
  @Property({ type: 'uuid' })
  versionId!: string;

  /** JSON of the conversation's TalkProgress. */
  @Property({ type: EncryptedType })
  progress!: string;

  @Enum({ items: () => TalkSessionStatus, type: 'string' })
  status: TalkSessionStatus = TalkSessionStatus.ACTIVE;

  /** The webhook event last applied: a redelivered or retried event is not applied twice. */
  @Property({ type: 'string', length: 64, nullable: true })
  lastEventId: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;
}
