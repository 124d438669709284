import type { AuthCheckerFn } from 'type-graphql';
import type { GraphQLContext } from '../context/context.js';
import { hasPermission } from '../context/actor.js';
import { forbidden, unauthenticated } from '../errors/app-error.js';

/**
 * The first authorization layer (DESIGN §4). `@Authorized()` admits any staff member or API key;
 * `@Authorized('<feature>.<action>')` needs that permission. A staff member who still has to
 * change their password or enrol TOTP may use nothing that needs a permission until they do.
 */
export const authChecker: AuthCheckerFn<GraphQLContext> = ({ context }, permissions) => {
  const actor = context.actor;
  switch (actor.kind) {
    case 'anonymous':
      throw unauthenticated();
    case 'resident':
      throw forbidden();
    case 'system':
      return true;
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
  if (permissions.every((p) => hasPermission(actor, p))) return true;
  throw forbidden();
};
