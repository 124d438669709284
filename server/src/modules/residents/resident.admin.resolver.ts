import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import type { ResidentServices } from './residents.module.js';
import { LineChannel } from '../channels/index.js';
import { FollowStatus, Resident } from './resident.entity.js';
import { ResidentFollowEvent } from './resident-follow-event.entity.js';
import { TalkLogEntry } from './talk-log-entry.entity.js';

const ResidentConnection = connectionType('Resident', Resident);
const TalkLogEntryConnection = connectionType('TalkLogEntry', TalkLogEntry);

@InputType()
export class ResidentFilter {
  @Field(() => String, { nullable: true, description: 'part of the display name (needs residents.read_personal)' })
  @IsOptional()
  @MaxLength(50)
  search?: string | null;
  @Field(() => ID, { nullable: true }) channelId?: string | null;
  @Field(() => FollowStatus, { nullable: true }) followStatus?: FollowStatus | null;
  @Field(() => Boolean, { nullable: true }) isTestRecipient?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(30) tag?: string | null;
}

@InputType()
export class UpdateResidentInput {
  @Field(() => ID) id!: string;
  @Field(() => Boolean, { nullable: true }) isTestRecipient?: boolean | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) tags?: string[] | null;
}

@ObjectType()
export class ResidentPayload {
  @Field(() => Resident) resident!: Resident;
}

/** Staff views of residents: list, timeline (follow history, talk log), tags and test recipients. */
@Resolver(() => Resident)
export class ResidentAdminResolver {
  constructor(private readonly services: ResidentServices) {}

  @Query(() => ResidentConnection)
  @RequirePermission('residents.read')
  async residents(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter: ResidentFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<Resident>> {
    return toConnection(await this.services.residents.list(ctx, filter ?? {}, args));
  }

  @Query(() => Resident, { description: 'NOT_FOUND when it does not exist' })
  @RequirePermission('residents.read')
  resident(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Resident> {
    return this.services.residents.get(ctx, id);
  }

  @FieldResolver(() => LineChannel, { nullable: true })
  @RequirePermission('channels.read')
  channel(@Root() resident: Resident, @Ctx() ctx: GraphQLContext): Promise<LineChannel | null> {
    return resident.channel ? ctx.loaders.load(LineChannel, resident.channel.id) : Promise.resolve(null);
  }

  @FieldResolver(() => [ResidentFollowEvent])
  @RequirePermission('residents.read')
  followHistory(@Root() resident: Resident, @Ctx() ctx: GraphQLContext): Promise<ResidentFollowEvent[]> {
    return this.services.residents.followHistory(ctx, resident.id);
  }

  @FieldResolver(() => TalkLogEntryConnection)
  @RequirePermission('talklog.read')
  async talkLog(
    @Root() resident: Resident,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<TalkLogEntry>> {
    return toConnection(await this.services.talkLog.list(ctx, resident.id, args));
  }

  @Mutation(() => ResidentPayload, { description: 'fetches the LINE profile again' })
  @RequirePermission('residents.write')
  async refreshResidentProfile(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ResidentPayload> {
    return { resident: await this.services.profiles.refresh(ctx, id) };
  }

  @Mutation(() => ResidentPayload)
  @RequirePermission('residents.write')
  async updateResident(
    @Arg('input', () => UpdateResidentInput) input: UpdateResidentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ResidentPayload> {
    return { resident: await this.services.residents.update(ctx, input) };
  }
}
