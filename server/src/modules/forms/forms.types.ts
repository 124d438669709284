import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Form } from './form.entity.js';
import { FormSubmission } from './form-submission.entity.js';
import { FormAccess, FormAnswerPolicy, FormAudience, FormKind, FormStatus, FormTrendPeriod, SubmissionStatus } from './forms.enums.js';
import { JSONObject } from '../../platform/graphql/json-object.js';

@ObjectType()
export class FormTalkEligibility {
  @Field(() => Boolean) eligible!: boolean;
  @Field(() => [String]) reasons!: string[];
}

@InputType()
export class FormFilter {
  @Field(() => FormKind, { nullable: true }) kind?: FormKind | null;
  @Field(() => FormStatus, { nullable: true }) status?: FormStatus | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) search?: string | null;
}

@ObjectType()
export class FormTemplate {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => FormKind) kind!: FormKind;
}

@InputType()
export class CreateFormInput {
  @Field(() => String) @MaxLength(200) title!: string;
  @Field(() => FormKind) kind!: FormKind;
  @Field(() => ID, { nullable: true, description: "the owning department; the creator's own by default" }) departmentId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(60) templateKey?: string | null;
}

@InputType()
export class UpdateFormInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) description?: string | null;
  @Field(() => FormAnswerPolicy, { nullable: true }) answerPolicy?: FormAnswerPolicy | null;
  @Field(() => FormAudience, { nullable: true }) audience?: FormAudience | null;
  @Field(() => JSONObject, { nullable: true }) audienceCondition?: Record<string, unknown> | null;
  @Field(() => FormAccess, { nullable: true }) access?: FormAccess | null;
  @Field(() => Date, { nullable: true }) opensAt?: Date | null;
  @Field(() => Date, { nullable: true }) closesAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) receiptFormat?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) notificationEmails?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) thankYouMessage?: string | null;
  @Field(() => Boolean, { nullable: true }) askContactEmail?: boolean | null;
  @Field(() => JSONObject, { nullable: true }) definition?: Record<string, unknown> | null;
}

@ObjectType()
export class FormPayload {
  @Field(() => Form) form!: Form;
}

/** Shaped like identity's DeletePayload (`deletedId`), under its own name: modules do not share GraphQL types. */
@ObjectType()
export class DeleteFormPayload {
  @Field(() => ID) deletedId!: string;
}

@ObjectType()
export class SubmissionAnswer {
  @Field(() => String) fieldId!: string;
  @Field(() => String) label!: string;
  @Field(() => String) type!: string;
  @Field(() => JSONObject, { nullable: true, description: '{ value: <AnswerValue> }; null when masked' })
  value!: Record<string, unknown> | null;
  @Field(() => String, { description: 'the answer as Japanese text; empty when masked' }) text!: string;
  @Field(() => Boolean) personal!: boolean;
  @Field(() => Boolean, { description: 'personal, and the viewer lacks forms.personal.read' }) masked!: boolean;
}

@ObjectType()
export class SubmissionStatusChange {
  @Field(() => SubmissionStatus, { nullable: true }) from!: SubmissionStatus | null;
  @Field(() => SubmissionStatus) to!: SubmissionStatus;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) at!: Date;
  @Field(() => String, { nullable: true }) byName!: string | null;
}

@ObjectType()
export class SubmitterMessage {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => Date) sentAt!: Date;
  @Field(() => String, { nullable: true }) byName!: string | null;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@InputType()
export class FormSubmissionFilter {
  @Field(() => SubmissionStatus, { nullable: true }) status?: SubmissionStatus | null;
  @Field(() => String, { nullable: true, description: 'receipt number or text answers' }) @IsOptional() @MaxLength(100) search?:
    string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
}

@ObjectType()
export class QuestionOptionCount {
  @Field(() => String) optionId!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float) percent!: number;
}

@ObjectType()
export class QuestionSummary {
  @Field(() => String) fieldId!: string;
  @Field(() => String) label!: string;
  @Field(() => String) type!: string;
  @Field(() => Int) answered!: number;
  @Field(() => [QuestionOptionCount]) options!: QuestionOptionCount[];
  @Field(() => [String], { description: 'up to 200 latest non-personal free-text answers' }) texts!: string[];
  @Field(() => Float, { nullable: true }) average!: number | null;
}

