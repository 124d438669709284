import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { Resident } from '../residents/index.js';
import { Segment } from './segment.entity.js';

/** The condition's JSON shape: server/src/modules/segments/condition.ts (`SegmentCondition`). */
const CONDITION_SHAPE =
  "the condition tree: all / any / not over attribute, tag, followed, channel, language, formAnswer and engagement ({ type: 'engagement', deliveryId, action: 'clicked' | 'notClicked' | 'answered' | 'notAnswered' }: opened one of the delivery's links through the LIFF app, or answered the form it carried through its card; LINE has no per-resident opens, so there is no 'opened')";

@InputType()
export class CreateSegmentInput {
  @Field(() => String) @MaxLength(200) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) description?: string | null;
  @Field(() => JSONObject, { description: CONDITION_SHAPE }) condition!: Record<string, unknown>;
  @Field(() => ID, { nullable: true, description: 'the owning department; your own by default' }) departmentId?: string | null;
}

@InputType()
export class UpdateSegmentInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) description?: string | null;
  @Field(() => JSONObject, { nullable: true, description: CONDITION_SHAPE }) condition?: Record<string, unknown> | null;
}

@InputType()
export class SegmentCountOptions {
  @Field(() => ID, { nullable: true, description: 'only friends of this LINE channel' }) channelId?: string | null;
  @Field(() => String, { nullable: true, description: "the send day ages are computed on ('YYYY-MM-DD', Asia/Tokyo); today by default" })
  @IsOptional()
  @MaxLength(10)
  day?: string | null;
}

@ObjectType()
export class SegmentCountResult {
  @Field(() => Int, { description: 'friends (follow state FOLLOWING) matching' }) count!: number;
  @Field(() => String, { description: 'the day ages were computed on' }) day!: string;
  @Field(() => Int) elapsedMs!: number;
}

@ObjectType({
  description:
    'a delivery an engagement condition can name: its links were sent through the LIFF app, so who opened them is known, or it carries a form, so who answered through it is known',
})
export class SegmentEngagementDelivery {
  @Field(() => ID) deliveryId!: string;
  @Field(() => String) title!: string;
  @Field(() => Date, { description: 'when its links were last sent through the LIFF app, or a run of it carried its form' }) sentAt!: Date;
  @Field(() => Int, { description: 'residents who opened one of its links there (first tap each)' }) residents!: number;
  @Field(() => Boolean, { description: 'its links were sent through the LIFF app: clicked / notClicked can name it' }) recording!: boolean;
  @Field(() => Boolean, { description: 'it carries a form: answered / notAnswered can name it' }) carriesForm!: boolean;
}

@ObjectType()
export class SegmentPayload {
  @Field(() => Segment) segment!: Segment;
}

@ObjectType()
export class SegmentSample {
  @Field(() => [Resident]) residents!: Resident[];
}

/** Shaped like identity's DeletePayload (`deletedId`), under its own name: modules do not share GraphQL types. */
@ObjectType()
export class DeleteSegmentPayload {
  @Field(() => ID) deletedId!: string;
}

@ObjectType()
export class RoleSegmentAccess {
  @Field(() => ID) roleId!: string;
  @Field(() => Boolean, { description: 'true: staff whose every role is limited see and use only the listed segments (SEG-03)' })
  limited!: boolean;
  @Field(() => [Segment], { description: 'the segments the role allows (within your departments)' }) segments!: Segment[];
}
