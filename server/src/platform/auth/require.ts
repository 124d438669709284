import { forbidden, unauthenticated } from '../errors/app-error.js';
import type { Actor, StaffActor } from '../context/actor.js';
import { authorize } from './gate.js';
import type { PermissionKey } from './permissions.js';

/**
 * The service-layer permission check (the resolver's declaration is the first layer). Services
 * call it first, so jobs, HTTP routes and other entry points get the same rule, through the same
 * gate as GraphQL (TOTP enrolment and forced password change included).
 */
export function requirePermission(actor: Actor, permission: PermissionKey): void {
  authorize(actor, [permission]);
}

export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (actor.kind !== 'staff') throw forbidden('職員としてログインしている必要があります。');
  return actor;
}
