import type { MikroORM } from '@mikro-orm/postgresql';
import type { Readable } from 'node:stream';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { streamPagedCsv } from '../../platform/csv/paged-csv.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Resident } from './resident.entity.js';
import { TalkDirection, TalkLogEntry } from './talk-log-entry.entity.js';

/** The talk log (ADM-17: the talk history belongs to the city): what residents and the account said. */
export class TalkLog {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /** Records one message once (`sourceEventId` is unique, so processing again changes nothing). */
  async record(entry: {
    residentId: string;
    direction: TalkDirection;
    messageType: string;
    content: string;
    origin: string | null;
    occurredAt: Date;
    sourceEventId: string;
  }): Promise<void> {
    const em = this.orm.em.fork();
    // Encrypted through the entity type.
    if (await em.count(TalkLogEntry, { sourceEventId: entry.sourceEventId })) return;
    em.persist(
      em.create(TalkLogEntry, {
        resident: em.getReference(Resident, entry.residentId),
        direction: entry.direction,
        messageType: entry.messageType,
        content: entry.content,
        origin: entry.origin,
        occurredAt: entry.occurredAt,
        sourceEventId: entry.sourceEventId,
      }),
    );
    await em.flush();
  }

  list(ctx: ServiceContext, residentId: string, args: ConnectionArgs): Promise<Page<TalkLogEntry>> {
    requirePermission(ctx.actor, 'talklog.read');
    return paginate(ctx.em, TalkLogEntry, { resident: residentId }, args, { occurredAt: 'desc', id: 'desc' });
  }

  /** Talk log as CSV; the export itself is audited. */
  async exportCsv(ctx: ServiceContext, filter: { from?: Date | null; to?: Date | null; channelId?: string | null }): Promise<Readable> {
    requirePermission(ctx.actor, 'talklog.export');
    await this.audit.recordStandalone(ctx, {
      action: 'talklog.export',
      summary: { from: filter.from, to: filter.to, channelId: filter.channelId },
      departmentId: null,
    });
    const where: Record<string, unknown> = {};
    const range: Record<string, Date> = {};
    if (filter.from) range['$gte'] = filter.from;
    if (filter.to) range['$lt'] = filter.to;
    if (Object.keys(range).length) where['occurredAt'] = range;
    if (filter.channelId) where['resident'] = { channel: filter.channelId };
    const em = ctx.em.fork({ clear: true });
    return streamPagedCsv<TalkLogEntry>({
      columns: [
        { key: 'occurredAt', header: '日時' },
        { key: 'residentId', header: '住民ID' },
        { key: 'direction', header: '方向' },
        { key: 'messageType', header: '種類' },
        { key: 'content', header: '内容' },
        { key: 'origin', header: '送信元機能' },
      ],
      pageSize: 1000,
      nextPage: (last) => {
        em.clear();
        return em.find(TalkLogEntry, last ? { $and: [where, { id: { $gt: last.id } }] } : where, {
          orderBy: { id: 'asc' },
          limit: 1000,
        });
      },
      toRow: (e) => ({
        occurredAt: e.occurredAt.toISOString(),
        residentId: e.resident.id,
        direction: e.direction === TalkDirection.INCOMING ? '受信' : '送信',
        messageType: e.messageType,
        content: e.content ?? '',
        origin: e.origin ?? '',
      }),
      logger: this.logger,
      what: 'talk log',
    });
  }
}
