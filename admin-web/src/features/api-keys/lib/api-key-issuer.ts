import type { Can } from '../../../shared/lib/permissions';

/**
 * The `@include` variables of ApiKeyFields: the department needs departments.read and the issuing
 * staff member staff.read (the issuing key needs nothing beyond apikeys.read).
 */
export function apiKeyFieldsVariables(can: Can): { withDepartment: boolean; withCreatedBy: boolean } {
  return { withDepartment: can('departments.read'), withCreatedBy: can('staff.read') };
}

export interface IssuedKey {
  id: string;
  revokedAt: string | null;
  createdBy?: { displayName: string } | null;
  createdByKey: { id: string; name: string } | null;
}

/** Who issued a key, as far as the viewer may see: a staff member, another key, or unknown (null). */
export type ApiKeyIssuer = { kind: 'staff'; name: string } | { kind: 'apiKey'; name: string } | null;

export function apiKeyIssuer(key: Pick<IssuedKey, 'createdBy' | 'createdByKey'>): ApiKeyIssuer {
  if (key.createdByKey) return { kind: 'apiKey', name: key.createdByKey.name };
  if (key.createdBy) return { kind: 'staff', name: key.createdBy.displayName };
  return null;
}

/**
 * The listed keys still in force that revoking `id` revokes too: those it issued, those they
 * issued, and so on. Keys not loaded on the page are not counted.
 */
export function activeKeysIssuedUnder<K extends IssuedKey>(keys: readonly K[], id: string): K[] {
  const under = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const key of keys) {
      if (key.createdByKey && under.has(key.createdByKey.id) && !under.has(key.id)) {
        under.add(key.id);
        grew = true;
      }
    }
  }
  return keys.filter((key) => key.id !== id && under.has(key.id) && !key.revokedAt);
}
