/** Who is making a request. A request context carries exactly one. */
export type Actor = StaffActor | ApiKeyActor | ResidentActor | AnonymousActor | SystemActor;

export interface StaffActor {
  readonly kind: 'staff';
  readonly staffId: string;
  readonly sessionId: string;
  readonly loginId: string;
  readonly departmentId: string;
  readonly isSystemAdmin: boolean;
  readonly permissions: ReadonlySet<string>;
  /** A role demands TOTP and the staff member has not enrolled: only enrolment is allowed. */
  readonly totpEnrolmentRequired: boolean;
  readonly mustChangePassword: boolean;
}

export interface ApiKeyActor {
  readonly kind: 'apiKey';
  readonly apiKeyId: string;
  readonly name: string;
  readonly permissions: ReadonlySet<string>;
  /** null: every department (only system administrators create such keys). */
  readonly departmentId: string | null;
}

export interface ResidentActor {
  readonly kind: 'resident';
  readonly residentId: string;
  readonly sessionId: string;
}

export interface AnonymousActor {
  readonly kind: 'anonymous';
}

/** Jobs and command-line tools acting on behalf of the system. */
export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

export function hasPermission(actor: Actor, permission: string): boolean {
  switch (actor.kind) {
    case 'staff':
      return actor.isSystemAdmin || actor.permissions.has(permission);
    case 'apiKey':
      return actor.permissions.has(permission);
    case 'system':
      return true;
    case 'resident':
    case 'anonymous':
      return false;
  }
}

/** Departments whose data the actor may see; 'all' for system administrators and the system. */
export function departmentScope(actor: Actor): 'all' | string[] {
  switch (actor.kind) {
    case 'staff':
      return actor.isSystemAdmin ? 'all' : [actor.departmentId];
    case 'apiKey':
      return actor.departmentId === null ? 'all' : [actor.departmentId];
    case 'system':
      return 'all';
    case 'resident':
    case 'anonymous':
      return [];
  }
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.loginId;
    case 'apiKey':
      return `apikey:${actor.name}`;
    case 'resident':
      return `resident:${actor.residentId}`;
    case 'anonymous':
      return 'anonymous';
    case 'system':
      return `system:${actor.name}`;
  }
}
