import type { JobContext, JobModule } from './job-module.js';

/**
 * Runs every module's reconciler. One failing does not stop the others; the failures are logged
 * and reported together so the `system.reconcile` run is marked failed.
 */
export async function reconcileModules<Ctx>(modules: readonly JobModule<Ctx>[], ctx: JobContext<Ctx>): Promise<void> {
  const failed: string[] = [];
  for (const module of modules) {
    if (!module.reconcile) continue;
    try {
      await module.reconcile({ ...ctx, logger: ctx.logger.child({ reconcile: module.feature }) });
    } catch (err) {
      ctx.logger.error({ err, feature: module.feature }, 'reconcile failed');
      failed.push(module.feature);
    }
  }
  if (failed.length > 0) throw new Error(`reconcile failed for: ${failed.join(', ')}`);
}
