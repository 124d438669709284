import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import { hasPermission } from '../../platform/context/actor.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, conflict, forbidden, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { LineChannel, LineChannelPurpose } from '../channels/index.js';
import type { LinkService } from '../links/index.js';
import type { Form } from '../forms/index.js';
import {
  collectUris,
  rewriteUris,
  substitute,
  toLineMessages,
  validateMessages,
  type ComposedCardMessage,
  type ComposedMessage,
} from '../messages/index.js';
import { Segment, type SegmentService } from '../segments/index.js';
import { tokyoDay } from '../segments/index.js';
import {
  Delivery,
  DeliveryRun,
  DeliveryRunKind,
  DeliveryRunStatus,
  DeliveryStatus,
  DeliveryTargetKind,
  DeliveryTiming,
  type DeliveryVariant,
} from './delivery.entity.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';
import { DeliveryRunner, runGate, type RunProgress } from './delivery-runner.js';
import type { DeliveryFormService } from './delivery-form.service.js';
import type { DeliveryMailService } from './delivery-mail.service.js';
import { checkVariants, deliveryChannel, owningDepartment, UUID, VARIANT_LANGUAGES } from './delivery-owner.js';
import { nextInstants, validateRecurrence, type Recurrence as RecurrenceRule } from './schedule/index.js';

export { VARIANT_LANGUAGES } from './delivery-owner.js';
const MAX_SEGMENTS = 20;
const SCOPE = 'deliveries.read was checked; the delivery was loaded in the caller’s department scope';

export interface DeliveryFields {
  title?: string | null;
  channelId?: string | null;
  departmentId?: string | null;
  variants?: unknown;
  targetKind?: DeliveryTargetKind | null;
  segmentIds?: string[] | null;
  timing?: DeliveryTiming | null;
  scheduledAt?: Date | null;
  recurrence?: unknown;
  formId?: string | null;
  mailListIds?: string[] | null;
  mailSubject?: string | null;
  /** docs/adr/0016: real runs send the links through the LIFF app (refused without one). */
  recordEngagement?: boolean | null;
}

export interface DeliveryListFilter {
  search?: string | null;
  status?: DeliveryStatus | null;
}

export interface SendOptions {
  /** The second confirmation a send to every friend needs. */
  confirmAll?: boolean | null;
}

export interface Estimate {
  recipients: number;
  /** Messages the run uses against the monthly quota (LINE counts one per recipient per request). */
  messages: number;
  quotaLimit: number | null;
  quotaUsed: number;
  /** null when the plan has no limit. */
  quotaRemaining: number | null;
  fitsQuota: boolean;
}

/**
 * Deliveries (SEG-01..17): composing, targeting, timing, approval, and starting runs. Sending
 * itself is DeliveryRunner's. Every send, schedule, pause and cancel is audited.
 */
