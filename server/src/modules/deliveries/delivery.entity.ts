import { Entity, Enum, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { LineChannel } from '../channels/index.js';
import { Department } from '../identity/index.js';

export enum DeliveryStatus {
  /** Being composed; nothing is sent. */
  DRAFT = 'DRAFT',
  /** Waiting for a second staff member's approval before it may be sent or scheduled. */
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  /** Scheduled once (SEG-08), or recurring (SEG-09): runs are started by the job runner. */
  SCHEDULED = 'SCHEDULED',
  /** A run is preparing or sending. */
  SENDING = 'SENDING',
  /** A one-off delivery whose run finished. */
  SENT = 'SENT',
  /** Stopped by staff (the schedule, or a run mid-way). */
  CANCELED = 'CANCELED',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

export enum DeliveryTargetKind {
  /** Every friend of the channel (SEG-02). */
  ALL = 'ALL',
  /** Friends matching any of the segments (SEG-01, SEG-03). */
  SEGMENTS = 'SEGMENTS',
  /** An explicit list of residents (a CSV of resident ids). */
  LIST = 'LIST',
}
registerEnumType(DeliveryTargetKind, { name: 'DeliveryTargetKind' });

export enum DeliveryTiming {
  IMMEDIATE = 'IMMEDIATE',
  SCHEDULED = 'SCHEDULED',
  RECURRING = 'RECURRING',
}
registerEnumType(DeliveryTiming, { name: 'DeliveryTiming' });

export enum DeliveryRunKind {
  REAL = 'REAL',
  /** To testers or the training channel only (SEG-12/13); never counted as the real run. */
  TEST = 'TEST',
}
registerEnumType(DeliveryRunKind, { name: 'DeliveryRunKind' });

export enum DeliveryRunStatus {
  /** Recipients are resolved and written as batches (until `preparedAt`), and sent from the first batch on. */
  SENDING = 'SENDING',
  /** By staff, or because LINE refused in a way retrying cannot fix (quota, credentials). */
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  CANCELED = 'CANCELED',
}
registerEnumType(DeliveryRunStatus, { name: 'DeliveryRunStatus' });

/** One language's messages: `ja` always, others for residents whose language it is. */
export interface DeliveryVariant {
  language: string;
  messages: unknown[];
}

/**
 * A segment delivery (SEG-01..17): what to send (up to five LINE messages per language variant),
 * to whom and when. Owned by a department (scoped, docs/adr/0002). Sending happens in runs.
 */
@ObjectType()
@ReadPermission('deliveries.read')
@Entity({ tableName: 'delivery' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['department', 'updatedAt'] })
@Index({ properties: ['status', 'nextRunAt'] })
export class Delivery extends BaseEntity<
  | 'status'
  | 'segmentIds'
  | 'scheduledAt'
  | 'recurrence'
  | 'nextRunAt'
  | 'mailListIds'
  | 'mailSubject'
  | 'approvedBy'
  | 'approvedAt'
  | 'lastTestedAt'
  | 'createdBy'
  | 'formId'
  | 'listSize'
  | 'recordEngagement'
> {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  title!: string;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @ManyToOne(() => LineChannel, { deleteRule: 'restrict' })
  channel!: LineChannel;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, type: 'string' })
  status: DeliveryStatus = DeliveryStatus.DRAFT;

  @Field(() => [JSONObject], { description: 'language variants: `{ language, messages }`, Japanese first' })
  @Property({ type: 'json' })
  variants!: DeliveryVariant[];

  @Field(() => DeliveryTargetKind)
  @Enum({ items: () => DeliveryTargetKind, type: 'string' })
  targetKind!: DeliveryTargetKind;

  @Field(() => [String], { description: 'the segments targeted (SEGMENTS): a friend matching any of them receives it once' })
  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  segmentIds: string[] = [];

  @Field(() => Int, { description: 'residents on the explicit list (LIST)' })
  @Property({ type: 'integer', default: 0 })
  listSize: number = 0;

  @Field(() => DeliveryTiming)
  @Enum({ items: () => DeliveryTiming, type: 'string' })
  timing!: DeliveryTiming;

  @Field(() => Date, { nullable: true, description: 'SCHEDULED: when it is sent' })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  scheduledAt: Date | null = null;

  @Field(() => JSONObject, { nullable: true, description: 'RECURRING: the rule (see deliveries/schedule)' })
  @Property({ type: 'json', nullable: true })
  recurrence: Record<string, unknown> | null = null;

  /** The next occurrence the job runner starts (scheduled and recurring deliveries). */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  nextRunAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      'a form the delivery carries (FORM-08): its link card is in every language, and it is sent to segments or a list, never to all',
  })
  @Property({ type: 'uuid', nullable: true })
  formId: string | null = null;

  @Field(() => [String], {
    description: 'SEG-05: mail lists whose confirmed subscribers also get it by mail (the Japanese content as text) when a real run starts',
  })
  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  mailListIds: string[] = [];

  @Field(() => String, { nullable: true, description: "the mail's subject; the title when null" })
  @Property({ type: 'string', length: 150, nullable: true })
  mailSubject: string | null = null;

  @Field(() => Boolean, {
    description:
      '「反応を記録する」 (docs/adr/0016): a real run sends its links through the LIFF app, so who opens one in LINE is recorded (personal data) for the segment condition on this delivery; test runs send plain links',
  })
  @Property({ type: 'boolean', default: false })
  recordEngagement: boolean = false;

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  approvedBy: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  /** When a test send of the current content last completed: a real send to everyone needs one. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastTestedAt: Date | null = null;
}

/**
 * One sending of a delivery: the immediate one, a scheduled or recurring occurrence (unique per
 * delivery and occurrence, so a job that runs twice starts it once), or a test send.
 */
