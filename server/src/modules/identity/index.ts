/** The identity module's public surface: other modules and the composition root import only this. */
import type { IdentityServices } from './identity.module.js';

export { identityModule, type IdentityServices } from './identity.module.js';
// Entities other modules relate to, and what the request pipeline needs to resolve a staff actor.
export { Department } from './department.entity.js';
export { StaffUser } from './staff-user.entity.js';
export { STAFF_SESSION_COOKIE } from './auth.service.js';
export { generatePassword, hasStaff, seedIdentity } from './identity.seed.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    identity: IdentityServices;
  }
}
