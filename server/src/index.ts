/**
 * The server workspace's public surface for the job runner, the launcher and cross-process tests.
 * Everything else under src/ is internal.
 */
export { loadConfig, ConfigError, type AppConfig } from './config/config.js';
export { createApp, type App, type AppServices } from './app.js';
export { startHttpServer, type RunningServer } from './http/server.js';
export { runMigrations } from './platform/db/migrate.js';
export { seedDemoMunicipality, seedDemoLineChannel, type SeedResult, type DemoLineChannelInput } from './cli/seed.js';
export { createLogger, type Logger } from './platform/logging/logger.js';
export { createAgenda, AgendaScheduler, AgendaHandle, type Scheduler, type JobName, type JobData } from './platform/scheduler/index.js';
