import { Entity, Enum, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
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
  | 'emailMirror'
  | 'approvedBy'
  | 'approvedAt'
  | 'lastTestedAt'
  | 'createdBy'
  | 'formId'
  | 'listSize'
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

  @Field(() => String, { nullable: true, description: 'a form the delivery carries (FORM-08): sent only to a segment' })
  @Property({ type: 'uuid', nullable: true })
  formId: string | null = null;

  @Field(() => Boolean, { description: 'SEG-05: residents who registered an address and opted in also get it by mail' })
  @Property({ type: 'boolean', default: false })
  emailMirror: boolean = false;

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
}
