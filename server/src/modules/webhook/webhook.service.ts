import type { MikroORM } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { LineWebhookEvent, WebhookEventStatus } from './line-webhook-event.entity.js';
import type { WebhookProcessor } from './webhook-processor.js';

/** Received webhook events as administrators see them: the list, and a retry of a failed one. */
export class WebhookEvents {
  constructor(
    private readonly orm: MikroORM,
    private readonly processor: WebhookProcessor,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(
    ctx: ServiceContext,
    filter: { status?: WebhookEventStatus | null; channelId?: string | null },
    args: ConnectionArgs,
  ): Promise<Page<LineWebhookEvent>> {
    requirePermission(ctx.actor, 'channels.read');
    const where: Record<string, unknown> = {};
    if (filter.status) where['status'] = filter.status;
    if (filter.channelId) where['channel'] = filter.channelId;
    return paginate(ctx.em, LineWebhookEvent, where as FilterQuery<LineWebhookEvent>, args, { id: 'desc' });
  }

  /** An administrator sends a failed event through processing again (only the handlers that failed run). */
  async retry(ctx: ServiceContext, id: string): Promise<LineWebhookEvent> {
    requirePermission(ctx.actor, 'channels.write');
    await inTransaction(
      ctx,
      async (tx) => {
        const event = await tx.em.findOne(LineWebhookEvent, { id });
        if (!event) throw notFound('Webhookイベント');
        event.status = WebhookEventStatus.PENDING;
        event.attempts = 0;
        event.nextAttemptAt = null;
        event.claimedUntil = null;
        await this.audit.record(tx, {
          action: 'webhook.retry',
          targetType: 'LineWebhookEvent',
          targetId: id,
          summary: { type: event.type },
          departmentId: null,
        });
      },
      this.logger,
    );
    await this.processor.processNow(id);
    return this.orm.em.fork().findOneOrFail(LineWebhookEvent, { id });
  }
}
