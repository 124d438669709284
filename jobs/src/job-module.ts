import type {
  App,
  JobContext as ServerJobContext,
  JobDefinition as ServerJobDefinition,
  JobModule as ServerJobModule,
} from '@machi/server';

export type { JobRun } from '@machi/server';

/** What the job runner of this repository hands to handlers and reconcilers: the app container. */
export interface AppJobContext {
  readonly app: App;
}

/** A handler's or reconciler's context: the runner's context plus a scoped logger and the scheduler. */
export type JobContext<Ctx = AppJobContext> = ServerJobContext<Ctx>;

/** One job's definition (the modules declare theirs in their manifests: server/src/modules/<f>/<f>.module.ts). */
export type JobDefinition<Ctx = AppJobContext> = ServerJobDefinition<Ctx>;

/**
 * A feature's jobs as the runner takes them (registry.ts binds each module's manifest jobs to its
 * services). `reconcile` re-creates, from PostgreSQL, jobs the job store may have lost; it runs at
 * start and every 5 minutes (`system.reconcile`) and must be cheap and idempotent.
 */
export type JobModule<Ctx = AppJobContext> = ServerJobModule<Ctx>;
