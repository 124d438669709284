import { scopedSql } from '../../platform/db/scoped-sql.js';
import type { DeliveryFormDirectory } from '../segments/index.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which deliveries carry a form (FORM-08), for segments' answered / notAnswered conditions: in the
 * actor's departments, one that carries a form now or whose real run carried one (its cards named
 * the run, so who answered through it is recorded). Registered with segments at start.
 */
export const deliveryFormDirectory: DeliveryFormDirectory = {
  async carryingForms(ctx, ids) {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (!wanted.length) return new Map();
    const rows = await scopedSql<{ id: string; title: string }>(
      ctx,
      `select d.id, d.title from delivery d
        where d.id = any(?::uuid[]) and {{scope:d.department_id}}
          and (d.form_id is not null or exists (select 1 from delivery_run r where r.delivery_id = d.id and r.form_id is not null))`,
      [uuidArray(wanted)],
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  },

  async recentWithForms(ctx, limit) {
    const rows = await scopedSql<{ id: string; title: string; sent_at: Date | string }>(
      ctx,
      `select d.id, d.title, max(r.created_at) as sent_at
         from delivery d join delivery_run r on r.delivery_id = d.id and r.kind = 'REAL' and r.form_id is not null
        where {{scope:d.department_id}}
        group by d.id, d.title
        order by max(r.created_at) desc, d.id desc
        limit ?`,
      [Math.min(Math.max(Math.floor(limit), 1), 500)],
    );
    return rows.map((r) => ({ deliveryId: r.id, title: r.title, sentAt: new Date(r.sent_at) }));
  },
};
