import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../platform/crypto/digest.js';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/config.js';
import type { ResidentActor } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { preconditionFailed, rateLimited, unauthenticated } from '../../platform/errors/app-error.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { Logger } from '../../platform/logging/logger.js';
import { Resident } from './resident.entity.js';
import { LineChannel } from '../channels/index.js';
import type { ResidentProfiles } from './resident-profile.service.js';
import { ResidentSession } from './resident-session.entity.js';

export const RESIDENT_SESSION_COOKIE = 'machi_resident';
const SESSION_DAYS = 7;
const SIGN_IN_LIMIT_PER_MINUTE = 30;

/**
 * Resident sign-in from LIFF: the client sends LINE's ID token, we verify its signature (LINE's
 * JWKS, ES256), issuer, audience (our LINE Login channel) and expiry, then open a session.
 */
export class ResidentAuthService {
  private readonly jwks: JWTVerifyGetKey;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiter,
    private readonly profiles: ResidentProfiles,
    private readonly logger: Logger,
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.LINE_JWKS_URL), { cooldownDuration: 30_000 });
  }

  async signIn(ctx: ServiceContext, idToken: string): Promise<{ resident: Resident; sessionToken: string; maxAgeSeconds: number }> {
    const limit = await this.rateLimiter.hit(`resident-signin:${ctx.meta.ip ?? 'unknown'}`, SIGN_IN_LIMIT_PER_MINUTE, 60);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
    const audience = this.config.LINE_LOGIN_CHANNEL_ID;
    if (!audience)
      throw preconditionFailed(
        'LINEログインの設定が完了していません。市区町村の担当窓口にお問い合わせください。',
        'LINE_LOGIN_NOT_CONFIGURED',
      );

    let claims: { sub: string; name?: string; picture?: string };
    try {
      const { payload } = await jwtVerify(idToken, this.jwks, {
        issuer: this.config.LINE_ID_TOKEN_ISSUER,
        audience,
        algorithms: ['ES256'],
      });
      if (typeof payload.sub !== 'string' || !payload.sub) throw new Error('no subject');
      claims = {
        sub: payload.sub,
        name: typeof payload['name'] === 'string' ? payload['name'] : undefined,
        picture: typeof payload['picture'] === 'string' ? payload['picture'] : undefined,
      };
    } catch (err) {
      this.logger.info({ reason: (err as Error).name }, 'rejected a LIFF ID token');
      throw unauthenticated('LINEの認証情報を確認できませんでした。LINEアプリからもう一度開いてください。');
    }

    const token = randomBytes(32).toString('base64url');
    const maxAgeSeconds = SESSION_DAYS * 86_400;
    const resident = await inTransaction(
      ctx,
      async (tx) => {
        // The token's LINE Login channel names the messaging channel the resident belongs to.
        const channel = await tx.em.findOne(LineChannel, { loginChannelId: audience });
        let resident = await tx.em.findOne(Resident, { channel, lineUserIdHash: claims.sub });
        if (!resident) {
          resident = tx.em.create(Resident, { channel, lineUserId: claims.sub, lineUserIdHash: claims.sub });
          tx.em.persist(resident);
        }
        resident.lastSignedInAt = new Date();
        // The profile's one writer: the name search index follows the name from the ID token too.
        await this.profiles.apply(tx.em, resident, {
          ...(claims.name ? { displayName: claims.name } : {}),
          ...(claims.picture ? { pictureUrl: claims.picture } : {}),
        });
        tx.em.persist(
          tx.em.create(ResidentSession, { tokenHash: sha256Hex(token), resident, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) }),
        );
        return resident;
      },
      this.logger,
    );
    return { resident, sessionToken: token, maxAgeSeconds };
  }

  async authenticateSession(token: string | undefined): Promise<ResidentActor | null> {
    if (!token) return null;
    const session = await this.orm.em.fork().findOne(ResidentSession, { tokenHash: sha256Hex(token) });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return null;
    return { kind: 'resident', residentId: session.resident.id, sessionId: session.id };
  }

  async signOut(ctx: ServiceContext): Promise<void> {
    if (ctx.actor.kind !== 'resident') {
      ctx.meta.trace.unchanged = true; // no resident session: nothing to end
      return;
    }
    await ctx.em.nativeUpdate(ResidentSession, { id: ctx.actor.sessionId }, { revokedAt: new Date() });
  }

  async viewer(ctx: ServiceContext): Promise<Resident | null> {
    if (ctx.actor.kind !== 'resident') return null;
    return ctx.em.findOne(Resident, { id: ctx.actor.residentId });
  }
}