@ObjectType()
export class DayCount {
  @Field(() => String) day!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class FormSummary {
  @Field(() => ID) formId!: string;
  @Field(() => Int) total!: number;
  @Field(() => [QuestionSummary]) questions!: QuestionSummary[];
  @Field(() => [DayCount]) perDay!: DayCount[];
}

@ObjectType({ description: 'FORM-20: one month, or one fiscal quarter (第1四半期 = 4–6月), on the Japanese calendar' })
export class FormTrendBucket {
  @Field(() => String, { description: '2026-04 for a month, FY2026-Q1 for a fiscal quarter' }) key!: string;
  @Field(() => String, { description: '2026年4月, 2026年度 第1四半期' }) label!: string;
  @Field(() => String, { description: 'the first day, YYYY-MM-DD (Asia/Tokyo)' }) startsOn!: string;
  @Field(() => String, { description: 'the last day, YYYY-MM-DD (Asia/Tokyo)' }) endsOn!: string;
  @Field(() => Int, { description: 'answers received in the period' }) total!: number;
}

@ObjectType()
export class FormTrendPoint {
  @Field(() => String) periodKey!: string;
  @Field(() => Int) answered!: number;
  @Field(() => Float, { nullable: true, description: 'number questions: the average of the period, to two decimals' })
  average!: number | null;
  @Field(() => [QuestionOptionCount], { description: 'choice questions: the distribution of the period (percent of answered)' })
  options!: QuestionOptionCount[];
}

@ObjectType()
export class FormTrendQuestion {
  @Field(() => String) fieldId!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'number (averages) or singleChoice, multipleChoice, yesNo, consent (distributions)' })
  type!: string;
  @Field(() => [FormTrendPoint], { description: "one per period, in the periods' order" }) points!: FormTrendPoint[];
}

@ObjectType()
export class FormTrend {
  @Field(() => ID) formId!: string;
  @Field(() => FormTrendPeriod) period!: FormTrendPeriod;
  @Field(() => [FormTrendBucket], { description: 'oldest first, without gaps' }) periods!: FormTrendBucket[];
  @Field(() => [FormTrendQuestion], { description: 'non-personal number and choice questions of every version' })
  questions!: FormTrendQuestion[];
}

@ObjectType()
export class FormAvailability {
  @Field(() => Boolean) open!: boolean;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'NOT_OPEN_YET CLOSED SIGN_IN_REQUIRED OUT_OF_AUDIENCE ALREADY_ANSWERED STAFF_ONLY' })
  code!: string | null;
}

@ObjectType()
export class FormDraft {
  @Field(() => JSONObject) answers!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) pageId!: string | null;
  @Field(() => Date) savedAt!: Date;
}

@ObjectType()
export class ResidentForm {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => FormKind) kind!: FormKind;
  @Field(() => ID) versionId!: string;
  @Field(() => JSONObject) definition!: Record<string, unknown>;
  @Field(() => FormAccess) access!: FormAccess;
  @Field(() => FormAnswerPolicy) answerPolicy!: FormAnswerPolicy;
  @Field(() => Date, { nullable: true }) opensAt!: Date | null;
  @Field(() => Date, { nullable: true }) closesAt!: Date | null;
  @Field(() => FormAvailability) availability!: FormAvailability;
  @Field(() => JSONObject, { description: 'from bound attributes and, under OVERWRITE, the previous answer (signed-in residents only)' })
  prefill!: Record<string, unknown>;
  @Field(() => FormDraft, { nullable: true }) draft!: FormDraft | null;
  @Field(() => Boolean) askContactEmail!: boolean;
  @Field(() => String, { nullable: true }) thankYouMessage!: string | null;
}

@ObjectType()
export class MySubmission {
  @Field(() => ID) id!: string;
  @Field(() => String) receiptNumber!: string;
  @Field(() => ID) formId!: string;
  @Field(() => String) formTitle!: string;
  @Field(() => SubmissionStatus) status!: SubmissionStatus;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => [SubmissionAnswer]) answers!: SubmissionAnswer[];
  @Field(() => [SubmitterMessage]) messages!: SubmitterMessage[];
}

@InputType()
export class SubmitFormInput {
  @Field(() => ID) formId!: string;
  @Field(() => ID) versionId!: string;
  @Field(() => JSONObject) answers!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(254) contactEmail?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'browser residents: the uploadToken POST /media/uploads answered, so their file answers can be attached',
  })
  @IsOptional()
  @MaxLength(100)
  uploadToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "the `via` parameter of the form link the resident opened (a delivery run's signed reference); one that is not valid is ignored",
  })
  @IsOptional()
  @MaxLength(200)
  via?: string | null;
}

@ObjectType()
export class SubmitFormPayload {
  @Field(() => ID) submissionId!: string;
  @Field(() => String) receiptNumber!: string;
  @Field(() => String, { nullable: true }) thankYouMessage!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'browser submissions only: the key to the submitter’s own page (mySubmission accessKey); shown once, keep it',
  })
  accessKey!: string | null;
}

@ObjectType()
export class FormSubmissionPayload {
  @Field(() => FormSubmission) submission!: FormSubmission;
}
