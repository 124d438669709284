/**
 * The server workspace's public surface for the job runner, the launcher and cross-process tests.
 * Everything else under src/ is internal.
 */
export { loadConfig, ConfigError, type AppConfig } from './config/config.js';
export { createApp, type App } from './app.js';
export { startHttpServer, type RunningServer } from './http/server.js';
export { runMigrations } from './database.js';
export { seedDemoMunicipality, seedDemoLineChannel, type SeedResult, type DemoLineChannelInput } from './cli/seed.js';
export { createLogger, type Logger } from './platform/logging/logger.js';
export { createAgenda, AgendaScheduler, AgendaHandle, type Scheduler, type JobName, type JobData } from './platform/scheduler/index.js';
export type { JobContext, JobDefinition, JobModule, JobRun } from './platform/scheduler/job-module.js';
export { featureModules } from './modules/index.js';
export type { AnyFeatureModule, FeatureModule, ModuleApis, ModuleName } from './platform/modules/feature-module.js';
