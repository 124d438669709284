import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PublicCommentDocument, PublicCommentGroup, PublicCommentProcedure, PublicCommentStatus } from './public-comment.entity.js';

@InputType()
export class PublicCommentProcedureFilter {
  @Field(() => PublicCommentStatus, { nullable: true })
  status?: PublicCommentStatus | null;

  @Field(() => String, { nullable: true, description: 'part of the title' })
  search?: string | null;
}

@InputType()
export class CreatePublicCommentProcedureInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String) body!: string;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
  @Field(() => ID, { nullable: true, description: 'system administrators choose; others get their own department' })
  departmentId?: string | null;
}

@InputType()
export class UpdatePublicCommentProcedureInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => Date, { nullable: true }) opensAt?: Date | null;
  @Field(() => Date, { nullable: true }) closesAt?: Date | null;
}

@InputType()
export class AddPublicCommentDocumentInput {
  @Field(() => ID) procedureId!: string;
  @Field(() => ID, { description: 'an upload of POST /media/uploads?policy=public-comment.document by the same staff member' })
  mediaId!: string;
  @Field(() => String) title!: string;
}

@InputType()
export class PublicCommentGroupInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: '意見の概要' }) summary?: string | null;
  @Field(() => String, { nullable: true, description: '市の考え方' }) response?: string | null;
}

@InputType()
export class PublicCommentOpinionFilter {
  @Field(() => ID, { nullable: true }) groupId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'only opinions in no group yet' }) unassigned?: boolean | null;
  @Field(() => String, { nullable: true, description: 'part of the receipt number' }) search?: string | null;
}

@ObjectType()
export class PublicCommentProcedurePayload {
  @Field(() => PublicCommentProcedure) procedure!: PublicCommentProcedure;
}

@ObjectType()
export class PublicCommentDocumentPayload {
  @Field(() => PublicCommentDocument) document!: PublicCommentDocument;
}

@ObjectType()
export class PublicCommentGroupPayload {
  @Field(() => PublicCommentGroup) group!: PublicCommentGroup;
}

@ObjectType()
export class PublicCommentDeletePayload {
  @Field(() => ID) id!: string;
}

@ObjectType()
export class AssignPublicCommentOpinionsPayload {
  @Field(() => Int, { description: 'opinions whose group changed' }) changed!: number;
  @Field(() => Int) unassigned!: number;
}

@ObjectType({ description: 'one answer of an opinion; personal fields (name, address) never appear here' })
export class PublicCommentOpinionAnswer {
  @Field(() => String) fieldId!: string;
  @Field(() => String) label!: string;
  @Field(() => String) text!: string;
}

@ObjectType({ description: 'an opinion: a submission of the procedure’s form, with its non-personal answers' })
export class PublicCommentOpinion {
  @Field(() => ID, { description: 'the form submission' }) id!: string;
  @Field(() => String) receiptNumber!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Boolean) viaBrowser!: boolean;
  @Field(() => ID, { nullable: true }) groupId!: string | null;
  @Field(() => String, { nullable: true }) groupTitle!: string | null;
  @Field(() => [PublicCommentOpinionAnswer]) answers!: PublicCommentOpinionAnswer[];
}

@ObjectType()
export class PublicCommentOpinionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => PublicCommentOpinion) node!: PublicCommentOpinion;
}

@ObjectType()
export class PublicCommentOpinionConnection {
  @Field(() => [PublicCommentOpinionEdge]) edges!: PublicCommentOpinionEdge[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Int, { description: 'matching the filter' }) totalCount!: number;
}

@ObjectType({ description: 'one group of 「意見の概要と市の考え方」' })
export class PublicCommentResultGroup {
  @Field(() => Int, { description: '1, 2, 3 … as published' }) number!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { description: '意見の概要' }) summary!: string;
  @Field(() => String, { description: '市の考え方' }) response!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '「意見の概要と市の考え方」: staff’s words and counts only, never a submitter or an answer' })
export class PublicCommentResult {
  @Field(() => ID) procedureId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
  @Field(() => Date, { nullable: true, description: 'null in a preview' }) publishedAt!: Date | null;
  @Field(() => String, { nullable: true }) introduction!: string | null;
  @Field(() => Int) totalOpinions!: number;
  @Field(() => [PublicCommentResultGroup]) groups!: PublicCommentResultGroup[];
  @Field(() => String, { description: 'the CSV of this result (published ones only are served)' }) csvPath!: string;
}

@ObjectType({ description: 'what stops publication now, if anything (a preview)' })
export class PublicCommentResultPreview {
  @Field(() => PublicCommentResult) result!: PublicCommentResult;
  @Field(() => Int) unassignedOpinions!: number;
  @Field(() => [String], { description: 'Japanese reasons; empty when it may be published' }) blockers!: string[];
}

@ObjectType({ description: 'a document as residents get it' })
export class PublishedPublicCommentDocument {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) thumbnailUrl!: string | null;
  @Field(() => String) contentType!: string;
  @Field(() => Int) byteSize!: number;
}

@ObjectType({ description: 'a public-comment procedure as residents see it (LIFF and plain browsers)' })
export class PublishedPublicComment {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) summary!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
  @Field(() => PublicCommentStatus) status!: PublicCommentStatus;
  @Field(() => Boolean, { description: 'within the period and the opinion form is published' }) acceptingOpinions!: boolean;
  @Field(() => String, { description: '/liff/forms/<formId>' }) formPath!: string;
  @Field(() => [PublishedPublicCommentDocument]) documents!: PublishedPublicCommentDocument[];
  @Field(() => Date, { nullable: true }) resultPublishedAt!: Date | null;
}
