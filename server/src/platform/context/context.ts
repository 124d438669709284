import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from './actor.js';
import type { Loaders } from '../db/loaders.js';

/** Where a request came from; recorded with audit events. */
export interface RequestMeta {
  readonly requestId: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /**
   * Shared by every copy of the context within one request. `unchanged` marks a mutation that
   * knowingly did nothing (signing out a session that is not there), so it owes no audit event.
   */
  readonly trace: { auditWrites: number; unchanged?: boolean };
}

/** What a service needs to act for someone: their EntityManager (department-scoped) and identity. */
export interface ServiceContext {
  readonly em: EntityManager;
  readonly actor: Actor;
  readonly meta: RequestMeta;
}

/** Inside a transaction: the transactional EntityManager plus work to run once it commits. */
export interface TxContext extends ServiceContext {
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface CookieJar {
  set(name: string, value: string, options: { maxAgeSeconds: number; path?: string }): void;
  clear(name: string, path?: string): void;
}

/** The GraphQL context: one per HTTP request or subscription operation. */
export interface GraphQLContext extends ServiceContext {
  readonly loaders: Loaders;
  readonly cookies: CookieJar;
}
