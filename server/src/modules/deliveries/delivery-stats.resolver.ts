import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { Delivery, DeliveryRun } from './delivery.entity.js';
import type { DeliveryServices } from './deliveries.module.js';
import { DeliveryHistoryEntry, DeliveryStats } from './delivery-stats.types.js';

type Batch = (ctx: GraphQLContext, ids: readonly string[]) => Promise<DeliveryStats[]>;

/**
 * One batching loader per request (or subscription operation) and kind, without a cache: a run's
 * numbers move while it sends, and a subscription's context lives for every event it delivers.
 */
function batched(batch: Batch): (ctx: GraphQLContext, id: string) => Promise<DeliveryStats> {
  const loaders = new WeakMap<object, DataLoader<string, DeliveryStats>>();
  return (ctx, id) => {
    let loader = loaders.get(ctx.loaders);
    if (!loader) loaders.set(ctx.loaders, (loader = new DataLoader<string, DeliveryStats>((ids) => batch(ctx, ids), { cache: false })));
    return loader.load(id);
  };
}

/** Delivery statistics (SEG-14/15): per delivery, batched across a list, and the history for charts. */
@Resolver(() => Delivery)
export class DeliveryStatsResolver {
  private readonly load: (ctx: GraphQLContext, id: string) => Promise<DeliveryStats>;

  constructor(private readonly services: DeliveryServices) {
    this.load = batched((ctx, ids) => this.services.stats.forDeliveries(ctx, ids));
  }

  @FieldResolver(() => DeliveryStats, {
    description: 'over its real runs: targeted, sent, failed, LINE opens and clicks with rates (withheld, not 0, under LINE’s threshold)',
  })
  @RequirePermission('deliveries.read')
  stats(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<DeliveryStats> {
    return this.load(ctx, delivery.id);
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
  private readonly load: (ctx: GraphQLContext, id: string) => Promise<DeliveryStats>;

  constructor(private readonly services: DeliveryServices) {
    this.load = batched((ctx, ids) => this.services.stats.forRuns(ctx, ids));
  }

  @FieldResolver(() => DeliveryStats, { description: 'this run: targeted, sent, failed, LINE opens and clicks with rates' })
  @RequirePermission('deliveries.read')
  stats(@Root() run: DeliveryRun, @Ctx() ctx: GraphQLContext): Promise<DeliveryStats> {
    return this.load(ctx, run.id);
  }
}
