import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { notFound } from '../../platform/errors/app-error.js';
import { LineApiError, type LineGateway } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import type { LineChannel, LineChannelService } from '../channels/index.js';
import { FollowStatus, Resident } from './resident.entity.js';
import { nameTokens, queryTokens } from './name-tokens.js';

/** What LINE (the Messaging API profile, or a LIFF ID token) says about a resident. */
export interface ProfileUpdate {
  displayName?: string | null;
  pictureUrl?: string | null;
  language?: string | null;
}

/**
 * A resident's LINE profile, with one writer: whether it comes from the Messaging API (follow,
 * staff refresh, the daily job) or from a LIFF sign-in, the display name and the blind index
 * that finds it by name change together, in one transaction.
 */
export class ResidentProfiles {
  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /** The hashed tokens a name search looks up (every token of the query must match). */
  searchTokens(query: string): string[] {
    return queryTokens(query).map((t) => this.keyring.hash(`resident-name:${t}`));
  }

  /**
   * Applies a profile to a resident inside the caller's transaction (the resident must be
   * persisted: it is flushed here): the fields, and the name's blind-index tokens rewritten.
   */
  async apply(em: EntityManager, resident: Resident, profile: ProfileUpdate): Promise<void> {
    const nameChanged = profile.displayName !== undefined && profile.displayName !== resident.displayName;
    if (profile.displayName !== undefined) resident.displayName = profile.displayName;
    if (profile.pictureUrl !== undefined) resident.pictureUrl = profile.pictureUrl;
    if (profile.language) resident.language = profile.language.slice(0, 10);
    await em.flush();
    if (nameChanged) await this.writeNameTokens(em, resident.id, resident.displayName);
  }

  private async writeNameTokens(em: EntityManager, residentId: string, displayName: string | null | undefined): Promise<void> {
    const why = 'the blind index of one resident, whatever the caller';
    const hashes = displayName ? nameTokens(displayName).map((t) => this.keyring.hash(`resident-name:${t}`)) : [];
    await unscopedSql(em, why, 'delete from resident_name_token where resident_id = ?', [residentId]);
    if (hashes.length) {
      await unscopedSql(
        em,
        why,
        `insert into resident_name_token (resident_id, token_hash) values ${hashes.map(() => '(?, ?)').join(', ')}`,
        hashes.flatMap((h) => [residentId, h]),
      );
    }
  }

  /** Fetches the profile from LINE and applies it; best-effort (logged, never thrown). */
  async refreshFromLine(channel: LineChannel, residentId: string, userId: string, options: { retry?: boolean } = {}): Promise<void> {
    try {
      const profile = await this.gateway.profile(this.channels.credentialsOf(channel), userId, options);
      await this.orm.em.fork().transactional(async (em) => {
        const resident = await em.findOneOrFail(Resident, { id: residentId });
        resident.profileRefreshedAt = new Date();
        await this.apply(em, resident, {
          displayName: profile.displayName,
          pictureUrl: profile.pictureUrl ?? null,
          language: profile.language,
        });
      });
    } catch (err) {
      this.logger.warn(
        { channel: channel.id, kind: err instanceof LineApiError ? err.kind : 'unknown' },
        'could not refresh a resident profile',
      );
    }
  }

  /** Fetches the LINE profile again (staff action). */
  async refresh(ctx: ServiceContext, id: string): Promise<Resident> {
    requirePermission(ctx.actor, 'residents.write');
    const resident = await ctx.em.findOne(Resident, { id }, { populate: ['channel'] });
    if (!resident?.channel) throw notFound('住民');
    await this.refreshFromLine(resident.channel, resident.id, resident.lineUserId);
    await this.audit.recordStandalone(ctx, {
      action: 'residents.refreshProfile',
      targetType: 'Resident',
      targetId: id,
      departmentId: null,
    });
    return this.orm.em.fork().findOneOrFail(Resident, { id });
  }

  /** Refreshes the profiles of following residents not refreshed for a week, oldest first (the daily job). */
  async refreshStale(limit = 200): Promise<number> {
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const stale = await this.orm.em.fork().find(
      Resident,
      {
        followStatus: FollowStatus.FOLLOWING,
        channel: { $ne: null },
        $or: [{ profileRefreshedAt: null }, { profileRefreshedAt: { $lt: weekAgo } }],
      },
      { populate: ['channel'], orderBy: { profileRefreshedAt: 'asc' }, limit },
    );
    for (const r of stale) await this.refreshFromLine(r.channel!, r.id, r.lineUserId);
    return stale.length;
  }
}
