import { useMemo } from 'react';
import { useCan } from '../auth/viewer-context';
import { visibleNavItems } from '../navigation';
import type { NavItem } from '../navigation';

/** The navigation items the signed-in viewer may use, in menu order. */
export function useVisibleNavItems(): NavItem[] {
  const can = useCan();
  return useMemo(() => visibleNavItems(can), [can]);
}
