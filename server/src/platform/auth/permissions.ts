/**
 * The permission catalogue: every permission is `<feature>.<action>`. Later features add their
 * own entries with registerPermissions; roles may only hold keys that are in the catalogue.
 */
export interface PermissionDefinition {
  key: string;
  label: string;
  featureLabel: string;
}

const catalogue = new Map<string, PermissionDefinition>();

export function registerPermissions(featureLabel: string, entries: Record<string, string>): void {
  for (const [key, label] of Object.entries(entries)) {
    if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(key)) throw new Error(`permission key ${key} is not <feature>.<action>`);
    catalogue.set(key, { key, label, featureLabel });
  }
}

export function permissionCatalogue(): PermissionDefinition[] {
  return [...catalogue.values()];
}

export function isKnownPermission(key: string): boolean {
  return catalogue.has(key);
}
