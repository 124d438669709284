export type { JobData, JobName, Scheduler } from './scheduler.js';
export { createAgenda, AgendaHandle, type CreateAgendaOptions, type JobStoreConfig } from './agenda-factory.js';
export { AgendaScheduler } from './agenda-scheduler.js';
export type { JobStoreKind } from './job-store.js';
