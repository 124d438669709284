import { httpDuration } from '../../platform/metrics/registry.js';
import { defineModule } from '../../platform/modules/feature-module.js';
import { ClickCounter } from './click-counter.js';
import { LinkService } from './link.service.js';
import { linkRoute } from './links.routes.js';
import { linksMigrations } from './migrations/index.js';
import { TrackedLink, TrackedLinkClick } from './tracked-link.entity.js';

export interface LinkServices {
  readonly links: LinkService;
}

/**
 * Click-tracked links (SEG-15: clicks per delivery): a feature that sends URLs asks `links` for
 * their tracked form (`/r/<token>` on PUBLIC_URL), residents' taps are redirected and counted per
 * day, and the owner reads the counts back. No GraphQL of its own: the owners expose their clicks.
 */
export const linksModule = defineModule({
  name: 'links',
  entities: [TrackedLink, TrackedLinkClick],
  migrations: linksMigrations,
  create(ctx) {
    const { orm, logger, config } = ctx;
    const links = new LinkService(orm, config.PUBLIC_URL.replace(/\/$/, ''));
    const counter = new ClickCounter(orm, logger);
    return {
      services: { links },
      routes: [
        linkRoute({
          links,
          counter,
          logger,
          trustProxy: config.TRUST_PROXY,
          hsts: config.secureCookies,
          observe: (method, status, seconds) => httpDuration.labels('/r/:token', method, String(status)).observe(seconds),
        }),
      ],
      async start() {
        counter.start();
      },
      // After the HTTP server has closed (main.ts, tests): the clicks still buffered are written.
      async stop() {
        await counter.stop();
      },
    };
  },
});
