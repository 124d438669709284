import type { ServiceContext } from '../../platform/context/context.js';
import { scopedSql } from '../../platform/db/scoped-sql.js';
import type { SubmissionService } from '../forms/index.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';
import type { DeliveryStats } from './delivery-stats.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * FORM-08: the answers a survey delivery's run brought — submissions whose form link carried the
 * run's signed reference, as the forms module recorded them — for the run's statistics and the
 * history export. Only runs whose cards carried the reference (`delivery_run.form_id`) have a count.
 */
export class DeliveryAnswerCounts {
  constructor(private readonly submissions: SubmissionService) {}

  /** For each run in scope that carried a form, its answers (0 when none came yet); other runs are absent. */
  async ofRuns(ctx: ServiceContext, runIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(runIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const out = new Map<string, number>();
    if (!ids.length) return out;
    const carried = await scopedSql<{ id: string }>(
      ctx,
      `select r.id from delivery_run r where r.id = any(?::uuid[]) and r.form_id is not null and {{scope:r.department_id}}`,
      [uuidArray(ids)],
    );
    if (!carried.length) return out;
    const answers = await this.submissions.answersByDeliveryRun(
      ctx,
      carried.map((r) => r.id),
    );
    for (const { id } of carried) out.set(id, answers.get(id) ?? 0);
    return out;
  }
}

/** A run's stats with its answers and response rate (answers ÷ recipients sent); both null when it carried no form. */
export function withAnswers(stats: DeliveryStats, answers: number | undefined): DeliveryStats {
  if (answers === undefined) return { ...stats, answers: null, answerRate: null };
  return { ...stats, answers, answerRate: stats.sent > 0 ? answers / stats.sent : null };
}
