import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/config.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import type { ApiKeyActor } from '../../platform/context/actor.js';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { badInput, forbidden, notFound, rateLimited, unauthenticated } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IpAllowlistService } from './ip-allowlist.service.js';
import { checkGrantable } from './role.service.js';
import { ApiKey } from './api-key.entity.js';
import { Department } from './department.entity.js';
import { StaffUser } from './staff-user.entity.js';

const SECRET_PREFIX = 'mlk_';

export interface CreateApiKeyInput {
  name: string;
  permissions: string[];
  departmentId?: string | null;
  expiresAt?: Date | null;
  ipRestricted?: boolean | null;
  rateLimitPerMinute?: number | null;
}

/** API keys for third parties: scoped permissions, optional department and expiry, rate limit. */
export class ApiKeyService {
  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    private readonly keyring: Keyring,
    private readonly audit: AuditService,
    private readonly ipAllowlist: IpAllowlistService,
    private readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, args: ConnectionArgs): Promise<Page<ApiKey>> {
    requirePermission(ctx.actor, 'apikeys.read');
    return paginate(ctx.em, ApiKey, {}, args, { createdAt: 'desc', id: 'desc' });
  }

  async create(ctx: ServiceContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    requirePermission(ctx.actor, 'apikeys.write');
    const fields: Record<string, string> = {};
    if (!input.name.trim() || input.name.length > 100) fields['name'] = '名前は1〜100文字で入力してください。';
    if (input.permissions.length === 0) fields['permissions'] = '権限を1つ以上選んでください。';
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) fields['expiresAt'] = '有効期限には未来の日時を指定してください。';
    const rate = input.rateLimitPerMinute ?? this.config.API_KEY_DEFAULT_RATE_LIMIT_PER_MINUTE;
    if (!Number.isInteger(rate) || rate < 1 || rate > 10_000)
      fields['rateLimitPerMinute'] = '1分あたりの上限は1〜10000の整数で指定してください。';
    if (Object.keys(fields).length) throw badInput(fields);
    checkGrantable(ctx.actor, input.permissions);

    const scope = departmentScope(ctx.actor);
    // A department-scoped creator can only issue keys for their own department.
    const departmentId = input.departmentId ?? (scope === 'all' ? null : (scope[0] ?? null));
    if (scope !== 'all' && (!departmentId || !scope.includes(departmentId))) {
      throw badInput({ departmentId: 'ご自身の部署のAPIキーのみ発行できます。' });
    }

    const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
    const apiKey = await inTransaction(
      ctx,
      async (tx) => {
        const department = departmentId ? await tx.em.findOne(Department, { id: departmentId }) : null;
        if (departmentId && !department) throw badInput({ departmentId: '部署が見つかりません。' });
        const createdBy = tx.actor.kind === 'staff' ? tx.em.getReference(StaffUser, tx.actor.staffId) : null;
        const key = tx.em.create(ApiKey, {
          name: input.name.trim(),
          prefix: secret.slice(0, 12),
          secretHash: this.keyring.hash(secret),
          permissions: [...new Set(input.permissions)].sort(),
          department,
          ipRestricted: input.ipRestricted ?? false,
          rateLimitPerMinute: rate,
          expiresAt: input.expiresAt ?? null,
          createdBy,
        });
        tx.em.persist(key);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'identity.apiKey.create',
          targetType: 'ApiKey',
          targetId: key.id,
          summary: {
            name: key.name,
            prefix: key.prefix,
            permissions: key.permissions,
            departmentId,
            expiresAt: key.expiresAt,
            ipRestricted: key.ipRestricted,
            rateLimitPerMinute: rate,
          },
          departmentId,
        });
        return key;
      },
      this.logger,
    );
    return { apiKey, secret };
  }

  async revoke(ctx: ServiceContext, id: string): Promise<ApiKey> {
    requirePermission(ctx.actor, 'apikeys.write');
    return inTransaction(
      ctx,
      async (tx) => {
        const key = await tx.em.findOne(ApiKey, { id });
        if (!key) throw notFound('APIキー');
        if (!key.revokedAt) key.revokedAt = new Date();
        await this.audit.record(tx, {
          action: 'identity.apiKey.revoke',
          targetType: 'ApiKey',
          targetId: key.id,
          summary: { name: key.name, prefix: key.prefix },
          departmentId: key.department?.id ?? null,
        });
        return key;
      },
      this.logger,
    );
  }

  /**
   * Resolves a presented secret to the API-key actor: unknown, revoked or expired keys are
   * UNAUTHENTICATED; IP-restricted keys obey the allowlist; each call counts against the key's
   * per-minute limit.
   */
  async authenticate(secret: string, ip: string | null): Promise<ApiKeyActor> {
    if (!secret.startsWith(SECRET_PREFIX)) throw unauthenticated('APIキーが正しくありません。');
    const em = unscopedFork(this.orm.em);
    const key = await em.findOne(ApiKey, { secretHash: this.keyring.hash(secret) });
    const now = Date.now();
    if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now)) {
      throw unauthenticated('APIキーが無効です（失効済み・期限切れ・未登録のいずれか）。');
    }
    if (key.ipRestricted && !(await this.ipAllowlist.isAllowed(ip))) {
      throw forbidden('このIPアドレスからはこのAPIキーを利用できません。', 'IP_NOT_ALLOWED');
    }
    const limit = await this.rateLimiter.hit(`apikey:${key.id}`, key.rateLimitPerMinute, 60);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > 60_000) {
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: new Date(now) });
    }
    return {
      kind: 'apiKey',
      apiKeyId: key.id,
      name: key.name,
      permissions: new Set(key.permissions),
      departmentId: key.department?.id ?? null,
    };
  }
}
