import { parse as parseCookies } from 'cookie';
import type { Actor } from '../platform/context/actor.js';
import { ANONYMOUS } from '../platform/context/actor.js';
import { forbidden } from '../platform/errors/app-error.js';
import type { AppServices } from '../app.js';
import { STAFF_SESSION_COOKIE } from '../modules/identity/auth.service.js';
import { RESIDENT_SESSION_COOKIE } from '../modules/residents/resident-auth.service.js';

export interface ActorSource {
  cookieHeader: string | undefined;
  authorization: string | undefined;
  apiKeyHeader: string | undefined;
  ip: string | null;
}

/**
 * Works out the one actor of a request: an API key (Authorization: Bearer / X-API-Key) wins,
 * then a staff session, then a resident session, otherwise anonymous. A staff session from an
 * address outside the IP allowlist is refused outright (ADM-15); residents are never restricted.
 */
export async function resolveActor(services: AppServices, source: ActorSource): Promise<Actor> {
  const bearer = source.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const apiKey = source.apiKeyHeader ?? bearer;
  if (apiKey) return services.apiKeys.authenticate(apiKey, source.ip);

  const cookies = source.cookieHeader ? parseCookies(source.cookieHeader) : {};
  const staff = await services.auth.authenticateSession(cookies[STAFF_SESSION_COOKIE]);
  if (staff) {
    if (!(await services.ipAllowlist.isAllowed(source.ip))) {
      throw forbidden('このIPアドレスからの管理画面へのアクセスは許可されていません。', 'IP_NOT_ALLOWED');
    }
    return staff;
  }
  const resident = await services.residentAuth.authenticateSession(cookies[RESIDENT_SESSION_COOKIE]);
  return resident ?? ANONYMOUS;
}
