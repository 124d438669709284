/**
 * The links module's public surface: deliveries (and any feature that sends URLs) track links and
 * read clicks through `links`; segments read who opened a delivery's links through LIFF (docs/adr/0016).
 */
import type { LinkServices } from './links.module.js';

export { linksModule, type LinkServices } from './links.module.js';
export type {
  LinkService,
  LinkOwner,
  TrackInput,
  TrackOptions,
  OwnerClicks,
  LinkClicks,
  DayClicks,
  LinkOwnerPolicy,
  DescribedOwner,
} from './link.service.js';
export { TrackedLink } from './tracked-link.entity.js';
export { LinkRefusal } from './links.errors.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    links: LinkServices;
  }
}
