import type { ReactNode } from 'react';
import type { PermissionRequirement } from '../../shared/lib/permissions';
import { ForbiddenResult } from '../../shared/ui/forbidden-result';
import { useCan } from './viewer-context';

export function RequirePermission({ permission, children }: { permission?: PermissionRequirement; children: ReactNode }) {
  const can = useCan();
  if (permission !== undefined && !can(permission)) return <ForbiddenResult />;
  return <>{children}</>;
}
