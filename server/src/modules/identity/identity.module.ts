import { defineModule } from '../../platform/modules/feature-module.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyService } from './api-key.service.js';
import { AuthService } from './auth.service.js';
import { Department } from './department.entity.js';
import { DepartmentService } from './department.service.js';
import {
  apiKeyPermissions,
  departmentPermissions,
  ipAllowlistPermissions,
  rolePermissions,
  staffPermissions,
} from './identity.permissions.js';
import {
  ApiKeyResolver,
  DepartmentResolver,
  IpAllowlistResolver,
  RoleResolver,
  SessionResolver,
  StaffUserResolver,
} from './identity.resolver.js';
import { IpAllowlistEntry } from './ip-allowlist-entry.entity.js';
import { IpAllowlistService } from './ip-allowlist.service.js';
import { identityMigrations } from './migrations/index.js';
import { Role } from './role.entity.js';
import { RoleService } from './role.service.js';
import { StaffSession } from './staff-session.entity.js';
import { StaffUser } from './staff-user.entity.js';
import { StaffService } from './staff.service.js';
import { StaffActorCache } from './staff-actor-cache.js';

export interface IdentityServices {
  readonly auth: AuthService;
  readonly staff: StaffService;
  readonly departments: DepartmentService;
  readonly roles: RoleService;
  readonly apiKeys: ApiKeyService;
  readonly ipAllowlist: IpAllowlistService;
}

/** Staff accounts, departments (課), roles, sessions and TOTP, API keys and the IP allowlist. */
export const identityModule = defineModule({
  name: 'identity',
  needs: ['audit'],
  entities: [Department, Role, StaffUser, StaffSession, ApiKey, IpAllowlistEntry],
  migrations: identityMigrations,
  permissions: [staffPermissions, departmentPermissions, rolePermissions, apiKeyPermissions, ipAllowlistPermissions],
  resolvers: [SessionResolver, DepartmentResolver, RoleResolver, StaffUserResolver, ApiKeyResolver, IpAllowlistResolver],
  jobs: {
    feature: 'identity',
    jobs: [
      {
        // Hourly clean-up of ended staff sessions, so the session table holds only live ones.
        name: 'identity.purgeSessions',
        async run(_job, { services, logger }) {
          const { deleted } = await services.auth.purgeExpiredSessions();
          logger.info({ deleted }, 'purged ended staff sessions');
        },
      },
    ],
    async reconcile({ scheduler }) {
      await scheduler.every('17 * * * *', 'identity.purgeSessions', undefined, { timezone: 'Asia/Tokyo' });
    },
  },
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { orm, config, keyring, rateLimiter, logger, pubsub } = ctx;
    const ipAllowlist = new IpAllowlistService(orm, audit, pubsub, logger);
    const actors = new StaffActorCache(pubsub, logger);
    const auth = new AuthService(orm, config, keyring, audit, ipAllowlist, rateLimiter, actors, logger);
    return {
      services: {
        auth,
        ipAllowlist,
        staff: new StaffService(audit, actors, logger),
        departments: new DepartmentService(audit, logger),
        roles: new RoleService(audit, actors, logger),
        apiKeys: new ApiKeyService(orm, config, keyring, audit, ipAllowlist, rateLimiter, logger),
      },
    };
  },
});
