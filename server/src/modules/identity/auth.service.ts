import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { AppConfig } from '../../config/config.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { ANONYMOUS, type StaffActor } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { requireStaff } from '../../platform/auth/require.js';
import {
  AppError,
  ErrorCode,
  badInput,
  forbidden,
  preconditionFailed,
  rateLimited,
  unauthenticated,
} from '../../platform/errors/app-error.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import type { IpAllowlistService } from './ip-allowlist.service.js';
import { checkPasswordPolicy, hashPassword, normaliseLoginId, verifyPassword } from './password.js';
import { StaffSession } from './staff-session.entity.js';
import type { StaffActorCache } from './staff-actor-cache.js';
import { StaffUser } from './staff-user.entity.js';

export const STAFF_SESSION_COOKIE = 'machi_staff';
const CHALLENGE_TTL_MS = 5 * 60_000;
const TOTP_ISSUER = 'machi-line';

export type LoginResult =
  { status: 'SUCCESS'; sessionToken: string; maxAgeSeconds: number; staffId: string } | { status: 'TOTP_REQUIRED'; challengeToken: string };

const BAD_CREDENTIALS = 'ログインIDまたはパスワードが正しくありません。';

/** Builds the actor a staff member acts as, from their roles. */
export function staffActor(staff: StaffUser, sessionId: string): StaffActor {
  const roles = staff.roles.getItems();
  const permissions = new Set(roles.flatMap((r) => r.permissions));
  return {
    kind: 'staff',
    staffId: staff.id,
    sessionId,
    loginId: staff.loginId,
    departmentId: staff.department.id,
    isSystemAdmin: roles.some((r) => r.isSystemAdmin),
    permissions,
    totpEnrolmentRequired: roles.some((r) => r.requireTotp) && !staff.totpEnabled,
    mustChangePassword: staff.mustChangePassword,
  };
}

/**
 * Staff sign-in (ADM-09): password (argon2id), lockout after repeated failures, optional TOTP,
 * sessions with idle and absolute expiry, password change. Every outcome is in the audit log.
 */
