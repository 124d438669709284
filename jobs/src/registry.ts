import { featureModules, type AnyFeatureModule } from '@machi/server';
import type { AppJobContext, JobModule } from './job-module.js';
import { createSystemJobs } from './system.jobs.js';

/**
 * A module's manifest jobs, bound to that module's services in the running app: each handler and
 * reconciler gets `services` (the module's own, nothing else) beside the runner's context.
 */
function bind(module: AnyFeatureModule): JobModule[] {
  // Each manifest's jobs take that module's services; the runner's context carries the app.
  const jobs = module.jobs;
  if (!jobs) return [];
  // The module's own services in the running app (undefined where tests run reconcilers without one).
  const services = (ctx: AppJobContext): never => (ctx.app.modules as unknown as Record<string, never> | undefined)?.[module.name] as never;
  return [
    {
      feature: jobs.feature,
      jobs: jobs.jobs.map((definition) => ({ ...definition, run: (job, ctx) => definition.run(job, { ...ctx, services: services(ctx) }) })),
      ...(jobs.reconcile ? { reconcile: (ctx) => jobs.reconcile!({ ...ctx, services: services(ctx) }) } : {}),
    },
  ];
}

/** The system's own jobs and every feature module's, from the modules list (server/src/modules/index.ts). */
export const jobModules: readonly JobModule[] = [createSystemJobs(() => jobModules), ...featureModules.flatMap(bind)];
