import { Entity, Enum, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import type { FormDefinition } from './engine/index.js';
import { FormAccess, FormAnswerPolicy, FormAudience, FormKind, FormStatus } from './forms.enums.js';
import { JSONObject } from '../../platform/graphql/json-object.js';

/** CONDITION audience: residents holding one of these options of the attribute. */
export interface AudienceCondition {
  readonly attributeKey: string;
  readonly optionKeys: readonly string[];
}

/**
 * A form (registration, survey, e-application, public comment) with its settings and the draft
 * definition staff edit. What residents answer is always a published, frozen FormVersion; the
 * draft becomes one on publishing. Owned by one department (scoped, docs/adr/0002).
 */
@ObjectType()
@ReadPermission('forms.read')
@Entity({ tableName: 'form' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['department', 'updatedAt'] })
export class Form extends BaseEntity<
  | 'description'
  | 'status'
  | 'answerPolicy'
  | 'audience'
  | 'audienceCondition'
  | 'access'
  | 'opensAt'
  | 'closesAt'
  | 'notificationEmails'
  | 'thankYouMessage'
  | 'askContactEmail'
  | 'publishedVersionId'
  | 'templateKey'
> {
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => FormKind)
  @Enum({ items: () => FormKind, type: 'string' })
  kind!: FormKind;

  @Field(() => FormStatus)
  @Enum({ items: () => FormStatus, type: 'string' })
  status: FormStatus = FormStatus.DRAFT;

  @Field(() => FormAnswerPolicy)
  @Enum({ items: () => FormAnswerPolicy, type: 'string' })
  answerPolicy: FormAnswerPolicy = FormAnswerPolicy.REPEAT;

  @Field(() => FormAudience)
  @Enum({ items: () => FormAudience, type: 'string' })
  audience: FormAudience = FormAudience.EVERYONE;

  @Field(() => JSONObject, { nullable: true, description: 'CONDITION audience: { attributeKey, optionKeys }' })
  @Property({ type: 'json', nullable: true })
  audienceCondition: AudienceCondition | null = null;

  @Field(() => FormAccess)
  @Enum({ items: () => FormAccess, type: 'string' })
  access: FormAccess = FormAccess.LINE_REQUIRED;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  opensAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  closesAt: Date | null = null;

  /** FORM-18, e.g. `{YYYY}{MM}{DD}-{SEQ:4}` (engine/receipt.ts). */
  @Field(() => String)
  @Property({ type: 'string', length: 50 })
  receiptFormat!: string;

  /** FORM-19: the department's addresses told of each submission (never with its answers). */
  @Field(() => [String])
  @Property({ type: 'string[]', columnType: 'text[]', default: '{}' })
  notificationEmails: string[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  thankYouMessage: string | null = null;

  @Field(() => Boolean, { description: 'browser residents may give an address for a mail confirmation' })
  @Property({ type: 'boolean', default: false })
  askContactEmail = false;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @Field(() => JSONObject)
  @Property({ type: 'json' })
  draftDefinition!: FormDefinition;

  /** The version residents answer now; null until first published. */
  @Property({ type: 'uuid', nullable: true })
  publishedVersionId: string | null = null;

  /** The template it was started from, if any. */
  @Property({ type: 'string', length: 60, nullable: true })
  templateKey: string | null = null;
}

/** A published definition, frozen: answers keep the meaning they had when they were given. */
@ObjectType()
@ReadPermission('forms.read')
@Entity({ tableName: 'form_version' })
@Unique({ properties: ['form', 'number'] })
export class FormVersion extends BaseEntity<'publishedByName'> {
  @ManyToOne(() => Form, { deleteRule: 'cascade' })
  form!: Form;

  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => JSONObject)
  @Property({ type: 'json' })
  definition!: FormDefinition;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  publishedAt!: Date;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  publishedByName: string | null = null;
}
