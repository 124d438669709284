import { defineModule } from '../../platform/modules/feature-module.js';
import { Migration20261208090000 } from './migrations/Migration20261208090000.js';
import { Migration20261211080000 } from './migrations/Migration20261211080000.js';
import { Migration20261212090000 } from './migrations/Migration20261212090000.js';
import { Migration20261217100000 } from './migrations/Migration20261217100000.js';
import { Segment } from './segment.entity.js';
import { segmentPermissions } from './segments.permissions.js';
import { SegmentResolver } from './segments.resolver.js';
import { SegmentService } from './segments.service.js';

export interface SegmentServices {
  readonly segments: SegmentService;
}

/**
 * Segments (SEG-01, SEG-04, SEG-16): conditions over resident attributes, tags, follows, form answers
 * and who opened a delivery's links through the LIFF app (docs/adr/0016).
 */
export const segmentsModule = defineModule({
  name: 'segments',
  needs: ['audit', 'residents', 'attributes', 'forms', 'links'],
  entities: [Segment],
  migrations: [
    { name: 'Migration20261208090000', class: Migration20261208090000 },
    // SEG-03: roles limited to a set of segments
    { name: 'Migration20261211080000', class: Migration20261211080000 },
    // per-key resident bitmaps for counts, kept by triggers (ADR 0012)
    { name: 'Migration20261212090000', class: Migration20261212090000 },
    // engagement (who opened a delivery's links) as one more bitmap per delivery
    { name: 'Migration20261217100000', class: Migration20261217100000 },
  ],
  permissions: [segmentPermissions],
  resolvers: [SegmentResolver],
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { attributes } = ctx.module('attributes');
    const { links } = ctx.module('links');
    return { services: { segments: new SegmentService(attributes, links, audit, ctx.rateLimiter, ctx.logger) } };
  },
});