@ObjectType()
@ReadPermission('deliveries.read')
@Entity({ tableName: 'delivery_run' })
@Filter(departmentScopeFilter('department'))
@Unique({ properties: ['delivery', 'occurrence'] })
@Index({ properties: ['status'] })
export class DeliveryRun extends BaseEntity<
  | 'status'
  | 'prepareCursor'
  | 'preparedAt'
  | 'plannedRecipients'
  | 'batchesTotal'
  | 'pauseReason'
  | 'completedAt'
  | 'startedBy'
  | 'lastError'
  | 'mailListIds'
  | 'mailSubject'
  | 'mailText'
  | 'mailQueuedAt'
  | 'mailRecipients'
  | 'recordsEngagement'
  | 'formId'
> {
  @ManyToOne(() => Delivery, { deleteRule: 'cascade' })
  delivery!: Delivery;

  /** Copied from the delivery, so the run is scoped on its own. */
  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  /** The channel sent through (a test run may use the training channel). */
  @ManyToOne(() => LineChannel, { deleteRule: 'restrict' })
  channel!: LineChannel;

  @Field(() => DeliveryRunKind)
  @Enum({ items: () => DeliveryRunKind, type: 'string' })
  kind!: DeliveryRunKind;

  @Field(() => DeliveryRunStatus)
  @Enum({ items: () => DeliveryRunStatus, type: 'string' })
  status: DeliveryRunStatus = DeliveryRunStatus.SENDING;

  /** `now`, the scheduled instant (ISO), or `test:<id>`. */
  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  occurrence!: string;

  /** The send day (Asia/Tokyo) ages in the segments are computed on. */
  @Field(() => String)
  @Property({ type: 'string', length: 10 })
  day!: string;

  /** The LINE messages per language, links already rewritten to tracked redirects. */
  @Property({ type: 'json' })
  compiled!: Record<string, unknown[]>;

  /** Preparation writes batches in resident-id order; this is the last id written (resume point). */
  @Property({ type: 'uuid', nullable: true })
  prepareCursor: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  preparedAt: Date | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  plannedRecipients: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  batchesTotal: number = 0;

  @Field(() => String, { nullable: true, description: 'why the run is paused, in Japanese' })
  @Property({ type: 'text', nullable: true })
  pauseReason: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  startedBy: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  /** SEG-05 (real runs): the lists mailed, fixed with the content when the run starts. */
  @Field(() => [String], {
    description: 'SEG-05: the mail lists the run mails, fixed when it starts; empty: no mail (always for a test run)',
  })
  @Property({ type: 'uuid[]', columnType: 'uuid[]', default: '{}' })
  mailListIds: string[] = [];

  @Property({ type: 'string', length: 150, nullable: true })
  mailSubject: string | null = null;

  /** The Japanese content as plain text (links as composed, not tracked: mail clicks stay out of LINE's click rate). */
  @Property({ type: 'text', nullable: true })
  mailText: string | null = null;

  @Field(() => Date, { nullable: true, description: 'SEG-05: when every mail of the run was queued in the outbox' })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  mailQueuedAt: Date | null = null;

  @Field(() => Int, {
    nullable: true,
    description: "SEG-05: the lists' confirmed subscribers the run was mailed to; null while queuing or without lists",
  })
  @Property({ type: 'integer', nullable: true })
  mailRecipients: number | null = null;

  @Field(() => Boolean, {
    description:
      'its links were sent through the LIFF app, so who opened one in LINE is recorded (docs/adr/0016): a real run of a delivery that records engagement, on a server with a LIFF app',
  })
  @Property({ type: 'boolean', default: false })
  recordsEngagement: boolean = false;

  /**
   * The form its cards linked to with the run's signed reference (FORM-08: a real run of a delivery
   * carrying a form), so its answers are counted; null for a test run and a delivery without a form.
   */
  @Field(() => ID, { nullable: true, description: "the form its cards linked to with the run's reference, so answers count for it" })
  @Property({ type: 'uuid', nullable: true })
  formId: string | null = null;
}