export class AuthService {
  private readonly challengeKey: Buffer;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    keyring: Keyring,
    private readonly audit: AuditService,
    private readonly ipAllowlist: IpAllowlistService,
    private readonly rateLimiter: RateLimiter,
    private readonly actors: StaffActorCache,
    private readonly logger: Logger,
  ) {
    this.challengeKey = keyring.deriveKey('login-challenge');
  }

  /** An EntityManager that sees every department: sign-in happens before any scope exists. */
  private unscopedEm() {
    return unscopedFork(this.orm.em);
  }

  private async guardRequest(ctx: ServiceContext): Promise<void> {
    const limit = await this.rateLimiter.hit(`login:ip:${ctx.meta.ip ?? 'unknown'}`, this.config.LOGIN_RATE_LIMIT_PER_MINUTE, 60);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
    if (!(await this.ipAllowlist.isAllowed(ctx.meta.ip))) {
      await this.audit.recordStandalone(
        { ...ctx, em: this.unscopedEm() },
        { action: 'identity.login.denied_ip', summary: { ip: ctx.meta.ip } },
      );
      throw forbidden('このIPアドレスからの管理画面へのアクセスは許可されていません。', 'IP_NOT_ALLOWED');
    }
  }

  async login(ctx: ServiceContext, loginIdInput: string, password: string): Promise<LoginResult> {
    await this.guardRequest(ctx);
    const loginId = normaliseLoginId(loginIdInput);
    const em = this.unscopedEm();
    const staff = await em.findOne(StaffUser, { loginId }, { populate: ['roles', 'department'] });
    const lctx: ServiceContext = { ...ctx, em };

    if (staff && this.isLocked(staff)) {
      await this.audit.recordStandalone(lctx, {
        action: 'identity.login.failure',
        targetType: 'StaffUser',
        targetId: staff.id,
        summary: { loginId, reason: 'locked' },
        departmentId: staff.department.id,
      });
      throw this.lockedError(staff);
    }
    const ok = await verifyPassword(staff?.passwordHash, password);
    if (!staff || !ok || !staff.isActive) {
      await this.recordFailure(lctx, staff, loginId, !staff ? 'unknown_login_id' : !ok ? 'bad_password' : 'inactive');
      throw unauthenticated(BAD_CREDENTIALS);
    }
    if (staff.totpEnabled) {
      return { status: 'TOTP_REQUIRED', challengeToken: await this.signChallenge(staff.id) };
    }
    return this.openSession(lctx, staff, 'password');
  }

  async verifyLoginTotp(ctx: ServiceContext, challengeToken: string, code: string): Promise<LoginResult> {
    await this.guardRequest(ctx);
    const staffId = await this.readChallenge(challengeToken);
    if (!staffId) throw unauthenticated('確認の有効期限が切れました。もう一度ログインしてください。');
    const em = this.unscopedEm();
    const lctx: ServiceContext = { ...ctx, em };
    const staff = await em.findOne(StaffUser, { id: staffId }, { populate: ['roles', 'department'] });
    if (!staff || !staff.isActive || !staff.totpEnabled || !staff.totpSecret) throw unauthenticated('もう一度ログインしてください。');
    if (this.isLocked(staff)) throw this.lockedError(staff);
    const step = await this.checkTotp(staff.totpSecret, code, staff.totpLastStep);
    if (step === null) {
      await this.recordFailure(lctx, staff, staff.loginId, 'bad_totp');
      throw new AppError(ErrorCode.BAD_USER_INPUT, '確認コードが正しくありません。', {
        fields: { code: '確認コードが正しくありません。' },
      });
    }
    staff.totpLastStep = String(step);
    return this.openSession(lctx, staff, 'totp');
  }

  private async checkTotp(secret: string, code: string, lastStep?: string | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code.trim())) return null;
    const result = await verifyTotp({
      secret,
      token: code.trim(),
      epochTolerance: 30,
      ...(lastStep ? { afterTimeStep: Number(lastStep) } : {}),
    }).catch(() => ({ valid: false as const }));
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private isLocked(staff: StaffUser): boolean {
    return Boolean(staff.lockedUntil && staff.lockedUntil.getTime() > Date.now());
  }

  private lockedError(staff: StaffUser): AppError {
    const minutes = Math.max(1, Math.ceil((staff.lockedUntil!.getTime() - Date.now()) / 60_000));
    return forbidden(
      `ログインの失敗が続いたため、このアカウントは一時的にロックされています。約${minutes}分後に再度お試しいただくか、管理者にロック解除を依頼してください。`,
      'ACCOUNT_LOCKED',
    );
  }

  private async recordFailure(ctx: ServiceContext, staff: StaffUser | null, loginId: string, reason: string): Promise<void> {
    await inTransaction(
      ctx,
      async (tx) => {
        let locked = false;
        if (staff) {
          const fresh = await tx.em.findOneOrFail(StaffUser, { id: staff.id }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
          fresh.failedLoginCount += 1;
          if (fresh.failedLoginCount >= this.config.LOGIN_MAX_FAILURES) {
            fresh.lockedUntil = new Date(Date.now() + this.config.LOGIN_LOCK_MINUTES * 60_000);
            fresh.failedLoginCount = 0;
            locked = true;
          }
        }
        await this.audit.record(
          tx,
          {
            action: 'identity.login.failure',
            targetType: staff ? 'StaffUser' : undefined,
            targetId: staff?.id,
            summary: { loginId: loginId.slice(0, 64), reason },
            departmentId: staff?.department.id ?? null,
          },
          ANONYMOUS,
        );
        if (locked && staff) {
          await this.audit.record(
            tx,
            {
              action: 'identity.staff.locked',
              targetType: 'StaffUser',
              targetId: staff.id,
              summary: { loginId, minutes: this.config.LOGIN_LOCK_MINUTES },
              departmentId: staff.department.id,
            },
            { kind: 'system', name: 'lockout' },
          );
        }
      },
      this.logger,
    );
  }

  private async openSession(ctx: ServiceContext, staff: StaffUser, method: string): Promise<LoginResult> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const maxAgeSeconds = this.config.SESSION_ABSOLUTE_HOURS * 3600;
    await inTransaction(
      ctx,
      async (tx) => {
        const fresh = await tx.em.findOneOrFail(StaffUser, { id: staff.id }, { populate: ['roles', 'department'] });
        fresh.failedLoginCount = 0;
        fresh.lockedUntil = null;
        fresh.lastLoginAt = now;
        if (staff.totpLastStep) fresh.totpLastStep = staff.totpLastStep;
        const session = tx.em.create(StaffSession, {
          tokenHash: sha256Hex(token),
          staff: fresh,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
          ip: tx.meta.ip,
          userAgent: tx.meta.userAgent?.slice(0, 400) ?? null,
        });
        tx.em.persist(session);
        await tx.em.flush();
        await this.audit.record(
          tx,
          { action: 'identity.login.success', targetType: 'StaffUser', targetId: fresh.id, summary: { method } },
          staffActor(fresh, session.id),
        );
      },
      this.logger,
    );
    return { status: 'SUCCESS', sessionToken: token, maxAgeSeconds, staffId: staff.id };
  }

  /**
   * Resolves a session cookie to the staff actor, or null when it is missing, expired or revoked.
   * Each request counts as activity; `touch: false` (a live subscription re-checking the session
   * per event) does not keep an idle session alive.
   */
  async authenticateSession(token: string | undefined, options: { touch?: boolean } = {}): Promise<StaffActor | null> {
    if (!token) return null;
    const tokenHash = sha256Hex(token);
    const now = Date.now();
    // Seen within the last minute and not changed since (the cache drops changed actors at once).
    const cached = this.actors.get(tokenHash);
    if (cached && now - cached.lastSeenAt <= 60_000 && cached.sessionExpiresAt > now) return cached.actor;

    const em = this.unscopedEm();
    const session = await em.findOne(StaffSession, { tokenHash }, { populate: ['staff', 'staff.roles', 'staff.department'] });
    if (!session || session.revokedAt) return null;
    const idleMs = this.config.SESSION_IDLE_MINUTES * 60_000;
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now || !session.staff.isActive) return null;
    let lastSeenAt = session.lastSeenAt.getTime();
    if (options.touch !== false && now - lastSeenAt > 60_000) {
      await em.nativeUpdate(StaffSession, { id: session.id }, { lastSeenAt: new Date(now) });
      lastSeenAt = now;
    }
    const actor = staffActor(session.staff, session.id);
    this.actors.set(tokenHash, { actor, sessionExpiresAt: session.expiresAt.getTime(), lastSeenAt });
    return actor;
  }

  /** Deletes sessions that ended (expired, idle too long or revoked) more than a day ago. */
  async purgeExpiredSessions(now: Date = new Date()): Promise<{ deleted: number }> {
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const idleCutoff = new Date(dayAgo.getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
    const deleted = await this.unscopedEm().nativeDelete(StaffSession, {
      $or: [{ expiresAt: { $lt: dayAgo } }, { lastSeenAt: { $lt: idleCutoff } }, { revokedAt: { $lt: dayAgo } }],
    });
    return { deleted };
  }

  async logout(ctx: ServiceContext): Promise<void> {
    if (ctx.actor.kind !== 'staff') {
      ctx.meta.trace.unchanged = true; // no staff session: nothing to end
      return;
    }
    const actor = ctx.actor;
    await inTransaction(
      ctx,
      async (tx) => {
        await tx.em.nativeUpdate(StaffSession, { id: actor.sessionId }, { revokedAt: new Date() });
        tx.afterCommit(() => this.actors.changed({ staffIds: [actor.staffId] }));
        await this.audit.record(tx, { action: 'identity.logout', targetType: 'StaffUser', targetId: actor.staffId });
      },
      this.logger,
    );
  }

  async changePassword(ctx: ServiceContext, currentPassword: string, newPassword: string): Promise<void> {
    const actor = requireStaff(ctx.actor);
    await inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOneOrFail(StaffUser, { id: actor.staffId });
        if (!(await verifyPassword(staff.passwordHash, currentPassword))) {
          throw badInput({ currentPassword: '現在のパスワードが正しくありません。' });
        }
        const problem = checkPasswordPolicy(newPassword, staff.loginId);
        if (problem) throw badInput({ newPassword: problem });
        if (await verifyPassword(staff.passwordHash, newPassword)) {
          throw badInput({ newPassword: '現在と同じパスワードは使用できません。' });
        }
        staff.passwordHash = await hashPassword(newPassword);
        staff.passwordChangedAt = new Date();
        staff.mustChangePassword = false;
        // Other sessions end: a changed password should shut out whoever else had it.
        await tx.em.nativeUpdate(
          StaffSession,
          { staff: staff.id, id: { $ne: actor.sessionId }, revokedAt: null },
          { revokedAt: new Date() },
        );
        tx.afterCommit(() => this.actors.changed({ staffIds: [staff.id] }));
        await this.audit.record(tx, { action: 'identity.password.change', targetType: 'StaffUser', targetId: staff.id });
      },
      this.logger,
    );
  }

  async startTotpEnrolment(ctx: ServiceContext): Promise<{ secret: string; otpauthUri: string }> {
    const actor = requireStaff(ctx.actor);
    const secret = generateSecret();
    await inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOneOrFail(StaffUser, { id: actor.staffId });
        staff.totpPendingSecret = secret;
        await this.audit.record(tx, { action: 'identity.totp.enrolment_start', targetType: 'StaffUser', targetId: staff.id });
      },
      this.logger,
    );
    return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: actor.loginId, secret }) };
  }

  async confirmTotpEnrolment(ctx: ServiceContext, code: string): Promise<void> {
    const actor = requireStaff(ctx.actor);
    await inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOneOrFail(StaffUser, { id: actor.staffId });
        if (!staff.totpPendingSecret) throw preconditionFailed('先に二要素認証の設定を開始してください。', 'NO_PENDING_ENROLMENT');
        const step = await this.checkTotp(staff.totpPendingSecret, code);
        if (step === null)
          throw badInput({ code: '確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。' });
        staff.totpSecret = staff.totpPendingSecret;
        staff.totpPendingSecret = null;
        staff.totpEnabled = true;
        staff.totpLastStep = String(step);
        tx.afterCommit(() => this.actors.changed({ staffIds: [staff.id] }));
        await this.audit.record(tx, { action: 'identity.totp.enable', targetType: 'StaffUser', targetId: staff.id });
      },
      this.logger,
    );
  }

  async disableTotp(ctx: ServiceContext, password: string): Promise<void> {
    const actor = requireStaff(ctx.actor);
    await inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOneOrFail(StaffUser, { id: actor.staffId }, { populate: ['roles'] });
        if (staff.roles.getItems().some((r) => r.requireTotp)) {
          throw preconditionFailed('あなたのロールでは二要素認証が必須のため、無効にできません。', 'TOTP_REQUIRED_BY_ROLE');
        }
        if (!(await verifyPassword(staff.passwordHash, password))) throw badInput({ password: 'パスワードが正しくありません。' });
        staff.totpEnabled = false;
        staff.totpSecret = null;
        staff.totpLastStep = null;
        tx.afterCommit(() => this.actors.changed({ staffIds: [staff.id] }));
        await this.audit.record(tx, { action: 'identity.totp.disable', targetType: 'StaffUser', targetId: staff.id });
      },
      this.logger,
    );
  }

  /** A short-lived token naming the staff member between the password and the TOTP code (HS256 JWT). */
  private signChallenge(staffId: string): Promise<string> {
    return new SignJWT({ s: staffId })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('login-challenge')
      .setJti(randomBytes(8).toString('hex'))
      .setExpirationTime(new Date(Date.now() + CHALLENGE_TTL_MS))
      .sign(this.challengeKey);
  }

  private async readChallenge(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.challengeKey, { algorithms: ['HS256'], audience: 'login-challenge' });
      return typeof payload['s'] === 'string' ? payload['s'] : null;
    } catch {
      return null;
    }
  }
}
