import { defineModule } from '../../platform/modules/feature-module.js';
import { createMediaStore } from './create-media-store.js';
import { MediaObject } from './media-object.entity.js';
import { mediaMigrations } from './migrations/index.js';
import { mediaPermissions } from './media.permissions.js';
import { MediaObjectResolver } from './media.resolver.js';
import { mediaRoutes } from './media.routes.js';
import { MediaService } from './media.service.js';

export interface MediaServices {
  readonly media: MediaService;
}

/**
 * Uploads checked on their bytes, images normalised (upright, re-encoded, thumbnails, no EXIF),
 * private media served only to those the owning record allows, public media at stable URLs LINE
 * can fetch; bytes in a local folder or any S3-compatible store.
 */
export const mediaModule = defineModule({
  name: 'media',
  needs: ['audit'],
  entities: [MediaObject],
  migrations: mediaMigrations,
  permissions: [mediaPermissions],
  resolvers: [MediaObjectResolver],
  jobs: {
    feature: 'media',
    jobs: [
      {
        // Uploads nobody attached within 24 hours (an abandoned form, a closed LIFF page).
        name: 'media.purgeUnattached',
        concurrency: 1,
        async run(_job, { services, logger }) {
          const { deleted } = await services.media.purgeUnattached();
          logger.info({ deleted }, 'purged unattached uploads');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('20 * * * *', 'media.purgeUnattached', undefined, { timezone: 'Asia/Tokyo' });
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const store = createMediaStore(ctx.config);
    const media = new MediaService(ctx.orm, store, audit, ctx.rateLimiter, ctx.logger, ctx.config.PUBLIC_URL.replace(/\/$/, ''));
    return {
      services: { media },
      routes: mediaRoutes(media, ctx.logger),
      async stop() {
        store.close?.();
      },
    };
  },
});
