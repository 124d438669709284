import { Entity, Enum, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import { Resident } from '../residents/index.js';
import { Form, FormVersion } from './form.entity.js';
import { SubmissionStatus } from './forms.enums.js';

/** Stored answers by field id (normalised values; see engine/definition.ts `Answers`). */
export type StoredAnswers = Record<string, string | number | boolean | string[]>;

/**
 * One submission of a form version. Non-personal answers are plain JSONB (segment delivery
 * counts over them, so form_id is indexed and answers carry a GIN index); personal answers
 * (NFR-25), personal staff-only answers and the contact address are encrypted (docs/adr/0003).
 * The department is the form's, copied so the scope filter needs no join.
 */
@ObjectType()
@ReadPermission('forms.submissions.read')
@Entity({ tableName: 'form_submission' })
@Filter(departmentScopeFilter('department'))
@Unique({ properties: ['form', 'receiptNumber'] })
@Index({ properties: ['form', 'submittedAt'] })
@Index({ properties: ['resident', 'form'] })
@Index({
  name: 'form_submission_answers_gin',
  expression: 'create index "form_submission_answers_gin" on "form_submission" using gin ("answers" jsonb_path_ops)',
})
export class FormSubmission extends BaseEntity<
  | 'status'
  | 'resident'
  | 'answers'
  | 'personalAnswers'
  | 'adminAnswers'
  | 'personalAdminAnswers'
  | 'contactEmail'
  | 'viaBrowser'
  | 'browserAccessKey'
  | 'deliveryId'
  | 'deliveryRunId'
> {
  @ManyToOne(() => Form, { deleteRule: 'restrict' })
  form!: Form;

  @ManyToOne(() => FormVersion, { deleteRule: 'restrict' })
  version!: FormVersion;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  /** null for browser submissions (and when the resident record is gone). */
  @ManyToOne(() => Resident, { nullable: true, deleteRule: 'set null' })
  resident: Resident | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 80 })
  receiptNumber!: string;

  @Field(() => SubmissionStatus)
  @Enum({ items: () => SubmissionStatus, type: 'string' })
  status: SubmissionStatus = SubmissionStatus.RECEIVED;

  @Property({ type: 'json', default: '{}' })
  answers: StoredAnswers = {};

  /** JSON of the personal answers, encrypted as one value. */
  @Property({ type: EncryptedType, nullable: true })
  personalAnswers: string | null = null;

  @Property({ type: 'json', default: '{}' })
  adminAnswers: StoredAnswers = {};

  @Property({ type: EncryptedType, nullable: true })
  personalAdminAnswers: string | null = null;

  @Property({ type: EncryptedType, nullable: true })
  contactEmail: string | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  viaBrowser = false;

  /**
   * A browser submission's key to its own page (`/liff/submissions/<id>#key=…`): handed to the
   * submitter once, in the receipt screen and the mails to their address. Never exposed to staff.
   */
  @Property({ type: EncryptedType, nullable: true, lazy: true })
  browserAccessKey: string | null = null;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  submittedAt!: Date;

  /**
   * The delivery whose run's link brought the resident, as the link's signed reference named it
   * (FormVia); null when the answer came another way. Plain ids, no foreign key: deliveries depend
   * on forms, never the other way round.
   */
  @Field(() => ID, { nullable: true, description: 'the delivery whose form card brought the answer; null when it came another way' })
  @Property({ type: 'uuid', nullable: true })
  deliveryId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'the delivery run whose form card brought the answer' })
  @Property({ type: 'uuid', nullable: true })
  deliveryRunId: string | null = null;
}

/** The status workflow's history (受付 → 確認中 → …), with who moved it and why. */
@Entity({ tableName: 'form_submission_status_change' })
@Index({ properties: ['submission', 'at'] })
export class FormSubmissionStatusChange extends BaseEntity<'fromStatus' | 'comment' | 'byName'> {
  @ManyToOne(() => FormSubmission, { deleteRule: 'cascade' })
  submission!: FormSubmission;

  @Enum({ items: () => SubmissionStatus, type: 'string', nullable: true })
  fromStatus: SubmissionStatus | null = null;

  @Enum({ items: () => SubmissionStatus, type: 'string' })
  toStatus!: SubmissionStatus;

  /** Staff's reason; may name the applicant's circumstances, so encrypted. */
  @Property({ type: EncryptedType, nullable: true })
  comment: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  at!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  byName: string | null = null;
}

export enum SubmitterMessageChannel {
  LINE = 'LINE',
  MAIL = 'MAIL',
  /** A browser submitter who gave no address: the message waits on our page. */
  NONE = 'NONE',
}

/** FORM-17: a message to one submitter, read on our page; LINE and mail carry only a notice and a link. */
@Entity({ tableName: 'form_submitter_message' })
@Index({ properties: ['submission', 'sentAt'] })
export class FormSubmitterMessage extends BaseEntity<'byName' | 'readAt'> {
  @ManyToOne(() => FormSubmission, { deleteRule: 'cascade' })
  submission!: FormSubmission;

  @Property({ type: EncryptedType })
  body!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  sentAt!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  byName: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  @Enum({ items: () => SubmitterMessageChannel, type: 'string' })
  notifiedVia!: SubmitterMessageChannel;
}

/** A signed-in resident's unfinished answers, resumable later (one per resident and form). */
@Entity({ tableName: 'form_answer_draft' })
@Unique({ properties: ['resident', 'form'] })
export class FormAnswerDraft extends BaseEntity<'pageId'> {
  @ManyToOne(() => Resident, { deleteRule: 'cascade' })
  resident!: Resident;

  @ManyToOne(() => Form, { deleteRule: 'cascade' })
  form!: Form;

  /** JSON of the answers so far, encrypted (they may hold anything the form asks). */
  @Property({ type: EncryptedType })
  answers!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  pageId: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  savedAt!: Date;
}
