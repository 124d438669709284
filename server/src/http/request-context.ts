import { randomUUID } from 'node:crypto';
import type { App } from '../app.js';
import type { Actor } from '../platform/context/actor.js';
import { departmentScope } from '../platform/context/actor.js';
import type { CookieJar, GraphQLContext, RequestMeta } from '../platform/context/context.js';
import { Loaders } from '../platform/db/loaders.js';
import { DEPARTMENT_SCOPE } from '../platform/db/department-scope.js';
import { resolveActor, type ActorSource } from './actor-resolver.js';

/** What a request presents, whatever carries it (an HTTP request or a WebSocket connection). */
export interface RequestSource extends ActorSource {
  readonly userAgent: string | null;
  /** A caller's X-Request-Id when it looks like one, otherwise a new id. */
  readonly requestId?: string;
}

export const NO_COOKIES: CookieJar = { set: () => undefined, clear: () => undefined };

export function requestMeta(source: RequestSource): RequestMeta {
  return { requestId: source.requestId ?? randomUUID(), ip: source.ip, userAgent: source.userAgent, trace: { auditWrites: 0 } };
}

/** Builds the context of one operation: actor, department-scoped EntityManager, loaders. */
export function contextFor(app: App, actor: Actor, meta: RequestMeta, cookies: CookieJar): GraphQLContext {
  const em = app.orm.em.fork();
  const scope = departmentScope(actor);
  em.setFilterParams(DEPARTMENT_SCOPE, scope === 'all' ? { all: true } : { all: false, departmentIds: scope });
  return { em, actor, meta, cookies, loaders: new Loaders(em) };
}

/**
 * The context of a request on either transport: one actor resolution (API key, staff session with
 * the IP allowlist, resident session), one scope set-up. Refusals (a revoked key, an address
 * outside the allowlist, a rate limit) throw AppError.
 */
export async function requestContext(app: App, source: RequestSource, cookies: CookieJar = NO_COOKIES): Promise<GraphQLContext> {
  return contextFor(app, await resolveActor(app.modules, source), requestMeta(source), cookies);
}
