import { LRUCache } from 'lru-cache';
import type { StaffActor } from '../../platform/context/actor.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { PubSub } from '../../platform/pubsub/pubsub.js';

/** Who may have changed: some staff members, or everyone (a role edited or deleted). */
export type StaffChange = { staffIds: string[] } | { all: true };

const CHANGED = 'identity.staffActorsChanged';

export interface CachedSession {
  readonly actor: StaffActor;
  readonly sessionExpiresAt: number;
  /** When the session was last recorded as active; past a minute the database is asked again. */
  readonly lastSeenAt: number;
}

/**
 * Resolved staff sessions, so a signed-in request does not load the session, the account, its
 * roles and its department each time. An entry lives at most a minute (then the session is read
 * and touched again), and every change that affects an actor — logout, a password change or reset,
 * a TOTP change, deactivation, a role given or taken, a role edited or deleted — drops the entries
 * concerned at once, on this instance synchronously and on every other through the PubSub (as the
 * IP allowlist's cache does). Revocation therefore takes effect on the next request.
 */
export class StaffActorCache {
  private readonly sessions = new LRUCache<string, CachedSession>({ max: 20_000, ttl: 60_000 });

  constructor(
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {
    void (async () => {
      for await (const change of pubsub.subscribe(CHANGED)) this.drop(change as StaffChange);
    })().catch((err: unknown) => this.logger.error({ err }, 'staff actor cache lost its invalidation feed'));
  }

  get(tokenHash: string): CachedSession | undefined {
    return this.sessions.get(tokenHash);
  }

  set(tokenHash: string, entry: CachedSession): void {
    this.sessions.set(tokenHash, entry);
  }

  /** Forgets the actors concerned here and on every other instance. */
  changed(change: StaffChange): void {
    this.drop(change);
    this.pubsub.publish(CHANGED, change);
  }

  private drop(change: StaffChange): void {
    if ('all' in change) {
      this.sessions.clear();
      return;
    }
    const ids = new Set(change.staffIds);
    for (const [key, entry] of this.sessions.entries()) if (ids.has(entry.actor.staffId)) this.sessions.delete(key);
  }
}
