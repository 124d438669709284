import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { Delivery, DeliveryRun } from './delivery.entity.js';
import type { DeliveryServices } from './deliveries.module.js';
import { DeliveryHistoryEntry, DeliveryStats } from './delivery-stats.types.js';

/** Uncached (ctx.loaders.custom): a run's numbers move while it sends, and a subscription's context lives for every event it delivers. */
const UNCACHED = { cache: false } as const;

/** Delivery statistics (SEG-14/15): per delivery, batched across a list, and the history for charts. */
@Resolver(() => Delivery)
export class DeliveryStatsResolver {
  constructor(private readonly services: DeliveryServices) {}

  @FieldResolver(() => DeliveryStats, {
    description: 'over its real runs: targeted, sent, failed, LINE opens and clicks with rates (withheld, not 0, under LINE’s threshold)',
  })
  @RequirePermission('deliveries.read')
  stats(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<DeliveryStats> {
    return ctx.loaders
      .custom<string, DeliveryStats>('deliveries.stats', (ids) => this.services.stats.forDeliveries(ctx, ids), UNCACHED)
      .load(delivery.id);
  }

  @Query(() => [DeliveryHistoryEntry], {
    description: 'the last `last` deliveries sent (1–100, by their latest real run), oldest first, with their stats (SEG-15)',
  })
  @RequirePermission('deliveries.read')
  deliveryHistory(@Arg('last', () => Int, { defaultValue: 20 }) last: number, @Ctx() ctx: GraphQLContext): Promise<DeliveryHistoryEntry[]> {
    return this.services.stats.history(ctx, last);
  }
}

@Resolver(() => DeliveryRun)
export class DeliveryRunStatsResolver {
  constructor(private readonly services: DeliveryServices) {}

  @FieldResolver(() => DeliveryStats, { description: 'this run: targeted, sent, failed, LINE opens and clicks with rates' })
  @RequirePermission('deliveries.read')
  stats(@Root() run: DeliveryRun, @Ctx() ctx: GraphQLContext): Promise<DeliveryStats> {
    return ctx.loaders
      .custom<string, DeliveryStats>('deliveries.runStats', (ids) => this.services.stats.forRuns(ctx, ids), UNCACHED)
      .load(run.id);
  }
}
