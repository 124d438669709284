import { featureModules, type AnyFeatureModule, type ModuleApis } from '@machi/server';
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
  const services = (ctx: AppJobContext) => (ctx.app.modules as Partial<ModuleApis> | undefined)?.[module.name] as never;
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
