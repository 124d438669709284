import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import type { MailServices } from './mail.module.js';
import { OutboundMail, OutboundMailStatus } from './outbound-mail.entity.js';

const OutboundMailConnection = connectionType('OutboundMail', OutboundMail);

@InputType()
class OutboundMailFilter {
  @Field(() => OutboundMailStatus, { nullable: true })
  status?: OutboundMailStatus | null;
}

@ObjectType()
class MailSettings {
  @Field(() => Boolean, { description: 'an SMTP server is configured (SMTP_URL); without one, mail waits in the outbox' })
  configured!: boolean;
  @Field(() => String, { nullable: true, description: 'scheme, host and port of the SMTP server, never its credentials' })
  destination!: string | null;
  @Field(() => String)
  from!: string;
}

@ObjectType()
class OutboundMailPayload {
  @Field(() => OutboundMail) mail!: OutboundMail;
}

/** The console's 送信メール page: the outbox, its settings, a test mail and a resend. */
@Resolver(() => OutboundMail)
export class MailResolver {
  constructor(private readonly services: MailServices) {}

  @Query(() => OutboundMailConnection, { description: 'newest first' })
  @RequirePermission('mail.read')
  async outboundMails(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => OutboundMailFilter, { nullable: true }) filter: OutboundMailFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<OutboundMail>> {
    return toConnection(await this.services.mail.list(ctx, filter ?? {}, args));
  }

  @Query(() => OutboundMail, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('mail.read')
  outboundMail(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<OutboundMail> {
    return this.services.mail.get(ctx, id);
  }

  @Query(() => MailSettings)
  @RequirePermission('mail.read')
  mailSettings(@Ctx() ctx: GraphQLContext): MailSettings {
    return this.services.mail.settings(ctx);
  }

  @Mutation(() => OutboundMailPayload, { description: 'queues a test mail to check the SMTP settings' })
  @RequirePermission('mail.send')
  async sendTestMail(@Arg('to', () => String) to: string, @Ctx() ctx: GraphQLContext): Promise<OutboundMailPayload> {
    return { mail: await this.services.mail.sendTest(ctx, to) };
  }

  @Mutation(() => OutboundMailPayload, { description: 'sends a FAILED mail again (PRECONDITION_FAILED otherwise)' })
  @RequirePermission('mail.send')
  async retryOutboundMail(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<OutboundMailPayload> {
    return { mail: await this.services.mail.retry(ctx, id) };
  }
}
