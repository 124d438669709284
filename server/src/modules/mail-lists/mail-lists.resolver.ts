import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { MailList } from './mail-list.entity.js';
import type { MailListCounts } from './mail-list.service.js';
import type { MailListServices } from './mail-lists.module.js';
import {
  CreateMailListInput,
  DeleteMailListPayload,
  ImportMailListSubscribersInput,
  ImportMailListSubscribersPayload,
  MailListPayload,
  RemoveMailListSubscriberPayload,
  UpdateMailListInput,
} from './mail-lists.types.js';
import { MailListMember, MailSubscriberStatus } from './mail-subscriber.entity.js';

const MailListConnection = connectionType('MailList', MailList);
const MailListMemberConnection = connectionType('MailListMember', MailListMember);

/** The console's mail lists (SEG-05): the lists with their counts, their subscribers, import and removal. */
@Resolver(() => MailList)
export class MailListResolver {
  constructor(private readonly services: MailListServices) {}

  @Query(() => MailListConnection, { description: 'your departments’ mail lists, most recently changed first' })
  @RequirePermission('mail_lists.read')
  async mailLists(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<MailList>> {
    return toConnection(await this.services.lists.list(ctx, search ?? null, args));
  }

  @Query(() => MailList, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('mail_lists.read')
  mailList(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<MailList> {
    return this.services.lists.get(ctx, id);
  }

  @Query(() => MailListMemberConnection, {
    description: 'a list’s subscribers, newest first (addresses need mail_lists.read_personal; maskedEmail otherwise)',
  })
  @RequirePermission('mail_lists.read')
  async mailListSubscribers(
    @Arg('listId', () => ID) listId: string,
    @Arg('status', () => MailSubscriberStatus, { nullable: true }) status: MailSubscriberStatus | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<MailListMember>> {
    return toConnection(await this.services.lists.subscribers(ctx, listId, status ?? null, args));
  }

  @Mutation(() => MailListPayload)
  @RequirePermission('mail_lists.manage')
  async createMailList(
    @Arg('input', () => CreateMailListInput) input: CreateMailListInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MailListPayload> {
    return { mailList: await this.services.lists.create(ctx, input) };
  }

  @Mutation(() => MailListPayload)
  @RequirePermission('mail_lists.manage')
  async updateMailList(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMailListInput) input: UpdateMailListInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MailListPayload> {
    return { mailList: await this.services.lists.update(ctx, id, input) };
  }

  @Mutation(() => DeleteMailListPayload, { description: 'deletes the list and everyone’s place on it' })
  @RequirePermission('mail_lists.manage')
  async deleteMailList(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteMailListPayload> {
    return { deletedId: await this.services.lists.delete(ctx, id) };
  }

  @Mutation(() => RemoveMailListSubscriberPayload, { description: 'takes a subscriber off one list' })
  @RequirePermission('mail_lists.manage')
  async removeMailListSubscriber(
    @Arg('listId', () => ID) listId: string,
    @Arg('subscriberId', () => ID) subscriberId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RemoveMailListSubscriberPayload> {
    return { listId, subscriberId: await this.services.lists.removeSubscriber(ctx, listId, subscriberId) };
  }

  @Mutation(() => ImportMailListSubscribersPayload, {
    description: 'imports subscribers from a CSV; any bad row imports nothing (BAD_USER_INPUT, fields csv.<line>)',
  })
  @RequirePermission('mail_lists.manage')
  importMailListSubscribers(
    @Arg('input', () => ImportMailListSubscribersInput) input: ImportMailListSubscribersInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportMailListSubscribersPayload> {
    return this.services.lists.importSubscribers(ctx, input);
  }

  @FieldResolver(() => Int, { description: 'subscribers receiving the list (address and list confirmed)' })
  async subscriberCount(@Root() list: MailList, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await this.counts(ctx).load(list.id)).confirmed;
  }

  @FieldResolver(() => Int, { description: 'subscribers waiting for their confirmation link' })
  async pendingCount(@Root() list: MailList, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await this.counts(ctx).load(list.id)).pending;
  }

  private counts(ctx: GraphQLContext) {
    return ctx.loaders.custom<string, MailListCounts>('mailLists.counts', async (ids) => {
      const counts = await this.services.lists.counts(ctx, ids);
      return ids.map((id) => counts.get(id)!);
    });
  }
}
