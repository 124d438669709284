import { parse as parseCookies } from 'cookie';
import type { Actor } from '../platform/context/actor.js';
import { ANONYMOUS } from '../platform/context/actor.js';
import { forbidden } from '../platform/errors/app-error.js';
import type { ModuleApis } from '../platform/modules/feature-module.js';
import { STAFF_SESSION_COOKIE } from '../modules/identity/index.js';
import { RESIDENT_SESSION_COOKIE } from '../modules/residents/index.js';

export interface ActorSource {
  cookieHeader: string | undefined;
  authorization: string | undefined;
  apiKeyHeader: string | undefined;
  ip: string | null;
}

/** The API key a request presents (Authorization: Bearer or X-API-Key), if any. */
export function presentedApiKey(source: Pick<ActorSource, 'authorization' | 'apiKeyHeader'>): string | undefined {
  return source.apiKeyHeader ?? source.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/**
 * Works out the one actor of a request: an API key (Authorization: Bearer / X-API-Key) wins,
 * then a staff session, then a resident session, otherwise anonymous. A staff session from an
 * address outside the IP allowlist is refused outright (ADM-15); residents are never restricted.
 * Both transports (HTTP and WebSocket) come through here. `revalidate` is a live subscription
 * checking again before each event: it neither counts against a key's rate limit nor keeps an
 * idle session alive.
 */
export async function resolveActor(modules: ModuleApis, source: ActorSource, options: { revalidate?: boolean } = {}): Promise<Actor> {
  const { apiKeys, auth, ipAllowlist } = modules.identity;
  const { residentAuth } = modules.residents;
  const revalidate = options.revalidate === true;
  const apiKey = presentedApiKey(source);
  if (apiKey) return apiKeys.authenticate(apiKey, source.ip, { countRequest: !revalidate });

  const cookies = source.cookieHeader ? parseCookies(source.cookieHeader) : {};
  const staff = await auth.authenticateSession(cookies[STAFF_SESSION_COOKIE], { touch: !revalidate });
  if (staff) {
    if (!(await ipAllowlist.isAllowed(source.ip))) {
      throw forbidden('このIPアドレスからの管理画面へのアクセスは許可されていません。', 'IP_NOT_ALLOWED');
    }
    return staff;
  }
  const resident = await residentAuth.authenticateSession(cookies[RESIDENT_SESSION_COOKIE]);
  return resident ?? ANONYMOUS;
}
