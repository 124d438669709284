import { scopedSql } from '../../platform/db/scoped-sql.js';
import type { LinkOwnerPolicy } from '../links/index.js';

/** The links module's owner type for a delivery's links (delivery.service.ts tracks them under it). */
export const DELIVERY_LINK_OWNER = 'delivery';

/**
 * Which deliveries a staff member may name where links ask (a segment condition on who opened a
 * delivery's links, docs/adr/0016): those of their departments, by title. Another department's
 * delivery is left out exactly as one that does not exist.
 */
export const deliveryLinkOwner: LinkOwnerPolicy = {
  async describe(ctx, ids) {
    if (ids.length === 0) return [];
    return scopedSql<{ id: string; title: string }>(
      ctx,
      `select id, title from delivery where id = any(?::uuid[]) and {{scope:department_id}}`,
      [`{${ids.join(',')}}`],
    );
  },
};
