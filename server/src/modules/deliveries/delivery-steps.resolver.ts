import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { DeliveryStepPlan } from './delivery-step.entity.js';
import type { StepDateAttribute } from './delivery-step.service.js';
import {
  DeleteDeliveryStepPlanPayload,
  DeliveryStepDateAttribute,
  DeliveryStepPlanInput,
  DeliveryStepPlanPayload,
  DeliveryStepSend,
} from './delivery-steps.types.js';
import type { DeliveryServices } from './deliveries.module.js';

const DeliveryStepPlanConnection = connectionType('DeliveryStepPlan', DeliveryStepPlan);

/** Step messages (SEG-11): plans of messages N days before or after a date attribute. */
@Resolver(() => DeliveryStepPlan)
export class DeliveryStepPlanResolver {
  constructor(private readonly services: DeliveryServices) {}

  @Query(() => DeliveryStepPlanConnection, { description: 'step plans of your departments, most recently changed first' })
  @RequirePermission('deliveries.read')
  async deliveryStepPlans(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<DeliveryStepPlan>> {
    return toConnection(await this.services.steps.list(ctx, args));
  }

  @Query(() => DeliveryStepPlan, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('deliveries.read')
  deliveryStepPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryStepPlan> {
    return this.services.steps.get(ctx, id);
  }

  @Query(() => [DeliveryStepDateAttribute], {
    description: 'the date attributes a new plan may count from (DATE or DATE_LIST, not personal, not retired), in display order',
  })
  @RequirePermission('deliveries.read')
  deliveryStepDateAttributes(@Ctx() ctx: GraphQLContext): Promise<DeliveryStepDateAttribute[]> {
    return this.services.steps.dateAttributes(ctx);
  }

  @Mutation(() => DeliveryStepPlanPayload, { description: 'created disabled unless `enabled` (which needs deliveries.send)' })
  @RequirePermission('deliveries.manage')
  async createDeliveryStepPlan(
    @Arg('input', () => DeliveryStepPlanInput) input: DeliveryStepPlanInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryStepPlanPayload> {
    return { plan: await this.services.steps.create(ctx, input) };
  }

  @Mutation(() => DeliveryStepPlanPayload, {
    description: 'a plan enabled again starts from now (nothing due while it was off is sent late)',
  })
  @RequirePermission('deliveries.manage')
  async updateDeliveryStepPlan(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DeliveryStepPlanInput) input: DeliveryStepPlanInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryStepPlanPayload> {
    return { plan: await this.services.steps.update(ctx, id, input) };
  }

  @Mutation(() => DeleteDeliveryStepPlanPayload, { description: 'CONFLICT while it is enabled' })
  @RequirePermission('deliveries.manage')
  async deleteDeliveryStepPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteDeliveryStepPlanPayload> {
    return { deletedId: await this.services.steps.delete(ctx, id) };
  }

  @FieldResolver(() => DeliveryStepDateAttribute, { nullable: true, description: 'its date attribute; null when you may not see it' })
  @RequirePermission('deliveries.read')
  async dateAttribute(@Root() plan: DeliveryStepPlan, @Ctx() ctx: GraphQLContext): Promise<DeliveryStepDateAttribute | null> {
    const loader = ctx.loaders.custom<number, StepDateAttribute | null>('deliverySteps.dateAttributes', async (ids) => {
      const found = await this.services.steps.dateAttributesById(ctx, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    return loader.load(plan.dateAttributeId);
  }

  @FieldResolver(() => [DeliveryStepSend], {
    description:
      'what it would send in [from, to) (at most 62 days) as things are now, per message and reference date, earliest first: nothing before now (while enabled, what fell due since the job last looked too); counts, never who',
  })
  @RequirePermission('deliveries.read')
  upcoming(
    @Root() plan: DeliveryStepPlan,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryStepSend[]> {
    return this.services.steps.upcoming(ctx, plan, { from, to });
  }
}
