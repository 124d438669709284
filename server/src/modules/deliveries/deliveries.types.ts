import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { Delivery, DeliveryRun, DeliveryStatus, DeliveryTargetKind, DeliveryTiming } from './delivery.entity.js';
import { MAX_MAIL_LISTS } from './delivery-mail.service.js';

@InputType()
export class DeliveryInput {
  @Field(() => String, { nullable: true, description: 'for staff only (residents never see it)' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;
  @Field(() => ID, { nullable: true, description: 'the LINE channel; the first active one by default' }) channelId?: string | null;
  @Field(() => ID, { nullable: true, description: 'the owning department; your own by default (create only)' }) departmentId?:
    string | null;
  @Field(() => [JSONObject], { nullable: true, description: '`{ language, messages }` per language; `ja` is required' })
  variants?: Record<string, unknown>[] | null;
  @Field(() => DeliveryTargetKind, { nullable: true }) targetKind?: DeliveryTargetKind | null;
  @Field(() => [ID], { nullable: true }) segmentIds?: string[] | null;
  @Field(() => DeliveryTiming, { nullable: true }) timing?: DeliveryTiming | null;
  @Field(() => Date, { nullable: true }) scheduledAt?: Date | null;
  @Field(() => JSONObject, { nullable: true, description: 'the recurrence rule (RECURRING)' }) recurrence?: Record<string, unknown> | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'FORM-08: a published, open form of the same department (null removes it); its link card is added to each language that lacks a link to it',
  })
  formId?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description:
      "SEG-05: active mail lists of the delivery's department; a real run mails their confirmed subscribers (a test run mails nobody)",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_MAIL_LISTS)
  mailListIds?: string[] | null;
  @Field(() => String, { nullable: true, description: "the mail's subject; blank or null: the title" })
  @IsOptional()
  @MaxLength(150)
  mailSubject?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      '「反応を記録する」 (docs/adr/0016): real runs send the links through the LIFF app and record who opens them; BAD_USER_INPUT when canRecordEngagement is false',
  })
  recordEngagement?: boolean | null;
}

@InputType()
export class DeliveryFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) search?: string | null;
  @Field(() => DeliveryStatus, { nullable: true }) status?: DeliveryStatus | null;
}

@ObjectType()
export class DeliveryPayload {
  @Field(() => Delivery) delivery!: Delivery;
}

@ObjectType()
export class DeliveryRunPayload {
  @Field(() => DeliveryRun) run!: DeliveryRun;
}

@ObjectType()
export class DeleteDeliveryPayload {
  @Field(() => ID) deletedId!: string;
}

@ObjectType()
export class DeliveryEstimate {
  @Field(() => Int, { description: 'friends the real run would reach now' }) recipients!: number;
  @Field(() => Int, { description: 'messages it uses against the monthly quota (one per recipient)' }) messages!: number;
  @Field(() => Int, { nullable: true, description: "LINE's target limit this month; null when the plan has none" }) quotaLimit!:
    number | null;
  @Field(() => Int) quotaUsed!: number;
  @Field(() => Int, { nullable: true }) quotaRemaining!: number | null;
  @Field(() => Boolean) fitsQuota!: boolean;
}

@ObjectType()
export class DeliveryFailure {
  @Field(() => String, { description: "LINE's answer for the batches that failed" }) reason!: string;
  @Field(() => Int) batches!: number;
  @Field(() => Int) recipients!: number;
}

@ObjectType()
export class DeliveryRunProgress {
  @Field(() => Int) batchesTotal!: number;
  @Field(() => Int) batchesSent!: number;
  @Field(() => Int) batchesFailed!: number;
  @Field(() => Int) batchesPending!: number;
  @Field(() => Int, { description: 'recipients resolved so far (all of them once preparedAt is set)' }) recipientsPlanned!: number;
  @Field(() => Int) recipientsSent!: number;
  @Field(() => Int) recipientsFailed!: number;
  @Field(() => [DeliveryFailure]) failures!: DeliveryFailure[];
}

@ObjectType()
export class RecurrencePreview {
  @Field(() => String, { description: 'the rule in Japanese, e.g. 毎月 第2火曜日 10:30' }) summary!: string;
  @Field(() => [Date], { description: 'the next five instants' }) next!: Date[];
  @Field(() => String, { description: 'the rule as RFC 5545 (DTSTART;TZID=Asia/Tokyo)' }) rrule!: string;
}

@ObjectType()
export class DeliveryLinkClicks {
  @Field(() => String, { description: 'the URL as composed (the redirect sends exactly here)' }) url!: string;
  @Field(() => Int) clicks!: number;
}

@ObjectType()
export class DeliveryDayClicks {
  @Field(() => String, { description: "'YYYY-MM-DD', Asia/Tokyo" }) day!: string;
  @Field(() => Int) clicks!: number;
}

@ObjectType()
export class DeliveryClicks {
  @Field(() => Int, { description: "taps on the delivery's tracked links (SEG-15), about a second behind" }) total!: number;
  @Field(() => [DeliveryLinkClicks]) links!: DeliveryLinkClicks[];
  @Field(() => [DeliveryDayClicks]) byDay!: DeliveryDayClicks[];
}
