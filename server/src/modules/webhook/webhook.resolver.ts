import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import type { WebhookServices } from './webhook.module.js';
import { LineWebhookEvent, WebhookEventStatus } from './line-webhook-event.entity.js';

const LineWebhookEventConnection = connectionType('LineWebhookEvent', LineWebhookEvent);

@InputType()
export class LineWebhookEventFilter {
  @Field(() => WebhookEventStatus, { nullable: true }) status?: WebhookEventStatus | null;
  @Field(() => ID, { nullable: true }) channelId?: string | null;
}

@ObjectType()
export class LineWebhookEventPayload {
  @Field(() => LineWebhookEvent) event!: LineWebhookEvent;
}

/** Administrators see received webhook events and retry failed ones. */
@Resolver(() => LineWebhookEvent)
export class WebhookResolver {
  constructor(private readonly services: WebhookServices) {}

  @Query(() => LineWebhookEventConnection)
  @RequirePermission('channels.read')
  async lineWebhookEvents(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => LineWebhookEventFilter, { nullable: true }) filter: LineWebhookEventFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<LineWebhookEvent>> {
    return toConnection(await this.services.events.list(ctx, filter ?? {}, args));
  }

  @Mutation(() => LineWebhookEventPayload)
  @RequirePermission('channels.write')
  async retryLineWebhookEvent(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<LineWebhookEventPayload> {
    return { event: await this.services.events.retry(ctx, id) };
  }
}
