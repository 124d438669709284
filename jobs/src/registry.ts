import { auditJobs } from './audit.jobs.js';
import { identityJobs } from './identity.jobs.js';
import { lineJobs } from './line.jobs.js';
import type { JobModule } from './job-module.js';
import { createSystemJobs } from './system.jobs.js';

/** Every feature's jobs. A feature with background work adds its `<feature>.jobs.ts` module here. */
const featureJobModules: readonly JobModule[] = [auditJobs, identityJobs, lineJobs];

export const jobModules: readonly JobModule[] = [createSystemJobs(() => jobModules), ...featureJobModules];
