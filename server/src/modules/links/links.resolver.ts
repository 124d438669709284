import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Public } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import type { LinkServices } from './links.module.js';
import { OpenedTrackedLink } from './links.types.js';

/** The resident's side of identified clicks: the LIFF app's `/r/<token>` page (docs/adr/0016). */
@Resolver()
export class LinkResolver {
  constructor(private readonly services: LinkServices) {}

  @Mutation(() => OpenedTrackedLink, {
    description:
      'a tap on a link sent through the LIFF app: counted, recorded for a signed-in resident, and answered with where it leads (NOT_FOUND for an unknown token)',
  })
  @Public('residents opening a link they were sent; without a session the tap is counted as the plain redirect counts it')
  openTrackedLink(@Arg('token', () => String) token: string, @Ctx() ctx: GraphQLContext): Promise<OpenedTrackedLink> {
    return this.services.links.open(ctx, token);
  }
}
