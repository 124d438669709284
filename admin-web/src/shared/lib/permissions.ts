import type { PermissionKey } from '../generated/permissions';

// The catalogue is the server's (each module's manifest); `npm run schema:emit` writes it here.
export { PERMISSION_KEYS } from '../generated/permissions';
export type { PermissionKey } from '../generated/permissions';

/** A requirement: one key, or a list of which any one suffices. */
export type PermissionRequirement = PermissionKey | readonly PermissionKey[];

/** Whether the viewer holds a permission, system administrators holding all (`useCan()`). */
export type Can = (required: PermissionRequirement) => boolean;

export function hasPermission(granted: readonly string[], required: PermissionRequirement | undefined): boolean {
  if (required === undefined) return true;
  const anyOf: readonly PermissionKey[] = typeof required === 'string' ? [required] : required;
  if (anyOf.length === 0) return true;
  return anyOf.some((key) => granted.includes(key));
}

export interface CataloguePermission {
  key: string;
  label: string;
  featureLabel: string;
}

export interface PermissionGroup<P extends CataloguePermission> {
  featureLabel: string;
  permissions: P[];
}

/** Groups the catalogue by feature label, keeping the server's order of both groups and entries. */
export function groupPermissions<P extends CataloguePermission>(catalogue: readonly P[]): PermissionGroup<P>[] {
  const groups = new Map<string, P[]>();
  for (const permission of catalogue) {
    const list = groups.get(permission.featureLabel);
    if (list) list.push(permission);
    else groups.set(permission.featureLabel, [permission]);
  }
  return [...groups].map(([featureLabel, permissions]) => ({ featureLabel, permissions }));
}

/** The selection after a group's checkboxes changed; keys outside the group are kept as they were. */
export function replaceGroupSelection(
  selected: readonly string[],
  groupKeys: readonly string[],
  checkedInGroup: readonly string[],
): string[] {
  const inGroup = new Set(groupKeys);
  const checked = new Set(checkedInGroup);
  return [...selected.filter((key) => !inGroup.has(key)), ...groupKeys.filter((key) => checked.has(key))];
}

/** Feature labels that a set of permission keys touches, in catalogue order. */
export function featureLabelsOf(keys: readonly string[], catalogue: readonly CataloguePermission[]): string[] {
  const wanted = new Set(keys);
  const labels: string[] = [];
  for (const permission of catalogue) {
    if (wanted.has(permission.key) && !labels.includes(permission.featureLabel)) labels.push(permission.featureLabel);
  }
  return labels;
}
