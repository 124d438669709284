import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { notFound } from '../../platform/errors/app-error.js';
import { DeliverySendMode, sendModesOf, sendsAsBroadcast } from './delivery-broadcast.js';
import { Delivery, DeliveryRun, DeliveryRunKind } from './delivery.entity.js';

const BROADCAST_NOTE =
  'BROADCAST: one LINE broadcast (一斉配信), which reaches every friend LINE knows of, also those who added the account before the system (docs/adr/0014)';

/** How a delivery would be sent now, and how each run was (docs/adr/0014, "Broadcast"). */
@Resolver(() => Delivery)
export class DeliverySendModeResolver {
  @FieldResolver(() => DeliverySendMode, {
    description: `how a real run of it would reach LINE now: ${BROADCAST_NOTE} for all friends with Japanese only; MULTICAST otherwise`,
  })
  @RequirePermission('deliveries.read')
  sendMode(@Root() delivery: Delivery): DeliverySendMode {
    const languages = delivery.variants.map((v) => v.language);
    return sendsAsBroadcast(DeliveryRunKind.REAL, delivery.targetKind, languages) ? DeliverySendMode.BROADCAST : DeliverySendMode.MULTICAST;
  }
}

@Resolver(() => DeliveryRun)
export class DeliveryRunSendModeResolver {
  @FieldResolver(() => DeliverySendMode, {
    description: `how the run reaches LINE: ${BROADCAST_NOTE}; MULTICAST in batches of up to 500 residents (test runs always)`,
  })
  @RequirePermission('deliveries.read')
  async sendMode(@Root() run: DeliveryRun, @Ctx() ctx: GraphQLContext): Promise<DeliverySendMode> {
    // Uncached: the mode is written when the run is prepared, and a subscription's context outlives that.
    const written = await ctx.loaders
      .custom<string, DeliverySendMode | null>('deliveries.runSendMode', (ids) => sendModesOf(ctx.em, ids), { cache: false })
      .load(run.id);
    if (written) return written;
    // Not prepared yet: as its preparer will decide, from the content fixed when it started.
    const delivery = await ctx.loaders.load(Delivery, run.delivery.id);
    if (!delivery) throw notFound('配信');
    return sendsAsBroadcast(run.kind, delivery.targetKind, Object.keys(run.compiled))
      ? DeliverySendMode.BROADCAST
      : DeliverySendMode.MULTICAST;
  }
}
