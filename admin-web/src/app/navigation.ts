import type { PermissionRequirement } from '../shared/lib/permissions';
import { hasPermission } from '../shared/lib/permissions';

export type NavKey =
  'home' | 'residents' | 'channels' | 'staff' | 'departments' | 'roles' | 'apiKeys' | 'ipAllowlist' | 'audit' | 'account';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Absent: every signed-in staff member may open it. */
  permission?: PermissionRequirement;
  /** Whether it appears in the side menu (the account page sits in the header instead). */
  inMenu: boolean;
  /** Whether the home page offers it as a shortcut. */
  shortcut: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', inMenu: true, shortcut: false },
  { key: 'residents', path: '/residents', permission: 'residents.read', inMenu: true, shortcut: true },
  { key: 'channels', path: '/channels', permission: 'channels.read', inMenu: true, shortcut: true },
  { key: 'staff', path: '/staff', permission: 'staff.read', inMenu: true, shortcut: true },
  { key: 'departments', path: '/departments', permission: 'departments.read', inMenu: true, shortcut: true },
  { key: 'roles', path: '/roles', permission: 'roles.read', inMenu: true, shortcut: true },
  { key: 'apiKeys', path: '/api-keys', permission: 'apikeys.read', inMenu: true, shortcut: true },
  { key: 'ipAllowlist', path: '/ip-allowlist', permission: 'ipallowlist.read', inMenu: true, shortcut: true },
  { key: 'audit', path: '/audit', permission: 'audit.read', inMenu: true, shortcut: true },
  { key: 'account', path: '/account', inMenu: false, shortcut: true },
];

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`unknown navigation item ${key}`);
  return item;
}

/** The items the viewer may use, in menu order. */
export function visibleNavItems(permissions: readonly string[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => hasPermission(permissions, item.permission));
}

/** The menu entry to highlight for a location: the longest path that prefixes it. */
export function activeNavKey(pathname: string, items: readonly NavItem[] = NAV_ITEMS): NavKey | null {
  let best: NavItem | null = null;
  for (const item of items) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best ? best.key : null;
}
