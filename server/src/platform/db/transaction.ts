import type { Logger } from '../logging/logger.js';
import type { ServiceContext, TxContext } from '../context/context.js';

/**
 * Runs one use case as one transaction (DESIGN §4: bad input never half-writes). Work registered
 * with afterCommit (publishing events, enqueueing jobs) runs only once the data is committed.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: TxContext) => Promise<T>, logger?: Logger): Promise<T> {
  const after: Array<() => void | Promise<void>> = [];
  const result = await ctx.em.transactional((em) => work({ ...ctx, em, afterCommit: (fn) => after.push(fn) }));
  for (const fn of after) {
    try {
      await fn();
    } catch (err) {
      logger?.error({ err }, 'after-commit work failed');
    }
  }
  return result;
}
