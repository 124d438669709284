import { defineModule } from '../../platform/modules/feature-module.js';
import { Migration20261208090000 } from './migrations/Migration20261208090000.js';
import { Migration20261211080000 } from './migrations/Migration20261211080000.js';
import { Segment } from './segment.entity.js';
import { segmentPermissions } from './segments.permissions.js';
import { SegmentResolver } from './segments.resolver.js';
import { SegmentService } from './segments.service.js';

export interface SegmentServices {
  readonly segments: SegmentService;
}

/** Segments (SEG-01, SEG-04, SEG-16): conditions over resident attributes, tags, follows and form answers. */
export const segmentsModule = defineModule({
  name: 'segments',
  needs: ['audit', 'residents', 'attributes', 'forms'],
  entities: [Segment],
  migrations: [
    { name: 'Migration20261208090000', class: Migration20261208090000 },
    // SEG-03: roles limited to a set of segments
    { name: 'Migration20261211080000', class: Migration20261211080000 },
  ],
  permissions: [segmentPermissions],
  resolvers: [SegmentResolver],
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { attributes } = ctx.module('attributes');
    return { services: { segments: new SegmentService(attributes, audit, ctx.rateLimiter, ctx.logger) } };
  },
});
