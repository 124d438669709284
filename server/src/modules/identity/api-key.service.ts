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
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { badInput, forbidden, notFound, rateLimited, unauthenticated } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import type { IpAllowlistService } from './ip-allowlist.service.js';
import { checkGrantable } from './role.service.js';
import { requireMayActOnApiKey } from './identity.policy.js';
import { ApiKey } from './api-key.entity.js';
import { Department } from './department.entity.js';
import { StaffUser } from './staff-user.entity.js';

const SECRET_PREFIX = 'mlk_';

/**
 * The settings of a key issued by `parent`: never less restricted than the parent. Unset values
 * inherit the parent's; values beyond it are refused.
 */
function withinParent(
  parent: ApiKey,
  input: CreateApiKeyInput,
  requestedRate: number,
): { ipRestricted: boolean; rateLimitPerMinute: number; expiresAt: Date | null } {
  const fields: Record<string, string> = {};
  if (parent.ipRestricted && input.ipRestricted === false) {
    fields['ipRestricted'] = 'IPアドレス制限のあるAPIキーからは、制限のないAPIキーを発行できません。';
  }
  const rate = input.rateLimitPerMinute ?? Math.min(requestedRate, parent.rateLimitPerMinute);
  if (rate > parent.rateLimitPerMinute) {
    fields['rateLimitPerMinute'] = `発行元のAPIキーの上限（1分あたり${parent.rateLimitPerMinute}回）を超える上限は指定できません。`;
  }
  const expiresAt = input.expiresAt ?? parent.expiresAt ?? null;
  if (parent.expiresAt && (!expiresAt || expiresAt.getTime() > parent.expiresAt.getTime())) {
    fields['expiresAt'] = '発行元のAPIキーの有効期限より後の期限は指定できません。';
  }
  if (Object.keys(fields).length) throw badInput(fields);
  return { ipRestricted: parent.ipRestricted || (input.ipRestricted ?? false), rateLimitPerMinute: rate, expiresAt };
}

export interface CreateApiKeyInput {
  name: string;
  permissions: string[];
  departmentId?: string | null;
  expiresAt?: Date | null;
  ipRestricted?: boolean | null;
  rateLimitPerMinute?: number | null;
}

function apiKeyActor(key: ApiKey): ApiKeyActor {
  return {
    kind: 'apiKey',
    apiKeyId: key.id,
    name: key.name,
    permissions: new Set(key.permissions),
    departmentId: key.department?.id ?? null,
  };
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

  /**
   * Issues a key. Staff hand out only permissions they hold; a key that issues a key (with
   * apikeys.write) hands out nothing beyond itself in any dimension: permissions, department, IP
   * restriction, rate limit and expiry. Revoking a key revokes the keys it issued.
   */
  async create(ctx: ServiceContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    requirePermission(ctx.actor, 'apikeys.write');
    const fields: Record<string, string> = {};
    if (!input.name.trim() || input.name.length > 100) fields['name'] = '名前は1〜100文字で入力してください。';
    if (input.permissions.length === 0) fields['permissions'] = '権限を1つ以上選んでください。';
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) fields['expiresAt'] = '有効期限には未来の日時を指定してください。';
    const requestedRate = input.rateLimitPerMinute ?? this.config.API_KEY_DEFAULT_RATE_LIMIT_PER_MINUTE;
    if (!Number.isInteger(requestedRate) || requestedRate < 1 || requestedRate > 10_000)
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
        const parent = tx.actor.kind === 'apiKey' ? await tx.em.findOneOrFail(ApiKey, { id: tx.actor.apiKeyId }) : null;
        const bounds = parent ? withinParent(parent, input, requestedRate) : null;
        const key = tx.em.create(ApiKey, {
          name: input.name.trim(),
          prefix: secret.slice(0, 12),
          secretHash: this.keyring.hash(secret),
          permissions: [...new Set(input.permissions)].sort(),
          department,
          ipRestricted: bounds?.ipRestricted ?? input.ipRestricted ?? false,
          rateLimitPerMinute: bounds?.rateLimitPerMinute ?? requestedRate,
          expiresAt: bounds ? bounds.expiresAt : (input.expiresAt ?? null),
          createdBy: tx.actor.kind === 'staff' ? tx.em.getReference(StaffUser, tx.actor.staffId) : null,
          createdByKey: parent,
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
            rateLimitPerMinute: key.rateLimitPerMinute,
            ...(parent ? { issuedByKey: parent.id } : {}),
          },
          departmentId,
        });
        return key;
      },
      this.logger,
    );
    return { apiKey, secret };
  }

  /** Revokes a key and every key issued under it (by it, or by those, and so on). */
  async revoke(ctx: ServiceContext, id: string): Promise<ApiKey> {
    requirePermission(ctx.actor, 'apikeys.write');
    return inTransaction(
      ctx,
      async (tx) => {
        const key = await tx.em.findOne(ApiKey, { id });
        if (!key) throw notFound('APIキー');
        requireMayActOnApiKey(tx.actor, key);
        const now = new Date();
        if (!key.revokedAt) key.revokedAt = now;
        await tx.em.flush();
        const descendants = await unscopedSql<{ id: string }>(
          tx.em,
          'a revoked key takes every key issued under it, whichever department they serve',
          `with recursive issued as (
             select id from api_key where created_by_key_id = ?
             union select k.id from api_key k join issued on k.created_by_key_id = issued.id)
           update api_key set revoked_at = ? where id in (select id from issued) and revoked_at is null returning id`,
          [key.id, now],
        );
        await this.audit.record(tx, {
          action: 'identity.apiKey.revoke',
          targetType: 'ApiKey',
          targetId: key.id,
          summary: { name: key.name, prefix: key.prefix, ...(descendants.length ? { alsoRevoked: descendants.map((d) => d.id) } : {}) },
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
   * per-minute limit (`countRequest: false` when a live subscription re-checks its key per event).
   */
  async authenticate(secret: string, ip: string | null, options: { countRequest?: boolean } = {}): Promise<ApiKeyActor> {
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
    if (options.countRequest === false) return apiKeyActor(key);
    const limit = await this.rateLimiter.hit(`apikey:${key.id}`, key.rateLimitPerMinute, 60);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > 60_000) {
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: new Date(now) });
    }
    return apiKeyActor(key);
  }
}
