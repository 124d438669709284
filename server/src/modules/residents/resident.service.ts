import type { FilterQuery } from '@mikro-orm/core';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { FollowStatus, Resident } from './resident.entity.js';
import { ResidentFollowEvent } from './resident-follow-event.entity.js';
import { ResidentNameToken } from './resident-name-token.entity.js';
import type { ResidentProfiles } from './resident-profile.service.js';

export interface ResidentFilter {
  /** Part of the display name (matched through the blind index). */
  search?: string | null;
  channelId?: string | null;
  followStatus?: FollowStatus | null;
  isTestRecipient?: boolean | null;
  tag?: string | null;
}

const TAG = /^[^\s,]{1,30}$/u;

/** Residents as staff see them: the list with filters and name search, a resident, tags and test recipients. */
export class ResidentService {
  constructor(
    private readonly profiles: ResidentProfiles,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, filter: ResidentFilter, args: ConnectionArgs): Promise<Page<Resident>> {
    requirePermission(ctx.actor, 'residents.read');
    // Finding someone by name reveals their name: it needs the personal-data permission too.
    if (filter.search) requirePermission(ctx.actor, 'residents.read_personal');
    const where: Record<string, unknown> = {};
    if (filter.channelId) where['channel'] = filter.channelId;
    if (filter.followStatus) where['followStatus'] = filter.followStatus;
    if (filter.isTestRecipient !== undefined && filter.isTestRecipient !== null) where['isTestRecipient'] = filter.isTestRecipient;
    if (filter.tag) where['tags'] = { $contains: [filter.tag] };
    const tokens = filter.search ? this.profiles.searchTokens(filter.search) : [];
    if (filter.search && tokens.length) {
      // Every token of the query must be among the resident's name tokens.
      where['id'] = {
        $in: ctx.em
          .createQueryBuilder(ResidentNameToken, 't')
          .select('t.resident_id')
          .where({ tokenHash: { $in: tokens } })
          .groupBy('t.resident_id')
          .having('count(distinct t.token_hash) = ?', [tokens.length])
          .getKnexQuery(),
      };
    }
    return paginate(ctx.em, Resident, where as FilterQuery<Resident>, args, { createdAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Resident> {
    requirePermission(ctx.actor, 'residents.read');
    const resident = await ctx.em.findOne(Resident, { id });
    if (!resident) throw notFound('住民');
    return resident;
  }

  followHistory(ctx: ServiceContext, residentId: string): Promise<ResidentFollowEvent[]> {
    requirePermission(ctx.actor, 'residents.read');
    return ctx.em.find(ResidentFollowEvent, { resident: residentId }, { orderBy: { occurredAt: 'desc' }, limit: 100 });
  }

  async update(ctx: ServiceContext, input: { id: string; isTestRecipient?: boolean | null; tags?: string[] | null }): Promise<Resident> {
    requirePermission(ctx.actor, 'residents.write');
    const tags = input.tags?.map((t) => t.normalize('NFKC').trim()).filter(Boolean);
    if (tags && (tags.length > 20 || tags.some((t) => !TAG.test(t))))
      throw badInput({ tags: 'タグは空白・カンマを含まない30文字以内で、20個までです。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const resident = await tx.em.findOne(Resident, { id: input.id });
        if (!resident) throw notFound('住民');
        const changes: Record<string, unknown> = {};
        if (input.isTestRecipient !== undefined && input.isTestRecipient !== null && input.isTestRecipient !== resident.isTestRecipient) {
          changes['isTestRecipient'] = { from: resident.isTestRecipient, to: input.isTestRecipient };
          resident.isTestRecipient = input.isTestRecipient;
        }
        if (tags) {
          const next = [...new Set(tags)];
          changes['tags'] = { from: resident.tags, to: next };
          resident.tags = next;
        }
        await this.audit.record(tx, {
          action: 'residents.update',
          targetType: 'Resident',
          targetId: resident.id,
          summary: changes,
          departmentId: null,
        });
        return resident;
      },
      this.logger,
    );
  }
}
