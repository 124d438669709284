import type { AppJobContext, JobModule } from './job-module.js';
import { reconcileModules } from './reconcile.js';

/**
 * `system.reconcile`: every 5 minutes, each module's reconciler re-creates from PostgreSQL the
 * jobs the job store lost. Its own reconciler keeps that schedule itself in place.
 * Takes the module list lazily because the list contains this module.
 */
export function createSystemJobs<Ctx = AppJobContext>(modules: () => readonly JobModule<Ctx>[]): JobModule<Ctx> {
  return {
    feature: 'system',
    jobs: [
      {
        name: 'system.reconcile',
        // one reconcile at a time per worker; the recurring job itself runs on one worker at a time
        concurrency: 1,
        run: (_job, ctx) => reconcileModules(modules(), ctx),
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('5 minutes', 'system.reconcile');
    },
  };
}
