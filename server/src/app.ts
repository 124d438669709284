import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config/config.js';
import { Keyring, installKeyring } from './platform/crypto/keyring.js';
import { registerPermissions } from './platform/auth/permissions.js';
import { registerDepartmentTables } from './platform/db/scoped-sql.js';
import type { Logger } from './platform/logging/logger.js';
import { MemoryPubSub, PostgresPubSub, type PubSub } from './platform/pubsub/pubsub.js';
import { RateLimiter } from './platform/ratelimit/rate-limiter.js';
import { AgendaScheduler, createAgenda, type Scheduler } from './platform/scheduler/index.js';
import { LineGateway } from './platform/line/line-gateway.js';
import { WebhookRouter } from './platform/line/webhook-router.js';
import type {
  AnyFeatureModule,
  HttpRoute,
  ModuleApis,
  ModuleContext,
  ModuleName,
  ModuleParts,
  PlatformServices,
} from './platform/modules/feature-module.js';
import { openOrm } from './database.js';
import { featureModules } from './modules/index.js';

/** One created module: its manifest and what its `create` gave back. */
export interface CreatedModule {
  readonly manifest: AnyFeatureModule;
  readonly parts: ModuleParts<unknown>;
}

export interface App {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly orm: MikroORM;
  readonly keyring: Keyring;
  readonly pubsub: PubSub;
  readonly scheduler: Scheduler;
  readonly lineGateway: LineGateway;
  readonly webhookRouter: WebhookRouter;
  /** Each module's public services, by name (for the job runner, command-line tools and tests). */
  readonly modules: ModuleApis;
  /** The modules in their listed order, with their resolvers, routes and jobs. */
  readonly created: readonly CreatedModule[];
  /** Every module's HTTP routes, in module order. */
  readonly routes: readonly HttpRoute[];
  close(): Promise<void>;
}

/** Registers what the manifests declare that lives in process-wide catalogues (idempotent). */
export function registerModuleCatalogues(modules: readonly AnyFeatureModule[] = featureModules): void {
  registerPermissions(modules.flatMap((m) => m.permissions ?? []));
}

/**
 * Creates the modules in their listed order: each gets the platform's services and the public
 * services of the modules it `needs` (listed before it), nothing more.
 */
async function createModules(platform: PlatformServices, modules: readonly AnyFeatureModule[]): Promise<CreatedModule[]> {
  const created = new Map<ModuleName, CreatedModule>();
  for (const manifest of modules) {
    if (created.has(manifest.name)) throw new Error(`module ${manifest.name} is listed twice`);
    for (const need of manifest.needs ?? []) {
      if (!created.has(need)) throw new Error(`module ${manifest.name} needs ${need}, which must be listed before it`);
    }
    const ctx: ModuleContext = {
      ...platform,
      module: <K extends ModuleName>(name: K): ModuleApis[K] => {
        if (!manifest.needs?.includes(name)) throw new Error(`module ${manifest.name} uses ${name} without naming it in needs`);
        return created.get(name)!.parts.services as ModuleApis[K];
      },
    };
    const parts = await (manifest.create as (c: ModuleContext) => ModuleParts<unknown> | Promise<ModuleParts<unknown>>)(ctx);
    created.set(manifest.name, { manifest, parts });
    for (const handler of parts.webhookHandlers ?? []) platform.webhookRouter.register(handler);
  }
  return [...created.values()];
}

/**
 * The composition root shared by the HTTP server, the job runner and the command-line tools:
 * database, keys, pubsub, the job-store port and every feature module from modules/index.ts.
 * No HTTP here.
 */
export async function createApp(
  config: AppConfig,
  options: { logger: Logger; role: 'server' | 'jobs' | 'cli'; modules?: readonly AnyFeatureModule[] },
): Promise<App> {
  const { logger, role } = options;
  const modules = options.modules ?? featureModules;
  const keyring = new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY);
  installKeyring(keyring);
  registerModuleCatalogues(modules);
  const orm = await openOrm(config, logger, modules);
  registerDepartmentTables(orm.getMetadata());
  const pubsub: PubSub =
    config.PUBSUB_BACKEND === 'postgres' ? await PostgresPubSub.connect(config.DATABASE_URL, logger) : new MemoryPubSub();
  const agenda = await createAgenda(config, { processing: false, logger });
  const scheduler = new AgendaScheduler(agenda);
  const rateLimiter = new RateLimiter(orm);
  const lineGateway = new LineGateway(orm, config, rateLimiter, logger);
  const webhookRouter = new WebhookRouter();
  const platform: PlatformServices = { config, logger, orm, keyring, pubsub, scheduler, rateLimiter, lineGateway, webhookRouter, role };

  const created = await createModules(platform, modules);
  for (const { parts } of created) await parts.start?.();

  return {
    config,
    logger,
    orm,
    keyring,
    pubsub,
    scheduler,
    lineGateway,
    webhookRouter,
    modules: Object.fromEntries(created.map(({ manifest, parts }) => [manifest.name, parts.services])) as unknown as ModuleApis,
    created,
    routes: created.flatMap(({ parts }) => parts.routes ?? []),
    async close() {
      for (const { parts } of [...created].reverse()) await parts.stop?.();
      await scheduler.close();
      await pubsub.close();
      await orm.close(true);
    },
  };
}
