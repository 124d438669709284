import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../platform/context/actor.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';

const WHY = 'which segments a staff member’s roles allow is read for that staff member only';

/**
 * SEG-03: the segments an actor may see and use. 'all' unless every one of a staff member's roles
 * is limited (a row in segment_role_access); then the union of those roles' segments. System
 * administrators and API keys are never limited (API keys are scoped by department and permission).
 */
export async function usableSegments(em: EntityManager, actor: Actor): Promise<'all' | ReadonlySet<string>> {
  if (actor.kind !== 'staff' || actor.isSystemAdmin) return 'all';
  const rows = await unscopedSql<{ limited: boolean; segment_ids: string[] | null }>(
    em,
    WHY,
    `select a.role_id is not null as limited, a.segment_ids::text[] as segment_ids
     from staff_user_role sr left join segment_role_access a on a.role_id = sr.role_id
     where sr.staff_user_id = ?`,
    [actor.staffId],
  );
  if (!rows.length || rows.some((r) => !r.limited)) return 'all';
  return new Set(rows.flatMap((r) => r.segment_ids ?? []));
}
