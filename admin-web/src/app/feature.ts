import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { ParseKeys } from 'i18next';
import type { PermissionRequirement } from '../shared/lib/permissions';

/**
 * What a feature adds to the console, declared once in `features/<feature>/<feature>.feature.tsx`
 * and registered by one line in `features/index.ts`: its texts, its entries in the menu and on
 * the home page, and its pages. The router, the navigation and i18n are built from that list.
 */
export interface ConsoleFeature<K extends string = string, J extends object = object> {
  /** The key of the feature's texts: `t('<key>.title')` reads `i18n.ja.title`. */
  key: K;
  /** `ja` is the source; `en` has exactly its keys (the type says so). */
  i18n: { ja: J; en: J };
  nav?: readonly NavEntry[];
  routes?: readonly FeatureRoute[];
}

export interface NavEntry {
  /** Unique in the console. */
  key: string;
  /** Where the entry leads; it is highlighted on that path and the paths below it. */
  path: string;
  icon: ReactNode;
  labelKey: ParseKeys;
  /** The sentence of the entry's card on the home page; without it the home page offers no card. */
  descriptionKey?: ParseKeys;
  /** Absent: every signed-in staff member may use it. */
  permission?: PermissionRequirement;
  /** 'menu' (default): the side menu; 'header': reached from the header (account settings). */
  placement?: 'menu' | 'header';
}

export interface FeatureRoute {
  /** Absolute, inside the app layout: '/staff', '/residents/:id'; '/' is the home page. */
  path: string;
  /** Without it the page shows the "no permission" result instead. */
  permission?: PermissionRequirement;
  page: ComponentType;
}

/** A page loaded on its first visit: `lazyPage(() => import('./pages/x-page').then((m) => m.XPage))`. */
export function lazyPage(load: () => Promise<ComponentType>): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: await load() }));
}
