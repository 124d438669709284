import { FEATURES } from '../features';
import type { Can } from '../shared/lib/permissions';
import type { ConsoleFeature, NavEntry } from './feature';

export interface NavItem extends NavEntry {
  /** The feature that declared it. */
  feature: string;
}

/** Every feature's entries, in the order of the features list. */
export function navItemsOf(features: readonly ConsoleFeature[]): NavItem[] {
  return features.flatMap((feature) => (feature.nav ?? []).map((entry) => ({ ...entry, feature: feature.key })));
}

export const NAV_ITEMS: readonly NavItem[] = navItemsOf(FEATURES);

/** The items the viewer may use, in menu order. */
export function visibleNavItems(can: Can, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => item.permission === undefined || can(item.permission));
}

/** The side menu's items (the account page sits in the header instead). */
export function menuItemsOf(items: readonly NavItem[]): NavItem[] {
  return items.filter((item) => (item.placement ?? 'menu') === 'menu');
}

/** The home page's cards: the items with a description. */
export function shortcutItemsOf(items: readonly NavItem[]): Array<NavItem & Required<Pick<NavItem, 'descriptionKey'>>> {
  return items.filter((item): item is NavItem & Required<Pick<NavItem, 'descriptionKey'>> => item.descriptionKey !== undefined);
}

/** The menu entry to highlight for a location: the longest path that prefixes it. */
export function activeNavKey(pathname: string, items: readonly NavItem[] = NAV_ITEMS): string | null {
  let best: NavItem | null = null;
  for (const item of items) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best ? best.key : null;
}
