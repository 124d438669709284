/**
 * The permission catalogue: every permission is `<feature>.<action>`, declared by its module's
 * manifest (`permissions: [permissionGroup(...)]`) and registered when the modules are composed;
 * roles and API keys may only hold keys that are in the catalogue.
 *
 * The keys are typed: each module adds its keys to `PermissionKeys` by declaration merging (see
 * `modules/identity/identity.permissions.ts`), so `requirePermission(actor, 'staf.read')` does not
 * compile. The admin console gets the same keys generated from this catalogue
 * (`admin-web/src/shared/generated/permissions.ts`, written by `npm run schema:emit`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionKeys {}

/** A permission key of the catalogue. */
export type PermissionKey = Extract<keyof PermissionKeys, string>;

export interface PermissionDefinition {
  key: string;
  label: string;
  featureLabel: string;
}

/** One feature's permissions as its manifest declares them: Japanese labels by key. */
export interface PermissionGroup<K extends string = string> {
  readonly featureLabel: string;
  readonly entries: Readonly<Record<K, string>>;
}

/** `<feature>.<action>`, or `<feature>.<part>.<action>` (forms.submissions.read). */
const KEY = /^[a-z][a-z_]*(\.[a-z][a-z_]*){1,2}$/;

/** Declares a group of permissions; the keys stay literal types for `PermissionKeys`. */
export function permissionGroup<K extends string>(featureLabel: string, entries: Readonly<Record<K, string>>): PermissionGroup<K> {
  for (const key of Object.keys(entries))
    if (!KEY.test(key)) throw new Error(`permission key ${key} is not <feature>.<action> or <feature>.<part>.<action>`);
  return { featureLabel, entries };
}

const catalogue = new Map<string, PermissionDefinition>();

/** Adds groups to the catalogue (idempotent: composing the modules twice registers nothing new). */
export function registerPermissions(groups: readonly PermissionGroup[]): void {
  for (const { featureLabel, entries } of groups) {
    for (const [key, label] of Object.entries<string>(entries)) {
      const existing = catalogue.get(key);
      if (existing && existing.featureLabel !== featureLabel) throw new Error(`permission ${key} is declared by two features`);
      catalogue.set(key, { key, label, featureLabel });
    }
  }
}

export function permissionCatalogue(): PermissionDefinition[] {
  return [...catalogue.values()];
}

export function isKnownPermission(key: string): key is PermissionKey {
  return catalogue.has(key);
}
