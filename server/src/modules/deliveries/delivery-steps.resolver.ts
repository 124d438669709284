import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { DeliveryStepPlan } from './delivery-step.entity.js';
import { DeleteDeliveryStepPlanPayload, DeliveryStepPlanInput, DeliveryStepPlanPayload } from './delivery-steps.types.js';
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
}
