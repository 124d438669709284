import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import type { ChannelServices } from './channels.module.js';
import { LineChannel, LineChannelPurpose } from './line-channel.entity.js';

@InputType()
export class CreateLineChannelInput {
  @Field(() => String) @MaxLength(100) name!: string;
  @Field(() => LineChannelPurpose) purpose!: LineChannelPurpose;
  @Field(() => String) @MaxLength(20) messagingChannelId!: string;
  @Field(() => String) @MaxLength(64) channelSecret!: string;
  @Field(() => String) @MaxLength(1000) channelAccessToken!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) loginChannelId?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) liffIds?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) greetingText?: string | null;
}

@InputType()
export class UpdateLineChannelInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) name?: string | null;
  @Field(() => LineChannelPurpose, { nullable: true }) purpose?: LineChannelPurpose | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) messagingChannelId?: string | null;
  @Field(() => String, { nullable: true, description: 'set only to replace it' }) @IsOptional() @MaxLength(64) channelSecret?:
    string | null;
  @Field(() => String, { nullable: true, description: 'set only to replace it' }) @IsOptional() @MaxLength(1000) channelAccessToken?:
    string | null;
  @Field(() => String, { nullable: true, description: 'empty string clears it' }) @IsOptional() @MaxLength(20) loginChannelId?:
    string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) liffIds?: string[] | null;
  @Field(() => Boolean, { nullable: true }) isActive?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) greetingText?: string | null;
}

@ObjectType()
export class LineChannelPayload {
  @Field(() => LineChannel) channel!: LineChannel;
}

@ObjectType()
export class LineChannelConnectionCheck {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { description: 'Japanese, for display' }) message!: string;
  @Field(() => LineChannel) channel!: LineChannel;
}

@Resolver(() => LineChannel)
export class LineChannelResolver {
  constructor(private readonly services: ChannelServices) {}

  @Query(() => [LineChannel])
  @RequirePermission('channels.read')
  lineChannels(@Ctx() ctx: GraphQLContext): Promise<LineChannel[]> {
    return this.services.lineChannels.list(ctx);
  }

  @Query(() => LineChannel, { description: 'NOT_FOUND when it does not exist' })
  @RequirePermission('channels.read')
  lineChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<LineChannel> {
    return this.services.lineChannels.get(ctx, id);
  }

  @FieldResolver(() => String, { description: 'paste into LINE Developers console → Messaging API → Webhook URL' })
  webhookUrl(@Root() channel: LineChannel): string {
    return `${this.services.publicUrl}/webhook/${channel.id}`;
  }

  @FieldResolver(() => Boolean)
  hasCredentials(@Root() channel: LineChannel): boolean {
    return Boolean(channel.channelSecret && channel.channelAccessToken);
  }

  @Mutation(() => LineChannelPayload)
  @RequirePermission('channels.write')
  async createLineChannel(
    @Arg('input', () => CreateLineChannelInput) input: CreateLineChannelInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LineChannelPayload> {
    return { channel: await this.services.lineChannels.create(ctx, input) };
  }

  @Mutation(() => LineChannelPayload)
  @RequirePermission('channels.write')
  async updateLineChannel(
    @Arg('input', () => UpdateLineChannelInput) input: UpdateLineChannelInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LineChannelPayload> {
    return { channel: await this.services.lineChannels.update(ctx, input.id, input) };
  }

  @Mutation(() => LineChannelConnectionCheck, { description: "calls LINE's bot info endpoint with the stored token" })
  @RequirePermission('channels.write')
  checkLineChannelConnection(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<LineChannelConnectionCheck> {
    return this.services.lineChannels.checkConnection(ctx, id);
  }
}
