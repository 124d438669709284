import { Entity, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { BaseEntity } from '../../platform/db/base.entity.js';
import { departmentScopeFilter } from '../../platform/db/department-scope.js';
import { Form, FormSubmission } from '../forms/index.js';
import { Department } from '../identity/index.js';
import { MediaObject } from '../media/index.js';

/**
 * Where a procedure stands. Only DRAFT and "result published" are stored as such; the others
 * follow from the announced period, so a procedure opens and closes on time without a job.
 */
export enum PublicCommentStatus {
  /** 下書き: staff are preparing it; residents cannot see it. */
  DRAFT = 'DRAFT',
  /** 募集開始前: announced, the period has not begun. */
  SCHEDULED = 'SCHEDULED',
  /** 意見募集中 */
  OPEN = 'OPEN',
  /** 募集終了: the period is over, the result is not published yet. */
  CLOSED = 'CLOSED',
  /** 結果公表: 「意見の概要と市の考え方」 is public. */
  RESULT_PUBLISHED = 'RESULT_PUBLISHED',
}
registerEnumType(PublicCommentStatus, { name: 'PublicCommentStatus' });

/** One group of the published result, as it was when staff published it. */
export interface PublishedGroup {
  readonly title: string;
  readonly summary: string;
  readonly response: string;
  readonly count: number;
}

/**
 * 「意見の概要と市の考え方」 frozen at publication: later edits to the groups change nothing
 * residents read until staff publish again. It holds staff's words and counts only, never a
 * submitter or an answer.
 */
export interface PublishedResult {
  readonly introduction: string | null;
  readonly totalOpinions: number;
  readonly groups: readonly PublishedGroup[];
}

/**
 * A public-comment procedure (対象案件, FORM-13): what the city asks opinions on, for how long,
 * with which documents; the opinions are submissions of its linked PUBLIC_COMMENT form (one form
 * engine for everything). Owned by one department (docs/adr/0002).
 */
@ObjectType({ description: 'パブリックコメントの案件' })
@ReadPermission('public_comment.read')
@Entity({ tableName: 'public_comment_procedure' })
@Filter(departmentScopeFilter('department'))
@Index({ properties: ['department', 'updatedAt'] })
@Index({ properties: ['publishedAt', 'closesAt'] })
export class PublicCommentProcedure extends BaseEntity<'publishedAt' | 'resultPublishedAt' | 'result' | 'summary'> {
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'a few lines for the list (案件の概要)' })
  @Property({ type: 'text', default: '' })
  summary = '';

  @Field(() => String, { description: 'plain text with line breaks and URLs (案件の説明)' })
  @Property({ type: 'text' })
  body!: string;

  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @Field(() => Date)
  @Property({ type: 'Date', columnType: 'timestamptz' })
  opensAt!: Date;

  @Field(() => Date, { description: 'the first moment no opinion is accepted' })
  @Property({ type: 'Date', columnType: 'timestamptz' })
  closesAt!: Date;

  /** The opinion form (kind PUBLIC_COMMENT), one per procedure. */
  @ManyToOne(() => Form, { deleteRule: 'restrict', unique: true })
  form!: Form;

  /** When staff announced it (公示); null while a draft. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  resultPublishedAt: Date | null = null;

  @Property({ type: 'json', nullable: true })
  result: PublishedResult | null = null;
}

/** A document residents read before giving an opinion (案の本文, 概要版, 図面): a public PDF or image. */
@ObjectType({ description: '案件の資料' })
@ReadPermission('public_comment.read')
@Entity({ tableName: 'public_comment_document' })
@Index({ properties: ['procedure', 'position'] })
export class PublicCommentDocument extends BaseEntity<'position'> {
  @ManyToOne(() => PublicCommentProcedure, { deleteRule: 'cascade' })
  procedure!: PublicCommentProcedure;

  @ManyToOne(() => MediaObject, { deleteRule: 'cascade', unique: true })
  media!: MediaObject;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  position = 0;
}

/** 意見の区分: opinions on the same point, summarised by staff with the city's view on it. */
@ObjectType({ description: '意見の区分' })
@ReadPermission('public_comment.read')
@Entity({ tableName: 'public_comment_group' })
@Index({ properties: ['procedure', 'position'] })
export class PublicCommentGroup extends BaseEntity<'position' | 'summary' | 'response'> {
  @ManyToOne(() => PublicCommentProcedure, { deleteRule: 'cascade' })
  procedure!: PublicCommentProcedure;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: '意見の概要, written by staff' })
  @Property({ type: 'text', default: '' })
  summary = '';

  @Field(() => String, { description: '市の考え方' })
  @Property({ type: 'text', default: '' })
  response = '';

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  position = 0;
}

/** Which group an opinion (a submission of the procedure's form) belongs to; no row: not grouped yet. */
@Entity({ tableName: 'public_comment_assignment' })
@Unique({ properties: ['submission'] })
@Index({ properties: ['group'] })
export class PublicCommentAssignment extends BaseEntity {
  @ManyToOne(() => PublicCommentProcedure, { deleteRule: 'cascade' })
  procedure!: PublicCommentProcedure;

  @ManyToOne(() => FormSubmission, { deleteRule: 'cascade' })
  submission!: FormSubmission;

  @ManyToOne(() => PublicCommentGroup, { deleteRule: 'cascade' })
  group!: PublicCommentGroup;
}
