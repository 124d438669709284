import { httpDuration } from '../../platform/metrics/registry.js';
import { defineModule } from '../../platform/modules/feature-module.js';
import { ClickCounter } from './click-counter.js';
import { LinkService } from './link.service.js';
import { linkRoute } from './links.routes.js';
import { LinkResolver } from './links.resolver.js';
import { linksMigrations } from './migrations/index.js';
import { TrackedLink, TrackedLinkClick, TrackedLinkResidentClick } from './tracked-link.entity.js';

const LIFF_ID = /^\d{6,20}-[A-Za-z0-9]{6,16}$/;

export interface LinkServices {
  readonly links: LinkService;
}

/**
 * Click-tracked links (SEG-15: clicks per delivery): a feature that sends URLs asks `links` for
 * their tracked form (`/r/<token>` on PUBLIC_URL), residents' taps are redirected and counted per
 * day, and the owner reads the counts back; the owners expose their clicks. Links sent through the
 * LIFF app also record which resident opened them (`openTrackedLink`, docs/adr/0016).
 */
export const linksModule = defineModule({
  name: 'links',
  entities: [TrackedLink, TrackedLinkClick, TrackedLinkResidentClick],
  migrations: linksMigrations,
  resolvers: [LinkResolver],
  create(ctx) {
    const { orm, logger, config } = ctx;
    const counter = new ClickCounter(orm, logger);
    // A LIFF id looks like 1234567890-AbCdEfGh; anything else would make every identified link a dead one.
    const liffId = config.LIFF_ID && LIFF_ID.test(config.LIFF_ID) ? config.LIFF_ID : null;
    if (config.LIFF_ID && !liffId)
      logger.warn('LIFF_ID is not a LIFF id: links are sent as plain redirects, without knowing who opens them');
    const links = new LinkService(orm, config.PUBLIC_URL.replace(/\/$/, ''), liffId, counter);
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
