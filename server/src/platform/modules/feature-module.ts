import type { EntityClass, MigrationObject } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../../config/config.js';
import type { PermissionGroup } from '../auth/permissions.js';
import type { GraphQLContext } from '../context/context.js';
import type { Keyring } from '../crypto/keyring.js';
import type { LineGateway } from '../line/line-gateway.js';
import type { WebhookHandler, WebhookRouter } from '../line/webhook-router.js';
import type { Logger } from '../logging/logger.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { RateLimiter } from '../ratelimit/rate-limiter.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { JobModule } from '../scheduler/job-module.js';

/**
 * A feature module's manifest (docs/adr/0010): everything the composition root, the schema
 * builder, the HTTP server, the webhook router and the job runner need to know about a feature,
 * declared in the feature's own folder. Adding a feature is its folder plus one line in
 * `modules/index.ts`.
 */

/**
 * Each module's public services, by module name. A module adds its entry by declaration merging in
 * its `index.ts`; another module reaches it only through `ModuleContext.module(name)`, and only if
 * it names the module in `needs`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleApis {}

export type ModuleName = Extract<keyof ModuleApis, string>;

/** Infrastructure every module may use. */
export interface PlatformServices {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly orm: MikroORM;
  readonly keyring: Keyring;
  readonly pubsub: PubSub;
  readonly scheduler: Scheduler;
  readonly rateLimiter: RateLimiter;
  readonly lineGateway: LineGateway;
  readonly webhookRouter: WebhookRouter;
  /** Which process this is: webhook consumers and other background work start where they belong. */
  readonly role: 'server' | 'jobs' | 'cli';
}

export interface ModuleContext extends PlatformServices {
  /** The public services of a module this one `needs` (created before this one). */
  module<K extends ModuleName>(name: K): ModuleApis[K];
}

/** A file download for staff or API keys (CSV exports): the HTTP plumbing applies the gate and checks. */
export interface DownloadRoute {
  readonly kind: 'download';
  readonly path: string;
  /** Names the file: `<filePrefix>-YYYY-MM-DD.csv`. */
  readonly filePrefix: string;
  readonly produce: (ctx: GraphQLContext, req: Request) => Promise<Readable>;
}

/** Any other route, on Express (click redirects, public pages). */
export interface ExpressRoute {
  readonly kind: 'express';
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly handler: RequestHandler;
}

/**
 * A route answered by Node's HTTP server ahead of Express (calls from LINE that must keep up with
 * bursts): returns false for requests it does not take. `path` and `methods` describe it for the
 * route list.
 */
export interface RawRoute {
  readonly kind: 'raw';
  readonly path: string;
  readonly methods: readonly string[];
  readonly handle: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * A route that acts for the request's actor (media uploads and private downloads): the HTTP
 * plumbing resolves the actor as for GraphQL (API key, staff session with the IP allowlist,
 * resident session, else anonymous) and answers an AppError the handler throws in the API's error
 * shape with its HTTP status. The handler's service calls check permissions through the one gate.
 * The request body is left unread, for the handler to read with its own limit.
 */
export interface ActorRoute {
  readonly kind: 'actor';
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly handle: (ctx: GraphQLContext, req: Request, res: Response) => Promise<void>;
}

export type HttpRoute = DownloadRoute | ExpressRoute | RawRoute | ActorRoute;

/** What a module's `create` gives back: its services and the parts built from them. */
export interface ModuleParts<Api> {
  /** The module's services: its resolvers are constructed with them, other modules see them as its API. */
  readonly services: Api;
  readonly routes?: readonly HttpRoute[];
  /** Handlers for LINE webhook event types, run in the order modules are listed (then declared). */
  readonly webhookHandlers?: readonly WebhookHandler[];
  /** Started after every module is created (background consumers); stopped in reverse order. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** A resolver class: constructed with its own module's services, nothing else. */
export type ResolverClass<Api> = new (services: Api) => object;

export interface FeatureModule<N extends ModuleName = ModuleName> {
  readonly name: N;
  /** Modules whose services this one uses; they must be listed (and are created) before it. */
  readonly needs?: readonly ModuleName[];
  readonly entities: readonly EntityClass<object>[];
  /** This module's migrations (the platform's historical ones run first, then all by name). */
  readonly migrations?: readonly MigrationObject[];
  readonly permissions?: readonly PermissionGroup[];
  readonly resolvers?: readonly ResolverClass<ModuleApis[N]>[];
  /** Background work, run by the job runner (jobs/): each handler gets this module's services. */
  readonly jobs?: JobModule<{ readonly services: ModuleApis[N] }>;
  create(ctx: ModuleContext): ModuleParts<ModuleApis[N]> | Promise<ModuleParts<ModuleApis[N]>>;
}

/** Any one module's manifest (each with its own services type): what module lists hold. */
export type AnyFeatureModule = { [N in ModuleName]: FeatureModule<N> }[ModuleName];

/** Declares a module (a typed identity: the manifest's shape is checked where it is written). */
export function defineModule<N extends ModuleName>(module: FeatureModule<N>): FeatureModule<N> {
  return module;
}
