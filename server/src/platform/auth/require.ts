import { forbidden, unauthenticated } from '../errors/app-error.js';
import { hasPermission, type Actor, type StaffActor } from '../context/actor.js';

/**
 * The service-layer permission check (the resolver's @Authorized is the first layer). Services
 * call it first, so jobs and other entry points get the same rule.
 */
export function requirePermission(actor: Actor, permission: string): void {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (!hasPermission(actor, permission)) throw forbidden();
}

export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (actor.kind !== 'staff') throw forbidden('職員としてログインしている必要があります。');
  return actor;
}
