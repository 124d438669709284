import { describe, expect, it } from 'vitest';
import { FEATURES } from '../features';
import { ja as sharedJa } from '../shared/i18n/ja';
import { PERMISSION_KEYS, hasPermission } from '../shared/lib/permissions';
import type { PermissionRequirement } from '../shared/lib/permissions';
import { NAV_ITEMS, activeNavKey, menuItemsOf, navItemsOf, shortcutItemsOf, visibleNavItems } from './navigation';
import type { NavItem } from './navigation';

const holding =
  (...granted: string[]) =>
  (required: PermissionRequirement) =>
    hasPermission(granted, required);

const keysOf = (items: readonly NavItem[]) => items.map((item) => item.key);

describe('visibleNavItems', () => {
  it('shows only home and account to staff without admin permissions', () => {
    expect(keysOf(visibleNavItems(holding()))).toEqual(['home', 'account']);
  });

  it('adds each page its read permission unlocks, in menu order', () => {
    expect(keysOf(visibleNavItems(holding('audit.read', 'audit.export', 'staff.read')))).toEqual(['home', 'staff', 'audit', 'account']);
  });

  it('does not open a page for a write permission alone', () => {
    expect(keysOf(visibleNavItems(holding('departments.write')))).not.toContain('departments');
  });

  it('shows every entry of every feature to a holder of every permission', () => {
    expect(visibleNavItems(holding(...PERMISSION_KEYS))).toEqual(NAV_ITEMS);
    expect(keysOf(NAV_ITEMS)).toEqual([
      'home',
      'residents',
      'attributes',
      'forms',
      'segments',
      'deliveries',
      'deliveryCalendar',
      'deliverySteps',
      'mailLists',
      'publicComment',
      'channels',
      'staff',
      'departments',
      'roles',
      'apiKeys',
      'ipAllowlist',
      'audit',
      'mail',
      'account',
    ]);
  });
});

describe('menuItemsOf and shortcutItemsOf', () => {
  it('keeps the account page out of the side menu but offers it on the home page', () => {
    expect(keysOf(menuItemsOf(NAV_ITEMS))).not.toContain('account');
    expect(keysOf(shortcutItemsOf(NAV_ITEMS))).toContain('account');
  });

  it('offers no home card for the home page itself', () => {
    expect(keysOf(shortcutItemsOf(NAV_ITEMS))).not.toContain('home');
  });
});

describe('the features list', () => {
  it('gives every menu entry a unique key and every page a unique path', () => {
    const keys = keysOf(NAV_ITEMS);
    expect(new Set(keys).size).toBe(keys.length);
    const paths = FEATURES.flatMap((feature) => (feature.routes ?? []).map((route) => route.path));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('keeps each feature’s texts under its own key, apart from the shared ones', () => {
    const featureKeys = FEATURES.map((feature) => feature.key);
    expect(new Set(featureKeys).size).toBe(featureKeys.length);
    for (const key of featureKeys) expect(Object.keys(sharedJa), key).not.toContain(key);
  });

  it('has a page for every menu entry, behind the entry’s permission', () => {
    const routes = FEATURES.flatMap((feature) => feature.routes ?? []);
    for (const item of NAV_ITEMS) {
      const route = routes.find((r) => r.path === item.path);
      expect(route, item.key).toBeDefined();
      expect(route?.permission, item.key).toEqual(item.permission);
    }
  });

  it('guards the pages below a menu entry (/residents/:id) at least as the entry', () => {
    for (const feature of FEATURES) {
      for (const route of feature.routes ?? []) {
        const entry = navItemsOf([feature]).find((item) => item.path !== '/' && route.path.startsWith(`${item.path}/`));
        if (entry) expect(route.permission, route.path).toEqual(entry.permission);
      }
    }
  });
});

describe('activeNavKey', () => {
  it('picks the longest matching path', () => {
    expect(activeNavKey('/')).toBe('home');
    expect(activeNavKey('/staff')).toBe('staff');
    expect(activeNavKey('/staff/123')).toBe('staff');
    expect(activeNavKey('/staffing')).toBeNull();
    expect(activeNavKey('/residents/abc')).toBe('residents');
    expect(activeNavKey('/channels/abc')).toBe('channels');
  });
});
