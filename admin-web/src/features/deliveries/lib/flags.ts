import { useMemo } from 'react';
import { useCan } from '../../../app/auth/viewer-context';

/**
 * Which related objects the delivery queries ask for: each needs its own permission, and the
 * server refuses a field the viewer may not read, so the query leaves it out instead.
 */
export function useDeliveryFlags(): { withSegments: boolean; withChannel: boolean; withDepartment: boolean } {
  const can = useCan();
  const withSegments = can('segments.read');
  const withChannel = can('channels.read');
  const withDepartment = can('departments.read');
  return useMemo(() => ({ withSegments, withChannel, withDepartment }), [withSegments, withChannel, withDepartment]);
}
