import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { Department } from '../identity/index.js';
import { Segment } from './segment.entity.js';
import type { SegmentServices } from './segments.module.js';
import {
  CreateSegmentInput,
  DeleteSegmentPayload,
  RoleSegmentAccess,
  SegmentCountOptions,
  SegmentCountResult,
  SegmentEngagementDelivery,
  SegmentPayload,
  SegmentSample,
  UpdateSegmentInput,
} from './segments.types.js';

const SegmentConnection = connectionType('Segment', Segment);

/** The console's segments: the list, the condition editor's live count and sample, saving. */
@Resolver(() => Segment)
export class SegmentResolver {
  constructor(private readonly services: SegmentServices) {}

  @Query(() => SegmentConnection, { description: 'most recently changed first' })
  @RequirePermission('segments.read')
  async segments(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<Segment>> {
    return toConnection(await this.services.segments.list(ctx, search ?? null, args));
  }

  @Query(() => Segment, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('segments.read')
  segment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Segment> {
    return this.services.segments.get(ctx, id);
  }

  @Query(() => SegmentCountResult, {
    description: 'the live count of an unsaved condition (BAD_USER_INPUT with per-path messages; rate limited per staff member)',
  })
  @RequirePermission('segments.read')
  countSegmentCondition(
    @Arg('condition', () => JSONObject) condition: Record<string, unknown>,
    @Arg('options', () => SegmentCountOptions, { nullable: true }) options: SegmentCountOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SegmentCountResult> {
    return this.services.segments.countCondition(ctx, condition, options ?? {});
  }

  @Query(() => SegmentSample, {
    description: 'up to 20 matching friends, most recently followed first (who matches tells their attributes: attributes.read too)',
  })
  @RequirePermission(['segments.read', 'residents.read', 'attributes.read'])
  async segmentSample(
    @Arg('condition', () => JSONObject) condition: Record<string, unknown>,
    @Arg('options', () => SegmentCountOptions, { nullable: true }) options: SegmentCountOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SegmentSample> {
    return { residents: await this.services.segments.sample(ctx, condition, options ?? {}) };
  }

  @Query(() => [SegmentEngagementDelivery], {
    description:
      "your departments' deliveries whose links were sent through the LIFF app, most recently sent first: what an engagement condition can name",
  })
  @RequirePermission(['segments.read', 'deliveries.read'])
  segmentEngagementDeliveries(@Ctx() ctx: GraphQLContext): Promise<SegmentEngagementDelivery[]> {
    return this.services.segments.engagementDeliveries(ctx);
  }

  @Mutation(() => SegmentCountResult, { description: 'counts a saved segment now and remembers the count (SEG-16)' })
  @RequirePermission('segments.read')
  countSegment(
    @Arg('id', () => ID) id: string,
    @Arg('options', () => SegmentCountOptions, { nullable: true }) options: SegmentCountOptions | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SegmentCountResult> {
    return this.services.segments.countSegment(ctx, id, options ?? {});
  }

  @Mutation(() => SegmentPayload)
  @RequirePermission('segments.manage')
  async createSegment(
    @Arg('input', () => CreateSegmentInput) input: CreateSegmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SegmentPayload> {
    return { segment: await this.services.segments.create(ctx, input) };
  }

  @Mutation(() => SegmentPayload)
  @RequirePermission('segments.manage')
  async updateSegment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSegmentInput) input: UpdateSegmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SegmentPayload> {
    return { segment: await this.services.segments.update(ctx, id, input) };
  }

  @Mutation(() => SegmentPayload)
  @RequirePermission('segments.manage')
  async duplicateSegment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SegmentPayload> {
    return { segment: await this.services.segments.duplicate(ctx, id) };
  }

  @Mutation(() => DeleteSegmentPayload)
  @RequirePermission('segments.manage')
  async deleteSegment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteSegmentPayload> {
    return { deletedId: await this.services.segments.delete(ctx, id) };
  }

  @Query(() => RoleSegmentAccess, { description: 'SEG-03: the segments a role is limited to' })
  @RequirePermission(['roles.read', 'segments.read'])
  roleSegmentAccess(@Arg('roleId', () => ID) roleId: string, @Ctx() ctx: GraphQLContext): Promise<RoleSegmentAccess> {
    return this.services.segments.roleAccess(ctx, roleId);
  }

  @Mutation(() => RoleSegmentAccess, {
    description: 'SEG-03: limits a role to these segments (limited: true) or lets it use every segment of its departments',
  })
  @RequirePermission(['roles.write', 'segments.read'])
  setRoleSegmentAccess(
    @Arg('roleId', () => ID) roleId: string,
    @Arg('limited', () => Boolean) limited: boolean,
    @Arg('segmentIds', () => [ID]) segmentIds: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<RoleSegmentAccess> {
    return this.services.segments.setRoleAccess(ctx, roleId, limited, segmentIds);
  }

  @FieldResolver(() => Department, { nullable: true })
  @RequirePermission('departments.read')
  department(@Root() segment: Segment, @Ctx() ctx: GraphQLContext): Promise<Department | null> {
    return ctx.loaders.load(Department, segment.department.id);
  }
}
