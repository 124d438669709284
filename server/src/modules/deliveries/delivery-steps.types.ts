import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { AttributeKind } from '../attributes/index.js';
import { DeliveryStepPlan } from './delivery-step.entity.js';

@InputType({ description: 'one message of a step plan; checked by the service with Japanese messages per field' })
export class DeliveryStepInput {
  @Field(() => ID, { nullable: true, description: 'an existing step of the plan (keeps what it already sent); omit for a new one' })
  id?: string | null;
  @Field(() => Int, { nullable: true, description: 'days after the reference date; negative = before, 0 = on the day' })
  offsetDays?: number | null;
  @Field(() => String, { nullable: true, description: "'HH:MM', Asia/Tokyo" })
  @IsOptional()
  @MaxLength(10)
  time?: string | null;
  @Field(() => [JSONObject], { nullable: true, description: '`{ language, messages }` per language; `ja` is required' })
  variants?: Record<string, unknown>[] | null;
}

@InputType()
export class DeliveryStepPlanInput {
  @Field(() => String, { nullable: true, description: 'for staff only (residents never see it)' })
  @IsOptional()
  @MaxLength(200)
  title?: string | null;
  @Field(() => ID, { nullable: true, description: 'the LINE channel; the first active one by default' }) channelId?: string | null;
  @Field(() => ID, { nullable: true, description: 'the owning department; your own by default (create only)' }) departmentId?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'the DATE or DATE_LIST attribute whose dates are the reference dates' })
  dateAttributeId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'only friends in any of these segments; empty = every friend with the date' })
  segmentIds?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'an enabled plan sends on its own (needs deliveries.send)' })
  enabled?: boolean | null;
  @Field(() => [DeliveryStepInput], { nullable: true, description: 'replaces the steps; name an existing one by id to keep it' })
  steps?: DeliveryStepInput[] | null;
}

@ObjectType()
export class DeliveryStepPlanPayload {
  @Field(() => DeliveryStepPlan) plan!: DeliveryStepPlan;
}

@ObjectType()
export class DeleteDeliveryStepPlanPayload {
  @Field(() => ID) deletedId!: string;
}

@ObjectType({ description: '基準日にできる日付の属性（生年月日など）' })
export class DeliveryStepDateAttribute {
  @Field(() => ID, { description: 'the attributeDefinition id, as a plan’s dateAttributeId' }) id!: string;
  @Field(() => String) label!: string;
  @Field(() => AttributeKind, { description: 'DATE or DATE_LIST (each date of a list counts separately)' }) kind!: AttributeKind;
  @Field(() => Boolean, { description: 'no longer in use: a plan keeps it, a new one cannot choose it' }) retired!: boolean;
}

@ObjectType({ description: 'ステップ配信がこれから送る1回分: 1つのメッセージを、同じ基準日の友だちに' })
export class DeliveryStepSend {
  @Field(() => ID, { description: 'the step (message) of the plan' }) stepId!: string;
  @Field(() => String, { description: 'the friends’ reference date, YYYY-MM-DD' }) referenceDate!: string;
  @Field(() => Date) at!: Date;
  @Field(() => Int, { description: 'friends it reaches as things are now (follow status, segments, what was already sent)' })
  recipients!: number;
}
