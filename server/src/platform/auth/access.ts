import { Authorized, Extensions, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Actor } from '../context/actor.js';
import type { GraphQLContext } from '../context/context.js';
import { RESIDENT, STAFF, authorize } from './gate.js';
import type { PermissionKey } from './permissions.js';

/**
 * Who may use a GraphQL field, declared once on the field and kept in the schema's field
 * extensions (`extensions.access`), where the generated authorization tests read it: every root
 * field must declare one, and a field that exposes another feature's object must require that
 * feature's read permission (server/test/security/*).
 */
export type FieldAccess =
  /** Anyone, signed in or not (sign-in itself, "who am I"). */
  | { kind: 'public' }
  /** Any signed-in staff member or API key, whatever their permissions. */
  | { kind: 'signedIn' }
  /** A signed-in staff member only, whatever their permissions (their own account settings). */
  | { kind: 'staff' }
  /** A signed-in resident only. */
  | { kind: 'resident' }
  /** Staff or API keys holding every permission; with orSelf, staff reading their own record too. */
  | { kind: 'permission'; permissions: string[]; orSelf?: boolean }
  /** Exposes only the signed-in actor's own record (the viewer's staff account). */
  | { kind: 'self' };

export const ACCESS_EXTENSION = 'access';
/** On an entity's object type: the permission that reading it needs (`extensions.readPermission`). */
export const READ_PERMISSION_EXTENSION = 'readPermission';

type FieldDecorator = PropertyDecorator & MethodDecorator;

function both(...decorators: Array<(target: object, key: string | symbol, descriptor?: PropertyDescriptor) => void>): FieldDecorator {
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}

const declare = (access: FieldAccess): FieldDecorator => Extensions({ [ACCESS_EXTENSION]: access });

/** Open to anyone; `why` is for the reader (sign-in, the resident's own session, ...). */
export function Public(_why: string): FieldDecorator {
  return declare({ kind: 'public' });
}

/** Any signed-in staff member or API key. */
export function SignedIn(): FieldDecorator {
  return both(Authorized(), declare({ kind: 'signedIn' }));
}

/** A signed-in staff member, not an API key (their own password, TOTP and session). */
export function StaffOnly(): FieldDecorator {
  return both(Authorized(STAFF), declare({ kind: 'staff' }));
}

/** A signed-in resident (LIFF or web session). */
export function ResidentOnly(): FieldDecorator {
  return both(Authorized(RESIDENT), declare({ kind: 'resident' }));
}

/** Exposes the actor's own record only; the resolver must make sure of it. */
export function ExposesSelf(): FieldDecorator {
  return declare({ kind: 'self' });
}

/**
 * Needs every permission, checked by the one gate before the resolver runs (at subscribe time and
 * for every event of a subscription too). With `orSelf`, staff may also read the field on their
 * own record without the permission (their own department and roles).
 */
export function RequirePermission(
  permission: PermissionKey | PermissionKey[],
  options: { orSelf?: (root: unknown, actor: Actor) => boolean } = {},
): FieldDecorator {
  const permissions = Array.isArray(permission) ? permission : [permission];
  const { orSelf } = options;
  if (!orSelf) return both(Authorized(permissions), declare({ kind: 'permission', permissions }));
  const check: MiddlewareFn<GraphQLContext> = ({ root, context }, next) => {
    if (!orSelf(root, context.actor)) authorize(context.actor, permissions);
    return next();
  };
  return both(UseMiddleware(check), declare({ kind: 'permission', permissions, orSelf: true }));
}

/** On an entity class that is also an object type: reading it needs this permission. */
export function ReadPermission(permission: PermissionKey): ClassDecorator {
  return Extensions({ [READ_PERMISSION_EXTENSION]: permission });
}
