import type { Actor } from '../context/actor.js';
import { hasPermission } from '../context/actor.js';
import { forbidden, unauthenticated } from '../errors/app-error.js';

/** The role string a resolver declares with `@Authorized(RESIDENT)`: only a signed-in resident. */
export const RESIDENT = '@resident';
/** `@Authorized(STAFF)`: only a signed-in staff member (their own account settings), not API keys. */
export const STAFF = '@staff';

/**
 * The one authorization gate. The GraphQL auth checker, the service-layer checks and every HTTP
 * route (CSV downloads and the routes features add) call it, so no entry point can skip a rule:
 *
 * - nobody signed in: UNAUTHENTICATED; a resident where staff is needed: FORBIDDEN;
 * - a staff member whose role makes TOTP mandatory but who has not enrolled, or who must change
 *   their password, may use nothing that needs a permission until they have done so;
 * - then every listed permission must be held (system administrators hold all).
 *
 * An empty list admits any staff member or API key (the account's own settings, for example).
 * The IP allowlist is applied earlier, when the actor is resolved (http/actor-resolver.ts).
 */
export function authorize(actor: Actor, permissions: readonly string[]): void {
  if (permissions.includes(STAFF)) {
    if (actor.kind === 'staff' || actor.kind === 'system') return;
    if (actor.kind === 'anonymous') throw unauthenticated();
    throw forbidden('職員としてログインしている必要があります。');
  }
  if (permissions.includes(RESIDENT)) {
    if (actor.kind === 'resident') return;
    if (actor.kind === 'anonymous') throw unauthenticated('LINEでログインしてください。');
    throw forbidden('住民としてログインしている必要があります。');
  }
  switch (actor.kind) {
    case 'anonymous':
      throw unauthenticated();
    case 'resident':
      throw forbidden();
    case 'system':
      return;
    case 'staff':
      if (permissions.length > 0 && actor.totpEnrolmentRequired) {
        throw forbidden('二要素認証の設定が必要です。設定を完了してから操作してください。', 'TOTP_ENROLMENT_REQUIRED');
      }
      if (permissions.length > 0 && actor.mustChangePassword) {
        throw forbidden('パスワードの変更が必要です。変更してから操作してください。', 'PASSWORD_CHANGE_REQUIRED');
      }
      break;
    case 'apiKey':
      break;
  }
  if (!permissions.every((p) => hasPermission(actor, p))) throw forbidden();
}
