/** The residents module's public surface: other modules and the composition root import only this. */
import type { ResidentServices } from './residents.module.js';

export { residentsModule, type ResidentServices } from './residents.module.js';
export { FollowStatus, Resident } from './resident.entity.js';
export { RESIDENT_SESSION_COOKIE } from './resident-auth.service.js';
export type { GreetingExtension } from './resident-events.service.js';
export { TalkDirection } from './talk-log-entry.entity.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    residents: ResidentServices;
  }
}
