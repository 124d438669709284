import 'reflect-metadata';
import './modules/permissions.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config/config.js';
import { Keyring, installKeyring } from './platform/crypto/keyring.js';
import { createOrm } from './platform/db/orm.js';
import type { Logger } from './platform/logging/logger.js';
import { MemoryPubSub, PostgresPubSub, type PubSub } from './platform/pubsub/pubsub.js';
import { RateLimiter } from './platform/ratelimit/rate-limiter.js';
import { AgendaScheduler, createAgenda, type Scheduler } from './platform/scheduler/index.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuthService } from './modules/identity/auth.service.js';
import { StaffService } from './modules/identity/staff.service.js';
import { DepartmentService } from './modules/identity/department.service.js';
import { RoleService } from './modules/identity/role.service.js';
import { ApiKeyService } from './modules/identity/api-key.service.js';
import { IpAllowlistService } from './modules/identity/ip-allowlist.service.js';
import { ResidentAuthService } from './modules/residents/resident-auth.service.js';
import { LineChannelService } from './modules/channels/line-channel.service.js';
import { LineGateway } from './platform/line/line-gateway.js';
import { ResidentService } from './modules/residents/resident.service.js';
import { WebhookService } from './modules/webhook/webhook.service.js';
import { WebhookConsumer } from './modules/webhook/webhook.consumer.js';

export interface AppServices {
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly staff: StaffService;
  readonly departments: DepartmentService;
  readonly roles: RoleService;
  readonly apiKeys: ApiKeyService;
  readonly ipAllowlist: IpAllowlistService;
  readonly residentAuth: ResidentAuthService;
  readonly lineChannels: LineChannelService;
  readonly residents: ResidentService;
  readonly webhooks: WebhookService;
  /** Where browsers and LINE reach us (for URLs shown to staff). */
  readonly publicUrl: string;
}

export interface App {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly orm: MikroORM;
  readonly keyring: Keyring;
  readonly pubsub: PubSub;
  readonly scheduler: Scheduler;
  readonly lineGateway: LineGateway;
  readonly services: AppServices;
  /** Present in the processes that consume webhook events (WEBHOOK_PROCESSING names which). */
  readonly webhookConsumer: WebhookConsumer | null;
  close(): Promise<void>;
}

/**
 * The composition root shared by the HTTP server, the job runner and the command-line tools:
 * database, keys, pubsub, the job-store port and every feature service. No HTTP here.
 */
export async function createApp(config: AppConfig, options: { logger: Logger; role: 'server' | 'jobs' | 'cli' }): Promise<App> {
  const { logger } = options;
  const keyring = new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY);
  installKeyring(keyring);
  const orm = await createOrm(config, logger);
  const pubsub: PubSub =
    config.PUBSUB_BACKEND === 'postgres' ? await PostgresPubSub.connect(config.DATABASE_URL, logger) : new MemoryPubSub();
  const agenda = await createAgenda(config, { processing: false, logger });
  const scheduler = new AgendaScheduler(agenda);
  const rateLimiter = new RateLimiter(orm);

  const audit = new AuditService(orm, keyring, pubsub, logger, config.AUDIT_RETENTION_MONTHS);
  const ipAllowlist = new IpAllowlistService(orm, audit, pubsub, logger);
  const lineGateway = new LineGateway(orm, config, rateLimiter, logger);
  const lineChannels = new LineChannelService(orm, lineGateway, audit, logger);
  const residents = new ResidentService(orm, keyring, lineGateway, lineChannels, audit, logger);
  const webhooks = new WebhookService(orm, keyring, audit, logger);
  // The event router: what each feature does with a LINE event type.
  webhooks.on('follow', (channel, event) => residents.onFollow(channel, event));
  webhooks.on('unfollow', (channel, event) => residents.onUnfollow(channel, event));
  // Messages and postbacks go to the talk log, many in one statement when they can.
  for (const type of ['message', 'postback']) {
    webhooks.on(
      type,
      (channel, event) => residents.onIncoming(channel, event),
      (channel, events) => residents.onIncomingBatch(channel, events),
    );
  }
  const services: AppServices = {
    audit,
    ipAllowlist,
    auth: new AuthService(orm, config, keyring, audit, ipAllowlist, rateLimiter, logger),
    staff: new StaffService(audit, logger),
    departments: new DepartmentService(audit, logger),
    roles: new RoleService(audit, logger),
    apiKeys: new ApiKeyService(orm, config, keyring, audit, ipAllowlist, rateLimiter, logger),
    residentAuth: new ResidentAuthService(orm, config, rateLimiter, logger),
    lineChannels,
    residents,
    webhooks,
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
  };
  const webhookConsumer =
    options.role === config.WEBHOOK_PROCESSING ? await WebhookConsumer.start(webhooks, config.DATABASE_URL, logger) : null;

  return {
    config,
    logger,
    orm,
    keyring,
    pubsub,
    scheduler,
    lineGateway,
    services,
    webhookConsumer,
    async close() {
      await webhookConsumer?.stop();
      await scheduler.close();
      await pubsub.close();
      await orm.close(true);
    },
  };
}
