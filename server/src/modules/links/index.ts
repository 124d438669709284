/** The links module's public surface: deliveries (and any feature that sends URLs) track links and read clicks through `links`. */
import type { LinkServices } from './links.module.js';

export { linksModule, type LinkServices } from './links.module.js';
export type { LinkService, LinkOwner, TrackInput, OwnerClicks, LinkClicks, DayClicks } from './link.service.js';
export { TrackedLink } from './tracked-link.entity.js';
export { LinkRefusal } from './links.errors.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    links: LinkServices;
  }
}
