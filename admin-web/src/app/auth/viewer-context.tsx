import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { ViewerFieldsFragment } from '../../gql/graphql';
import { hasPermission } from '../../shared/lib/permissions';
import type { Can, PermissionRequirement } from '../../shared/lib/permissions';

const ViewerContext = createContext<ViewerFieldsFragment | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: ViewerFieldsFragment; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in staff member; only inside the session gate. */
export function useViewer(): ViewerFieldsFragment {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer must be used inside the session gate');
  return viewer;
}

/** `can('staff.write')`: whether the viewer holds a permission (system administrators hold all). */
export function useCan(): Can {
  const viewer = useViewer();
  return useMemo(() => {
    const granted = viewer.permissions;
    return (required: PermissionRequirement) => viewer.isSystemAdmin || hasPermission(granted, required);
  }, [viewer]);
}
