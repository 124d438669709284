import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';

@ObjectType({ description: 'a number LINE reports about a send, which LINE withholds under its privacy threshold (fewer than 20 people)' })
export class DeliveryInsightCount {
  @Field(() => Int, { nullable: true, description: 'null when LINE withholds it or has not been asked yet' })
  count!: number | null;

  @Field(() => Float, { nullable: true, description: 'count ÷ sent (0 to 1); null when the count is unknown or nothing was sent' })
  rate!: number | null;

  @Field(() => Boolean, { description: 'LINE withholds this number (too few people to report): unknown, not zero' })
  withheld!: boolean;
}

@ObjectType({ description: 'how a delivery or one of its runs did (SEG-14/15)' })
export class DeliveryStats {
  @Field(() => Int, { description: 'recipients the run(s) resolved' })
  targeted!: number;

  @Field(() => Int, { description: 'recipients in batches LINE accepted' })
  sent!: number;

  @Field(() => Int, { description: 'recipients in batches that failed for good' })
  failed!: number;

  @Field(() => DeliveryInsightCount, { description: 'residents who opened it (LINE: uniqueImpression); the rate is the open rate' })
  opens!: DeliveryInsightCount;

  @Field(() => DeliveryInsightCount, {
    description: 'residents who opened one of its links in LINE (LINE: uniqueClick); the rate is the click rate',
  })
  clicks!: DeliveryInsightCount;

  @Field(() => Int, {
    nullable: true,
    description: 'taps on its tracked links, counted by our redirect (every tap, never withheld); for a delivery, null for a run',
  })
  linkClicks!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'FORM-08, for a run: form answers its form card brought (the link named the run); null when it carried no form, and for a delivery',
  })
  @RequirePermission('deliveries.read')
  answers?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'FORM-08, for a run: answers ÷ sent (0 to 1), the response rate; null without a form or before anything was sent',
  })
  @RequirePermission('deliveries.read')
  answerRate?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'when LINE last answered (for a delivery: the oldest of its runs); null until then',
  })
  collectedAt!: Date | null;
}

@ObjectType({ description: 'one delivery in the history chart' })
export class DeliveryHistoryEntry {
  @Field(() => ID) deliveryId!: string;
  @Field(() => String) title!: string;
  @Field(() => Date, { description: 'when its latest real run started' }) sentAt!: Date;
  @Field(() => Int, { description: 'its real runs (a recurring delivery has one per occurrence)' }) runs!: number;
  @Field(() => DeliveryStats) stats!: DeliveryStats;
}
