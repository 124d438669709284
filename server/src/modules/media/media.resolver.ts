import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { MediaObject } from './media-object.entity.js';
import type { MediaServices } from './media.module.js';

@Resolver(() => MediaObject)
export class MediaObjectResolver {
  constructor(private readonly services: MediaServices) {}

  @Query(() => MediaObject, { description: 'NOT_FOUND unless the caller may read the record it is attached to (or uploaded it)' })
  @RequirePermission('media.read')
  mediaObject(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<MediaObject> {
    return this.services.media.get(ctx, id);
  }

  @FieldResolver(() => String, {
    description: 'public objects: a stable URL anyone (LINE) may fetch; private ones check access on every request',
  })
  url(@Root() media: MediaObject): string {
    return this.services.media.urlOf(media);
  }

  @FieldResolver(() => String, { nullable: true, description: 'images only' })
  thumbnailUrl(@Root() media: MediaObject): string | null {
    return this.services.media.thumbnailUrlOf(media);
  }
}