export class DeliveryService {
  constructor(
    private readonly runner: DeliveryRunner,
    private readonly segments: SegmentService,
    private readonly links: LinkService,
    private readonly forms: DeliveryFormService,
    private readonly mail: DeliveryMailService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, filter: DeliveryListFilter, args: ConnectionArgs): Promise<Page<Delivery>> {
    requirePermission(ctx.actor, 'deliveries.read');
    const where: Record<string, unknown> = {};
    const text = filter.search?.trim();
    if (text) where['title'] = { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    if (filter.status) where['status'] = filter.status;
    return paginate(ctx.em, Delivery, where, args, { updatedAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.read');
    return this.load(ctx.em, id);
  }

  private async load(em: EntityManager, id: string): Promise<Delivery> {
    const delivery = UUID.test(id) ? await em.findOne(Delivery, { id }) : null;
    if (!delivery) throw notFound('配信');
    return delivery;
  }

  async runs(ctx: ServiceContext, deliveryId: string): Promise<DeliveryRun[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    const delivery = await this.load(ctx.em, deliveryId);
    return ctx.em.find(DeliveryRun, { delivery }, { orderBy: { createdAt: 'desc' }, limit: 100 });
  }

  async run(ctx: ServiceContext, runId: string): Promise<DeliveryRun> {
    requirePermission(ctx.actor, 'deliveries.read');
    return this.loadRun(ctx.em, runId);
  }

  private async loadRun(em: EntityManager, runId: string): Promise<DeliveryRun> {
    const run = UUID.test(runId) ? await em.findOne(DeliveryRun, { id: runId }) : null;
    if (!run) throw notFound('配信の実行');
    return run;
  }

  /** The targeted segments the actor may see (department scope and SEG-03). */
  segmentsOf(ctx: ServiceContext, delivery: Delivery): Promise<Segment[]> {
    requirePermission(ctx.actor, 'segments.read');
    return this.segments.usable(ctx, delivery.segmentIds);
  }

  /** Clicks on the delivery's tracked links (SEG-15). */
  async clicks(
    ctx: ServiceContext,
    delivery: Delivery,
  ): Promise<{ total: number; links: Array<{ url: string; clicks: number }>; byDay: Array<{ day: string; clicks: number }> }> {
    requirePermission(ctx.actor, 'deliveries.read');
    const owner = (await this.links.clicks(ctx.em, 'delivery', [delivery.id])).get(delivery.id);
    const byDay = await this.links.clicksByDay(ctx.em, 'delivery', delivery.id);
    return {
      total: owner?.total ?? 0,
      links: (owner?.links ?? []).map((l) => ({ url: l.url, clicks: l.clicks })),
      byDay: byDay.map((d) => ({ day: d.day, clicks: d.clicks })),
    };
  }

  /** Whether a delivery may record engagement here: the links module can send links through a LIFF app. */
  canRecordEngagement(ctx: ServiceContext): boolean {
    requirePermission(ctx.actor, 'deliveries.read');
    return this.links.canIdentify;
  }

  progress(ctx: ServiceContext, run: DeliveryRun): Promise<RunProgress> {
    requirePermission(ctx.actor, 'deliveries.read');
    return this.runner.progress(ctx.em, run);
  }

  async create(ctx: ServiceContext, input: DeliveryFields): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const department = await owningDepartment(tx, input.departmentId ?? null);
        const channel = await deliveryChannel(tx.em, input.channelId ?? null);
        const delivery = tx.em.create(Delivery, {
          title: this.title(input.title),
          department,
          channel,
          variants: this.variants(input.variants ?? [{ language: 'ja', messages: [{ type: 'text', text: '（本文）' }] }]),
          targetKind: input.targetKind ?? DeliveryTargetKind.SEGMENTS,
          timing: input.timing ?? DeliveryTiming.IMMEDIATE,
          createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null,
          recordEngagement: this.recordEngagement(input.recordEngagement) ?? false,
        });
        await this.applyTargetAndTiming(tx, delivery, input);
        tx.em.persist(delivery);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.create',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: {
            title: delivery.title,
            target: delivery.targetKind,
            timing: delivery.timing,
            ...(delivery.recordEngagement ? { recordEngagement: true } : {}),
          },
          departmentId: department.id,
        });
        return delivery;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, id: string, input: DeliveryFields): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        this.editable(delivery);
        const changed: string[] = [];
        if (input.title !== undefined && input.title !== null) {
          delivery.title = this.title(input.title);
          changed.push('title');
        }
        if (input.channelId) {
          delivery.channel = await deliveryChannel(tx.em, input.channelId);
          changed.push('channel');
        }
        if (input.variants !== undefined && input.variants !== null) {
          delivery.variants = this.variants(input.variants);
          changed.push('variants');
        }
        if (input.targetKind || input.segmentIds || input.timing || input.scheduledAt !== undefined || input.recurrence !== undefined) {
          changed.push('target/timing');
        }
        if (input.targetKind) delivery.targetKind = input.targetKind;
        if (input.timing) delivery.timing = input.timing;
        if (input.formId !== undefined || input.mailListIds || input.mailSubject !== undefined) changed.push('form/mail');
        const recordEngagement = this.recordEngagement(input.recordEngagement);
        if (recordEngagement !== null && recordEngagement !== delivery.recordEngagement) {
          delivery.recordEngagement = recordEngagement;
          changed.push('recordEngagement');
        }
        await this.applyTargetAndTiming(tx, delivery, input);
        // What was tested or approved is no longer what would be sent.
        delivery.lastTestedAt = null;
        delivery.approvedAt = null;
        delivery.approvedBy = null;
        if (delivery.status !== DeliveryStatus.DRAFT) delivery.status = DeliveryStatus.DRAFT;
        delivery.nextRunAt = null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.update',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { changed },
          departmentId: delivery.department.id,
        });
        return delivery;
      },
      this.logger,
    );
  }

  async duplicate(ctx: ServiceContext, id: string): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.manage');
    const source = await this.load(ctx.em, id);
    // A form that no longer takes answers (or that the actor may not choose), or a list stopped
    // since, is left out of the copy rather than refusing it.
    const formStillOpen =
      source.formId &&
      hasPermission(ctx.actor, 'forms.read') &&
      !(await this.forms.stopsRun(ctx.em, source.formId, new Date(), { opening: false }));
    const copy = await this.create(ctx, {
      title: `${source.title}（コピー）`.slice(0, 100),
      channelId: source.channel.id,
      departmentId: source.department.id,
      variants: source.variants,
      targetKind: source.targetKind,
      segmentIds: source.segmentIds,
      timing: source.timing === DeliveryTiming.RECURRING ? DeliveryTiming.RECURRING : DeliveryTiming.IMMEDIATE,
      recurrence: source.recurrence,
      formId: formStillOpen ? source.formId : null,
      mailListIds: await this.mail.usableLists(ctx, source.department.id, source.mailListIds),
      mailSubject: source.mailSubject,
      // Kept, unless this server can no longer send links through a LIFF app (then the copy records no one).
      recordEngagement: source.recordEngagement && this.links.canIdentify,
    });
    if (source.targetKind === DeliveryTargetKind.LIST) {
      await unscopedSql(
        ctx.em,
        SCOPE,
        `insert into delivery_list_member (delivery_id, resident_id) select ?, resident_id from delivery_list_member where delivery_id = ?`,
        [copy.id, source.id],
      );
      copy.listSize = source.listSize;
      await unscopedSql(ctx.em, SCOPE, `update delivery set list_size = ? where id = ?`, [source.listSize, copy.id]);
    }
    return copy;
  }

  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        const real = await tx.em.count(DeliveryRun, { delivery, kind: DeliveryRunKind.REAL });
        if (real > 0) throw conflict('送信済みの配信は削除できません（履歴として残ります）。', 'DELIVERY_HAS_RUNS');
        await this.audit.record(tx, {
          action: 'deliveries.delete',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { title: delivery.title },
          departmentId: delivery.department.id,
        });
        tx.em.remove(delivery);
        await tx.em.flush();
        return id;
      },
      this.logger,
    );
  }

  /**
   * Replaces the explicit list from a CSV of resident ids (one per line, an optional header
   * `resident_id`). Every row is checked first; one bad row imports nothing.
   */
  async setList(ctx: ServiceContext, id: string, csv: string): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        this.editable(delivery);
        const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
        const errors: Record<string, string> = {};
        const ids: string[] = [];
        lines.forEach((raw, i) => {
          const value = raw.split(',')[0]!.trim().replace(/^"|"$/g, '');
          if (!value || (i === 0 && /^resident_?id$/i.test(value))) return;
          if (!UUID.test(value))
            errors[`csv.${i + 1}.resident_id`] = `${i + 1}行目: 住民IDの形式が正しくありません（${value.slice(0, 40)}）。`;
          else ids.push(value.toLowerCase());
        });
        if (ids.length > 100_000) throw badInput({ csv: '一度に登録できるのは10万人までです。' });
        const unique = [...new Set(ids)];
        if (!Object.keys(errors).length && unique.length) {
          const found = await unscopedSql<{ id: string }>(
            tx.em,
            'residents belong to no department; deliveries.manage was checked',
            `select id from resident where id = any(?::uuid[]) and channel_id = ?`,
            [uuidArray(unique), delivery.channel.id],
          );
          const known = new Set(found.map((r) => r.id));
          lines.forEach((raw, i) => {
            const value = raw.split(',')[0]!.trim().replace(/^"|"$/g, '').toLowerCase();
            if (UUID.test(value) && !known.has(value))
              errors[`csv.${i + 1}.resident_id`] = `${i + 1}行目: この配信のチャネルの住民が見つかりません。`;
          });
        }
        if (Object.keys(errors).length)
          throw badInput(errors, `CSVに誤りがあります（${Object.keys(errors).length}行）。何も登録していません。`);
        if (!unique.length) throw badInput({ csv: '住民IDが1件もありません。' });
        await unscopedSql(tx.em, SCOPE, `delete from delivery_list_member where delivery_id = ?`, [delivery.id]);
        await unscopedSql(tx.em, SCOPE, `insert into delivery_list_member (delivery_id, resident_id) select ?, unnest(?::uuid[])`, [
          delivery.id,
          uuidArray(unique),
        ]);
        delivery.listSize = unique.length;
        delivery.targetKind = DeliveryTargetKind.LIST;
        delivery.lastTestedAt = null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.list.import',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { residents: unique.length },
          departmentId: delivery.department.id,
        });
        return delivery;
      },
      this.logger,
    );
  }

  /** How many the real run would reach now, and whether the month's quota allows it. */
  async estimate(ctx: ServiceContext, id: string): Promise<Estimate> {
    requirePermission(ctx.actor, 'deliveries.read');
    const delivery = await this.load(ctx.em, id);
    return this.estimateFor(ctx.em, delivery, DeliveryRunKind.REAL, delivery.channel);
  }

  private async estimateFor(em: EntityManager, delivery: Delivery, kind: DeliveryRunKind, channel: LineChannel): Promise<Estimate> {
    // A run sent as one LINE broadcast (all friends, Japanese only; delivery-broadcast.ts) costs one
    // message per friend LINE has, which may be more than the residents we know of (friends who
    // added the account before the system and never wrote since): the check uses our count.
    const recipients = await this.countRecipients(em, delivery, kind, channel);
    const quota = await this.runner.quota(channel);
    const remaining = quota.limit === null ? null : Math.max(0, quota.limit - quota.used);
    return {
      recipients,
      messages: recipients,
      quotaLimit: quota.limit,
      quotaUsed: quota.used,
      quotaRemaining: remaining,
      fitsQuota: remaining === null || recipients <= remaining,
    };
  }

  private countRecipients(em: EntityManager, delivery: Delivery, kind: DeliveryRunKind, channel: LineChannel): Promise<number> {
    return this.runner.countRecipients(em, { kind, channelId: channel.id, day: tokyoDay() }, delivery);
  }

  /**
   * A test send (SEG-12/13): to the residents flagged as testers on the delivery's channel, or on a
   * training channel. Never counted as the real run; a send to everyone needs one first.
   */
  async sendTest(ctx: ServiceContext, id: string, channelId: string | null): Promise<DeliveryRun> {
    requirePermission(ctx.actor, 'deliveries.manage');
    const run = await inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        const channel = channelId ? await deliveryChannel(tx.em, channelId) : delivery.channel;
        if (channel.id !== delivery.channel.id && channel.purpose !== LineChannelPurpose.TRAINING)
          throw badInput({ channelId: 'テスト配信に使えるのは、配信のチャネルか研修用チャネルだけです。' });
        const testers = await this.countRecipients(tx.em, delivery, DeliveryRunKind.TEST, channel);
        if (!testers)
          throw preconditionFailed(
            'テスト配信の受信者がいません。住民（友だち）の画面で、テスト受信者にする人を設定してください。',
            'NO_TEST_RECIPIENTS',
          );
        const created = await this.newRun(tx, delivery, DeliveryRunKind.TEST, DeliveryRunner.newTestOccurrence(), channel);
        await this.audit.record(tx, {
          action: 'deliveries.test',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { runId: created.id, channel: channel.name, testers },
          departmentId: delivery.department.id,
        });
        return created;
      },
      this.logger,
    );
    await this.runner.launch(run.id);
    return run;
  }

  /**
   * Sends now (IMMEDIATE) or arms the schedule (SCHEDULED, RECURRING). Staff whose role lacks
   * `deliveries.send` ask for approval instead (requestApproval); a second staff member approves.
   */
  async send(ctx: ServiceContext, id: string, options: SendOptions = {}): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.manage');
    const approved = await this.load(ctx.em, id);
    const mayAct = hasPermission(ctx.actor, 'deliveries.send') || (approved.approvedAt !== null && approved.approvedBy !== null);
    if (!mayAct) throw forbidden('この配信を送るには、別の職員の承認が必要です。「承認を依頼」を使ってください。', 'APPROVAL_REQUIRED');
    let started: DeliveryRun | null = null;
    const delivery = await inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        if (delivery.status !== DeliveryStatus.DRAFT && delivery.status !== DeliveryStatus.AWAITING_APPROVAL)
          throw conflict('この配信はすでに送信または予約されています。', 'NOT_A_DRAFT');
        this.checkSendable(delivery, options);
        await this.checkFormOpen(tx, delivery);
        if (delivery.timing === DeliveryTiming.IMMEDIATE) {
          const estimate = await this.estimateFor(tx.em, delivery, DeliveryRunKind.REAL, delivery.channel);
          if (!estimate.fitsQuota)
            throw preconditionFailed(
              `今月の残り通数（${estimate.quotaRemaining}通）では、この配信（${estimate.messages}通）を送りきれません。`,
              'QUOTA_EXCEEDED',
            );
          delivery.status = DeliveryStatus.SENDING;
          started = await this.newRun(tx, delivery, DeliveryRunKind.REAL, 'now', delivery.channel);
        } else {
          delivery.nextRunAt = this.firstRunAt(delivery);
          delivery.status = DeliveryStatus.SCHEDULED;
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: delivery.timing === DeliveryTiming.IMMEDIATE ? 'deliveries.send' : 'deliveries.schedule',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: {
            title: delivery.title,
            target: delivery.targetKind,
            timing: delivery.timing,
            ...(delivery.nextRunAt ? { nextRunAt: delivery.nextRunAt.toISOString() } : {}),
            ...(started ? { runId: started.id } : {}),
            ...(delivery.formId ? { formId: delivery.formId } : {}),
            ...(delivery.mailListIds.length ? { mailListIds: delivery.mailListIds } : {}),
            ...(delivery.recordEngagement ? { recordEngagement: true } : {}),
          },
          departmentId: delivery.department.id,
        });
        return delivery;
      },
      this.logger,
    );
    if (started) await this.runner.launch((started as DeliveryRun).id);
    return delivery;
  }

  /** Asks a second staff member to approve the send (a role without `deliveries.send`). */
  async requestApproval(ctx: ServiceContext, id: string, options: SendOptions = {}): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        if (delivery.status !== DeliveryStatus.DRAFT) throw conflict('下書きの配信だけ承認を依頼できます。', 'NOT_A_DRAFT');
        this.checkSendable(delivery, options);
        await this.checkFormOpen(tx, delivery);
        delivery.status = DeliveryStatus.AWAITING_APPROVAL;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.approval.request',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { title: delivery.title },
          departmentId: delivery.department.id,
        });
        return delivery;
      },
      this.logger,
    );
  }

  /** A second staff member approves (never the one who composed it); then it may be sent. */
  async approve(ctx: ServiceContext, id: string): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.approve');
    return inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        if (delivery.status !== DeliveryStatus.AWAITING_APPROVAL) throw conflict('承認待ちの配信ではありません。', 'NOT_AWAITING_APPROVAL');
        const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
        if (!staffId || staffId === delivery.createdBy)
          throw forbidden('自分が作成した配信は承認できません。別の職員に承認を依頼してください。', 'SELF_APPROVAL');
        delivery.approvedBy = staffId;
        delivery.approvedAt = new Date();
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.approve',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { title: delivery.title },
          departmentId: delivery.department.id,
        });
        return delivery;
      },
      this.logger,
    );
  }

  /** Stops a schedule (and any run in progress). */
  async cancel(ctx: ServiceContext, id: string): Promise<Delivery> {
    requirePermission(ctx.actor, 'deliveries.send');
    return inTransaction(
      ctx,
      async (tx) => {
        const delivery = await this.load(tx.em, id);
        if (delivery.status === DeliveryStatus.SENT || delivery.status === DeliveryStatus.CANCELED)
          throw conflict('この配信は終了しています。', 'DELIVERY_FINISHED');
        const open = await unscopedSql<{ id: string }>(
          tx.em,
          SCOPE,
          `select id from delivery_run where delivery_id = ? and status in ('SENDING', 'PAUSED') and kind = 'REAL' order by id`,
          [delivery.id],
        );
        for (const r of open) await runGate(tx.em, r.id, 'exclusive');
        const canceledRuns = await unscopedSql<{ id: string }>(
          tx.em,
          SCOPE,
          `update delivery_run set status = 'CANCELED', completed_at = now(), updated_at = now()
           where delivery_id = ? and status in ('SENDING', 'PAUSED') and kind = 'REAL' returning id`,
          [delivery.id],
        );
        if (canceledRuns.length)
          await unscopedSql(
            tx.em,
            SCOPE,
            `update delivery_batch set status = 'CANCELED', line_user_ids = null where run_id = any(?::uuid[]) and status = 'PENDING'`,
            [uuidArray(canceledRuns.map((r) => r.id))],
          );
        delivery.status = DeliveryStatus.CANCELED;
        delivery.nextRunAt = null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.cancel',
          targetType: 'Delivery',
          targetId: delivery.id,
          summary: { title: delivery.title, runs: canceledRuns.length },
          departmentId: delivery.department.id,
        });
        return delivery;
      },
      this.logger,
    );
  }

  /** Pauses a run: waits for the batches in flight, after which nothing more is sent. */
  async pauseRun(ctx: ServiceContext, runId: string): Promise<DeliveryRun> {
    requirePermission(ctx.actor, 'deliveries.send');
    const run = await inTransaction(
      ctx,
      async (tx) => {
        const run = await this.loadRun(tx.em, runId);
        await runGate(tx.em, run.id, 'exclusive');
        const paused = await unscopedSql<{ id: string }>(
          tx.em,
          SCOPE,
          `update delivery_run set status = 'PAUSED', pause_reason = ?, updated_at = now() where id = ? and status = 'SENDING' returning id`,
          ['職員が一時停止しました。', run.id],
        );
        if (!paused.length) throw conflict('送信中の配信ではありません。', 'RUN_NOT_SENDING');
        await this.audit.record(tx, {
          action: 'deliveries.run.pause',
          targetType: 'DeliveryRun',
          targetId: run.id,
          summary: { deliveryId: run.delivery.id },
          departmentId: run.department.id,
        });
        return run;
      },
      this.logger,
    );
    await ctx.em.refresh(run);
    this.runner.publish(run);
    return run;
  }

  async resumeRun(ctx: ServiceContext, runId: string): Promise<DeliveryRun> {
    requirePermission(ctx.actor, 'deliveries.send');
    const run = await inTransaction(
      ctx,
      async (tx) => {
        const run = await this.loadRun(tx.em, runId);
        if (run.status !== DeliveryRunStatus.PAUSED) throw conflict('一時停止中の配信ではありません。', 'RUN_NOT_PAUSED');
        if (run.kind === DeliveryRunKind.REAL) {
          const rows = await unscopedSql<{ recipients: number }>(
            tx.em,
            SCOPE,
            `select coalesce(sum(recipients), 0)::int as recipients from delivery_batch where run_id = ? and status = 'PENDING'`,
            [run.id],
          );
          const quota = await this.runner.quota(run.channel);
          const remaining = quota.limit === null ? null : quota.limit - quota.used;
          if (remaining !== null && rows[0]!.recipients > remaining)
            throw preconditionFailed(
              `今月の残り通数（${Math.max(0, remaining)}通）では、残りの配信（${rows[0]!.recipients}通）を送りきれません。`,
              'QUOTA_EXCEEDED',
            );
        }
        run.status = DeliveryRunStatus.SENDING;
        run.pauseReason = null;
        // Batches waiting to be retried go at once.
        await unscopedSql(tx.em, SCOPE, `update delivery_batch set not_before = null where run_id = ? and status = 'PENDING'`, [run.id]);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.run.resume',
          targetType: 'DeliveryRun',
          targetId: run.id,
          summary: { deliveryId: run.delivery.id },
          departmentId: run.department.id,
        });
        return run;
      },
      this.logger,
    );
    await this.runner.launch(run.id);
    // The mail job again: it queues what it has not queued for this run yet (nothing twice).
    await this.mail.enqueue(run);
    return run;
  }

  async cancelRun(ctx: ServiceContext, runId: string): Promise<DeliveryRun> {
    requirePermission(ctx.actor, 'deliveries.send');
    const run = await inTransaction(
      ctx,
      async (tx) => {
        const run = await this.loadRun(tx.em, runId);
        await runGate(tx.em, run.id, 'exclusive');
        const canceled = await unscopedSql<{ id: string }>(
          tx.em,
          SCOPE,
          `update delivery_run set status = 'CANCELED', completed_at = now(), updated_at = now()
           where id = ? and status in ('SENDING', 'PAUSED') returning id`,
          [run.id],
        );
        if (!canceled.length) throw conflict('この配信の実行は終了しています。', 'RUN_FINISHED');
        await unscopedSql(
          tx.em,
          SCOPE,
          `update delivery_batch set status = 'CANCELED', line_user_ids = null where run_id = ? and status = 'PENDING'`,
          [run.id],
        );
        if (run.kind === DeliveryRunKind.REAL)
          await unscopedSql(
            tx.em,
            SCOPE,
            `update delivery set status = case when next_run_at is null then 'CANCELED' else 'SCHEDULED' end, updated_at = now()
             where id = ? and status = 'SENDING'`,
            [run.delivery.id],
          );
        await this.audit.record(tx, {
          action: 'deliveries.run.cancel',
          targetType: 'DeliveryRun',
          targetId: run.id,
          summary: { deliveryId: run.delivery.id },
          departmentId: run.department.id,
        });
        return run;
      },
      this.logger,
    );
    await ctx.em.refresh(run);
    this.runner.publish(run);
    return run;
  }

  /**
   * Starts every scheduled occurrence that is due (the job `deliveries.tick`, every minute, on any
   * worker): the run's unique (delivery, occurrence) key makes a second tick start nothing twice.
   */
  async startDue(now: Date = new Date()): Promise<number> {
    const system: ServiceContext = {
      em: this.runner.systemEm(),
      actor: { kind: 'system', name: 'deliveries' },
      meta: { requestId: `deliveries-tick-${now.toISOString()}`, ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    const due = await system.em.find(
      Delivery,
      { status: DeliveryStatus.SCHEDULED, nextRunAt: { $lte: now } },
      { limit: 50, orderBy: { nextRunAt: 'asc' } },
    );
    let started = 0;
    for (const candidate of due) {
      const runId = await inTransaction(
        { ...system, em: system.em.fork() },
        async (tx) => {
          const delivery = await tx.em.findOne(
            Delivery,
            { id: candidate.id, status: DeliveryStatus.SCHEDULED },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          );
          if (!delivery?.nextRunAt || delivery.nextRunAt > now) return null;
          const occurrence = delivery.nextRunAt.toISOString();
          const estimate = await this.estimateFor(tx.em, delivery, DeliveryRunKind.REAL, delivery.channel).catch((err: unknown) => {
            this.logger.warn({ err, deliveryId: delivery.id }, 'quota check before a scheduled run failed; starting it anyway');
            return null;
          });
          const formProblem = delivery.formId ? await this.forms.stopsRun(tx.em, delivery.formId, now, { opening: true }) : null;
          const run = await this.newRun(tx, delivery, DeliveryRunKind.REAL, occurrence, delivery.channel);
          if (estimate && !estimate.fitsQuota) {
            // Refused at send time: the run exists (the history shows it) but waits, paused, for staff.
            run.status = DeliveryRunStatus.PAUSED;
            run.pauseReason = `今月の残り通数（${estimate.quotaRemaining}通）では送りきれないため、開始を保留しました。`;
          } else if (formProblem) {
            run.status = DeliveryRunStatus.PAUSED;
            run.pauseReason = `${formProblem}開始を保留しました。`;
          }
          delivery.nextRunAt = this.followingRunAt(delivery, delivery.nextRunAt);
          delivery.status = DeliveryStatus.SENDING;
          await tx.em.flush();
          await this.audit.record(tx, {
            action: 'deliveries.occurrence.start',
            targetType: 'Delivery',
            targetId: delivery.id,
            summary: {
              occurrence,
              runId: run.id,
              paused: run.status === DeliveryRunStatus.PAUSED,
              ...(run.mailListIds.length ? { mailListIds: run.mailListIds } : {}),
              ...(run.recordsEngagement ? { recordsEngagement: true } : {}),
            },
            departmentId: delivery.department.id,
          });
          return run.status === DeliveryRunStatus.SENDING ? run.id : null;
        },
        this.logger,
      );
      if (runId) {
        started++;
        await this.runner.launch(runId);
      }
    }
    return started;
  }

  /**
   * A run with the delivery's content compiled: links become tracked redirects (SEG-15), through
   * the LIFF app when a real run records engagement (docs/adr/0016). A test run always sends the
   * plain redirect: a tester's tap is counted but never recorded as the resident reacting, and does
   * not make the delivery one a segment condition can name before it was really sent.
   */
  private async newRun(
    tx: TxContext,
    delivery: Delivery,
    kind: DeliveryRunKind,
    occurrence: string,
    channel: LineChannel,
  ): Promise<DeliveryRun> {
    const compiled: Record<string, unknown[]> = {};
    const runId = randomUUID();
    // FORM-08: a real run's links to its form name the run (signed), so answers through them count for it; a test run's do not.
    const formId = kind === DeliveryRunKind.REAL ? delivery.formId : null;
    const variants = delivery.variants.map((variant) => ({
      language: variant.language,
      messages: formId
        ? this.forms.withRunReference(variant.messages as ComposedMessage[], formId, { deliveryId: delivery.id, runId })
        : (variant.messages as ComposedMessage[]),
    }));
    const urls = new Set<string>();
    for (const variant of variants) for (const found of collectUris(variant.messages)) urls.add(found.uri);
    const identify = kind === DeliveryRunKind.REAL && delivery.recordEngagement && this.links.canIdentify;
    const tracked = urls.size
      ? await this.links.trackMany(tx.em, { ownerType: 'delivery', ownerId: delivery.id }, [...urls], { identify })
      : new Map();
    for (const variant of variants) {
      // An https link is never sent through a plain-http redirect (a development PUBLIC_URL): it stays untracked.
      const rewritten = rewriteUris(variant.messages, (uri) => {
        const redirect = tracked.get(uri);
        return redirect && (redirect.startsWith('https:') || !uri.startsWith('https:')) ? redirect : uri;
      });
      // A tracked link is short, but check again: what goes to LINE must be within its limits.
      const checked = validateMessages(rewritten);
      if (!checked.ok)
        throw preconditionFailed(
          `計測用リンクに置き換えると${VARIANT_LANGUAGES[variant.language]}の内容がLINEの制限を超えます: ${checked.problems[0]!.message}`,
          'MESSAGES_INVALID_WITH_TRACKING',
        );
      // No resident variables here (refused when saved); substitute still turns `{{` into `{`.
      compiled[variant.language] = toLineMessages(substitute(checked.messages, {}));
    }
    // SEG-05: a real run mails the lists too; a test run mails nobody (DeliveryMailService).
    const mail = kind === DeliveryRunKind.REAL ? this.mail.runMail(delivery, variants) : null;
    const run = tx.em.create(DeliveryRun, {
      id: runId,
      delivery,
      department: delivery.department,
      channel,
      kind,
      occurrence,
      day: tokyoDay(),
      compiled,
      startedBy: tx.actor.kind === 'staff' ? tx.actor.staffId : null,
      recordsEngagement: identify && urls.size > 0,
      formId,
      ...(mail ?? {}),
    });
    tx.em.persist(run);
    await tx.em.flush();
    // Once committed, and only if it starts sending (a run paused at its start mails when resumed).
    tx.afterCommit(async () => {
      if (run.status === DeliveryRunStatus.SENDING) await this.mail.enqueue(run);
    });
    return run;
  }

  /** FORM-08: the form must take answers when the delivery goes out (now, at its time, or, recurring, still). */
  private async checkFormOpen(tx: TxContext, delivery: Delivery): Promise<void> {
    if (!delivery.formId) return;
    const at = delivery.timing === DeliveryTiming.SCHEDULED && delivery.scheduledAt ? delivery.scheduledAt : new Date();
    const problem = await this.forms.stopsRun(tx.em, delivery.formId, at, { opening: delivery.timing !== DeliveryTiming.RECURRING });
    if (problem) throw preconditionFailed(problem, 'FORM_NOT_OPEN');
  }

  private checkSendable(delivery: Delivery, options: SendOptions): void {
    if (delivery.targetKind === DeliveryTargetKind.SEGMENTS && !delivery.segmentIds.length)
      throw badInput({ segmentIds: '配信先のセグメントを選んでください。' });
    if (delivery.targetKind === DeliveryTargetKind.LIST && !delivery.listSize)
      throw badInput({ csv: '配信先の住民リスト（CSV）を登録してください。' });
    if (delivery.targetKind === DeliveryTargetKind.ALL) {
      if (!delivery.lastTestedAt)
        throw preconditionFailed('すべての友だちへの配信は、先にテスト配信で内容を確認してください。', 'TEST_SEND_REQUIRED');
      if (!options.confirmAll)
        throw preconditionFailed('すべての友だちに送ります。よろしければ、確認のうえもう一度送信してください。', 'CONFIRMATION_REQUIRED');
    }
    if (delivery.timing === DeliveryTiming.SCHEDULED && (!delivery.scheduledAt || delivery.scheduledAt.getTime() < Date.now() - 60_000))
      throw badInput({ scheduledAt: '配信日時は現在より後の日時を指定してください。' });
  }

  private firstRunAt(delivery: Delivery): Date {
    if (delivery.timing === DeliveryTiming.SCHEDULED) return delivery.scheduledAt!;
    const next = this.followingRunAt(delivery, new Date());
    if (!next) throw badInput({ recurrence: 'この繰り返しの設定では、これから先に配信される日時がありません。' });
    return next;
  }

  private followingRunAt(delivery: Delivery, after: Date): Date | null {
    if (delivery.timing !== DeliveryTiming.RECURRING || !delivery.recurrence) return null;
    return nextInstants(delivery.recurrence as unknown as RecurrenceRule, after, 1)[0] ?? null;
  }

  private async applyTargetAndTiming(tx: TxContext, delivery: Delivery, input: DeliveryFields): Promise<void> {
    if (input.segmentIds) {
      const ids = [...new Set(input.segmentIds)];
      if (ids.length > MAX_SEGMENTS) throw badInput({ segmentIds: `セグメントは${MAX_SEGMENTS}個まで選べます。` });
      if (ids.some((id) => !UUID.test(id))) throw badInput({ segmentIds: 'セグメントが見つかりません。' });
      // Scoped: a staff member can only target segments their role and departments allow (SEG-03).
      const found = await this.segments.usable(tx, ids);
      if (found.length !== ids.length) throw badInput({ segmentIds: '選べないセグメントが含まれています。' });
      delivery.segmentIds = ids;
    }
    if (input.scheduledAt !== undefined) delivery.scheduledAt = input.scheduledAt;
    if (input.recurrence !== undefined) {
      if (input.recurrence === null) delivery.recurrence = null;
      else {
        const checked = validateRecurrence(input.recurrence, new Date());
        if (!checked.ok) {
          const fields: Record<string, string> = {};
          for (const p of checked.problems) fields[p.path ? `recurrence.${p.path}` : 'recurrence'] ??= p.message;
          throw badInput(fields, '繰り返しの設定に誤りがあります。');
        }
        delivery.recurrence = checked.rule as unknown as Record<string, unknown>;
      }
    }
    await this.applyFormAndMail(tx, delivery, input);
    if (delivery.timing === DeliveryTiming.RECURRING && !delivery.recurrence)
      throw badInput({ recurrence: '繰り返しの設定を入力してください。' });
    if (delivery.timing === DeliveryTiming.SCHEDULED && !delivery.scheduledAt)
      throw badInput({ scheduledAt: '配信日時を入力してください。' });
  }

  /**
   * The form it carries (FORM-08: never to every friend; its link in every language) and the mail
   * lists it is mirrored to (SEG-05), checked together: a mail reader can only answer a form that a
   * browser may open.
   */
  private async applyFormAndMail(tx: TxContext, delivery: Delivery, input: DeliveryFields): Promise<void> {
    let form: Form | null = null;
    if (input.formId !== undefined) {
      form = input.formId === null ? null : await this.forms.usable(tx, input.formId, delivery.department.id);
      delivery.formId = form?.id ?? null;
    } else if (delivery.formId) {
      form = await this.forms.usable(tx, delivery.formId, delivery.department.id);
    }
    if (form) {
      if (delivery.targetKind === DeliveryTargetKind.ALL)
        throw badInput({
          targetKind: 'フォームを載せた配信は、すべての友だちには送れません。セグメントか住民リストを選んでください（FORM-08）。',
        });
      delivery.variants = this.forms.withCard(delivery.variants, form);
    }
    if (input.mailListIds) delivery.mailListIds = await this.mail.checkLists(tx, delivery.department.id, input.mailListIds);
    if (input.mailSubject !== undefined) delivery.mailSubject = this.mail.subject(input.mailSubject);
    if (delivery.mailListIds.length) {
      if (!this.mail.runMail(delivery)!.mailText)
        throw badInput({ mailListIds: '日本語の内容がスタンプだけのため、メールでは送れません。テキストなどを入れてください。' });
      if (form && !this.forms.answerableInBrowser(form))
        throw badInput({
          mailListIds:
            'このフォームはLINEからしか回答できないため、メールでは送れません。フォームを「ブラウザからも回答できる」（対象者はすべての人）にするか、メール配信のリストを外してください。',
        });
    }
  }

  /** The link card the console inserts for a form (FORM-08), once the form is found usable. */
  async formCard(ctx: ServiceContext, formId: string): Promise<ComposedCardMessage> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return this.forms.card(await this.forms.usable(ctx, formId, null));
  }

  private editable(delivery: Delivery): void {
    if (
      delivery.status === DeliveryStatus.SENDING ||
      delivery.status === DeliveryStatus.SENT ||
      delivery.status === DeliveryStatus.CANCELED
    )
      throw conflict('送信中・送信済みの配信は変更できません。複製して新しい配信を作ってください。', 'DELIVERY_NOT_EDITABLE');
  }

  private variants(raw: unknown): DeliveryVariant[] {
    const fields: Record<string, string> = {};
    const variants = checkVariants(raw, 'variants', fields, 'セグメント配信');
    if (!variants) throw badInput(fields, `配信内容に誤りがあります（${Object.keys(fields).length}件）。`);
    return variants;
  }

  /** The flag as given (null: not given); true only where links can be sent through a LIFF app. */
  private recordEngagement(value: boolean | null | undefined): boolean | null {
    if (value === undefined || value === null) return null;
    if (value && !this.links.canIdentify)
      throw badInput({
        recordEngagement:
          'このシステムにはLIFFアプリが設定されていないため、反応を記録できません（LIFF_IDの設定が必要です）。チェックを外して保存してください。',
      });
    return value;
  }

  private title(value: string | null | undefined): string {
    const title = value?.trim() ?? '';
    if (!title) throw badInput({ title: '配信の件名（管理用）を入力してください。' });
    if (title.length > 100) throw badInput({ title: '件名は100文字以内で入力してください。' });
    return title;
  }
}
