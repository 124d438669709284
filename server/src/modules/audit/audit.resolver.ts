import { Arg, Args, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { ReadPermission, RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { hasPermission } from '../../platform/context/actor.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { AuditServices } from './audit.module.js';
import { AuditEvent } from './audit-event.entity.js';
import { AUDIT_EVENT_ADDED } from './audit.service.js';

const AuditEventConnection = connectionType('AuditEvent', AuditEvent);

@InputType()
export class AuditEventFilter {
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'prefix match, e.g. identity.' })
  @IsOptional()
  @MaxLength(100)
  action?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) actorId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(60) targetType?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) targetId?: string | null;
}

@InputType()
export class UpdateAuditSettingsInput {
  @Field(() => Int) retentionMonths!: number;
}

@ObjectType()
export class AuditChainVerification {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int) checked!: number;
  @Field(() => String, { nullable: true }) firstBrokenSeq!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('AuditSettings')
@ReadPermission('audit.read')
export class AuditSettingsView {
  @Field(() => Int) retentionMonths!: number;
}

interface AuditEventAddedPayload {
  seq: string;
  departmentId: string | null;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly services: AuditServices) {}

  @Query(() => AuditEventConnection)
  @RequirePermission('audit.read')
  async auditEvents(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<AuditEvent>> {
    return toConnection(await this.services.audit.list(ctx, filter ?? {}, args));
  }

  @Query(() => AuditChainVerification)
  @RequirePermission('audit.read')
  auditChainVerification(@Ctx() ctx: GraphQLContext): Promise<AuditChainVerification> {
    return this.services.audit.verifyChain(ctx);
  }

  @Query(() => AuditSettingsView, { name: 'auditSettings' })
  @RequirePermission('audit.read')
  auditSettings(@Ctx() ctx: GraphQLContext): Promise<AuditSettingsView> {
    return this.services.audit.settings(ctx);
  }

  @Mutation(() => AuditSettingsView)
  @RequirePermission('audit.settings')
  updateAuditSettings(
    @Arg('input', () => UpdateAuditSettingsInput) input: UpdateAuditSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditSettingsView> {
    return this.services.audit.updateSettings(ctx, input.retentionMonths);
  }

  @Subscription(() => AuditEvent, {
    description: 'live tail of the operation log (audit.read); department-scoped like auditEvents',
    topics: AUDIT_EVENT_ADDED,
    filter: ({ payload, context }: { payload: AuditEventAddedPayload; context: GraphQLContext }) =>
      hasPermission(context.actor, 'audit.read') && AuditResolver.visible(context, payload),
  })
  @RequirePermission('audit.read')
  async auditEventAdded(@Root() payload: AuditEventAddedPayload, @Ctx() ctx: GraphQLContext): Promise<AuditEvent> {
    const event = await this.services.audit.findBySeq({ ...ctx, em: ctx.em.fork() }, payload.seq);
    if (!event) throw notFound('操作ログ');
    return event;
  }

  private static visible(ctx: GraphQLContext, payload: AuditEventAddedPayload): boolean {
    const actor = ctx.actor;
    if (actor.kind === 'staff' && actor.isSystemAdmin) return true;
    const dept = actor.kind === 'staff' ? actor.departmentId : actor.kind === 'apiKey' ? actor.departmentId : undefined;
    return dept === null || (dept !== undefined && dept === payload.departmentId);
  }
}
