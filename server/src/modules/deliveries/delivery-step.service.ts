import { randomUUID } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import { hasPermission } from '../../platform/context/actor.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { keyring } from '../../platform/crypto/keyring.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, conflict, forbidden, notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import { LineGateway, type LineApiError } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import { AttributeKind, type AttributeService, type DefinitionSnapshot } from '../attributes/index.js';
import type { AuditService } from '../audit/index.js';
import { LineChannel, type LineChannelService } from '../channels/index.js';
import type { LinkService } from '../links/index.js';
import { collectUris, rewriteUris, substitute, toLineMessages, validateMessages, type ComposedMessage } from '../messages/index.js';
import { Segment, type SegmentService } from '../segments/index.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';
import { BATCH_SIZE } from './delivery-runner.js';
import { UUID, checkVariants, deliveryChannel, owningDepartment } from './delivery-owner.js';
import { DeliveryStepPlan, type DeliveryStep } from './delivery-step.entity.js';
import { jstDate, stepDateRange, stepInstant, type TimeWindow } from './schedule/index.js';
import { isClockTime } from './schedule/jst.js';

export const STEPS_JOB = 'deliveries.steps';

const MAX_STEPS = 30;
/** A hundred years either way: 成人式 is 20 years after a birth date, a reminder before a due date a few weeks. */
const MAX_OFFSET_DAYS = 36_500;
const MAX_SEGMENTS = 20;
/**
 * A job that could not run for longer than this does not send what fell due before: a reminder
 * days late ("3日後に健診です") would mislead. What falls due later is sent as usual.
 */
export const MAX_CATCH_UP_MS = 24 * 60 * 60 * 1000;
/** A batch LINE keeps failing is retried this many times, then counted as failed. */
const MAX_BATCH_ATTEMPTS = 8;
/** A sender whose transaction stays open longer than this (a hung call) is cut off, and its batch is free again. */
const SEND_TRANSACTION_TIMEOUT = '120s';
const SYSTEM = 'step messages are system work on behalf of the plans their departments enabled';
const RESIDENTS = 'residents and their dates belong to no department; the plan was loaded by the system job';
const SCOPE = 'deliveries.manage was checked; the plan was loaded in the caller’s department scope';
const LINK_OWNER = 'delivery_step';

export interface StepInput {
  id?: string | null;
  offsetDays?: number | null;
  time?: string | null;
  variants?: unknown;
}

export interface StepPlanFields {
  title?: string | null;
  channelId?: string | null;
  departmentId?: string | null;
  dateAttributeId?: string | null;
  segmentIds?: string[] | null;
  enabled?: boolean | null;
  steps?: StepInput[] | null;
}

/** A date attribute a plan counts from, as the console shows it. */
export interface StepDateAttribute {
  id: string;
  label: string;
  kind: AttributeKind;
  retired: boolean;
}

/** One message the plan would send: a step, to the friends of one reference date, at its instant. */
export interface UpcomingStepSend {
  stepId: string;
  referenceDate: string;
  at: Date;
  recipients: number;
}

/** The longest window `upcoming` answers: a month's calendar with the days around it. */
const MAX_UPCOMING_DAYS = 62;
const DAY_MS = 24 * 60 * 60 * 1000;

function isDateKind(kind: AttributeKind): boolean {
  return kind === AttributeKind.DATE || kind === AttributeKind.DATE_LIST;
}

function dateAttributeOf(def: DefinitionSnapshot): StepDateAttribute {
  return { id: String(def.id), label: def.label, kind: def.kind, retired: def.retired };
}

export interface StepRunResult {
  /** (step, resident, date) pairs recorded and queued in this run. */
  queued: number;
  batchesSent: number;
  batchesFailed: number;
}

interface ClaimedBatch {
  id: string;
  plan_id: string;
  channel_id: string;
  enabled: boolean;
  resident_ids: string[];
  retry_key: string;
  attempts: number;
  messages: messagingApi.Message[];
}

type SendOutcome = { kind: 'sent' } | { kind: 'failed' } | { kind: 'retry-later' } | { kind: 'canceled' } | { kind: 'idle' };

/**
 * Step messages (SEG-11). Staff keep plans; the job `deliveries.steps` (every 5 minutes, any
 * worker) looks at the time since each plan's last window and, per step, selects in SQL the
 * residents whose reference date puts the step's instant in that window (stepDateRange over the
 * dates B-tree). It records each (plan, step, resident, date) in `delivery_step_sent` first (a
 * unique key: a second or overlapping run records nothing twice) and, in the same transaction,
 * writes the new ones as multicast batches with their retry key. Batches are claimed and sent as
 * the delivery runner sends (docs/adr/0014), so a crash after recording resumes without
 * duplicates or gaps.
 */
export class DeliveryStepService {
  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly segments: SegmentService,
    private readonly attributes: AttributeService,
    private readonly links: LinkService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, args: ConnectionArgs): Promise<Page<DeliveryStepPlan>> {
    requirePermission(ctx.actor, 'deliveries.read');
    return paginate(ctx.em, DeliveryStepPlan, {}, args, { updatedAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<DeliveryStepPlan> {
    requirePermission(ctx.actor, 'deliveries.read');
    return this.load(ctx.em, id);
  }

  private async load(em: EntityManager, id: string): Promise<DeliveryStepPlan> {
    const plan = UUID.test(id) ? await em.findOne(DeliveryStepPlan, { id }) : null;
    if (!plan) throw notFound('ステップ配信');
    return plan;
  }

  async create(ctx: ServiceContext, input: StepPlanFields): Promise<DeliveryStepPlan> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const fields: Record<string, string> = {};
        const title = this.title(input.title, fields);
        if (!input.dateAttributeId) fields['dateAttributeId'] = '基準日にする日付の属性（生年月日など）を選んでください。';
        if (!input.steps?.length) fields['steps'] = 'メッセージ（何日前・何日後に送るか）を1つ以上入力してください。';
        const steps = input.steps?.length ? this.steps(input.steps, [], fields) : null;
        if (Object.keys(fields).length) throw badInput(fields, 'ステップ配信の内容に誤りがあります。');
        const department = await owningDepartment(tx, input.departmentId ?? null);
        const channel = await deliveryChannel(tx.em, input.channelId ?? null);
        const plan = tx.em.create(DeliveryStepPlan, {
          title: title!,
          department,
          channel,
          dateAttributeId: await this.dateAttribute(tx, input.dateAttributeId!),
          steps: steps!,
          enabled: input.enabled ?? false,
          createdBy: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null,
          scannedUntil: new Date(),
        });
        if (input.segmentIds) plan.segmentIds = await this.segmentIds(tx, input.segmentIds);
        this.mayEnable(ctx, plan);
        tx.em.persist(plan);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.steps.create',
          targetType: 'DeliveryStepPlan',
          targetId: plan.id,
          summary: { title: plan.title, steps: plan.steps.length, enabled: plan.enabled, segments: plan.segmentIds.length },
          departmentId: department.id,
        });
        return plan;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, id: string, input: StepPlanFields): Promise<DeliveryStepPlan> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const plan = await this.load(tx.em, id);
        const fields: Record<string, string> = {};
        const changed: string[] = [];
        if (input.title !== undefined && input.title !== null) {
          const title = this.title(input.title, fields);
          if (title) plan.title = title;
          changed.push('title');
        }
        if (input.steps !== undefined && input.steps !== null) {
          if (!input.steps.length) fields['steps'] = 'メッセージ（何日前・何日後に送るか）を1つ以上入力してください。';
          const steps = input.steps.length ? this.steps(input.steps, plan.steps, fields) : null;
          if (steps) plan.steps = steps;
          changed.push('steps');
        }
        if (Object.keys(fields).length) throw badInput(fields, 'ステップ配信の内容に誤りがあります。');
        if (input.channelId) {
          plan.channel = await deliveryChannel(tx.em, input.channelId);
          changed.push('channel');
        }
        if (input.dateAttributeId) {
          plan.dateAttributeId = await this.dateAttribute(tx, input.dateAttributeId);
          changed.push('dateAttribute');
        }
        if (input.segmentIds) {
          plan.segmentIds = await this.segmentIds(tx, input.segmentIds);
          changed.push('segments');
        }
        if (input.enabled !== undefined && input.enabled !== null && input.enabled !== plan.enabled) {
          plan.enabled = input.enabled;
          // From now on: what fell due while it was off is not sent late.
          if (plan.enabled) plan.scannedUntil = new Date();
          changed.push(plan.enabled ? 'enabled' : 'disabled');
        }
        this.mayEnable(ctx, plan);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'deliveries.steps.update',
          targetType: 'DeliveryStepPlan',
          targetId: plan.id,
          summary: { changed, enabled: plan.enabled },
          departmentId: plan.department.id,
        });
        return plan;
      },
      this.logger,
    );
  }

  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'deliveries.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const plan = await this.load(tx.em, id);
        if (plan.enabled) throw conflict('有効なステップ配信は削除できません。先に停止してください。', 'STEP_PLAN_ENABLED');
        const sent = await unscopedSql<{ n: number }>(
          tx.em,
          SCOPE,
          `select count(*)::int as n from delivery_step_sent where plan_id = ? and sent_at is not null`,
          [plan.id],
        );
        await this.audit.record(tx, {
          action: 'deliveries.steps.delete',
          targetType: 'DeliveryStepPlan',
          targetId: plan.id,
          summary: { title: plan.title, sent: sent[0]!.n },
          departmentId: plan.department.id,
        });
        tx.em.remove(plan);
        await tx.em.flush();
        return id;
      },
      this.logger,
    );
  }

  /** The date attributes a new plan may count from: DATE or DATE_LIST, not personal, not retired, shared or of the caller's departments. */
  async dateAttributes(ctx: ServiceContext): Promise<StepDateAttribute[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    const defs = await this.attributes.snapshots(ctx.em, { scoped: true });
    return defs.filter((d) => isDateKind(d.kind) && !d.personal && !d.retired).map(dateAttributeOf);
  }

  /** Plans' date attributes by id (retired ones too: a plan keeps its own); one that the caller may not see is missing. */
  async dateAttributesById(ctx: ServiceContext, ids: readonly number[]): Promise<Map<number, StepDateAttribute>> {
    requirePermission(ctx.actor, 'deliveries.read');
    const wanted = new Set(ids);
    const defs = await this.attributes.snapshots(ctx.em, { scoped: true });
    return new Map(defs.filter((d) => wanted.has(d.id) && isDateKind(d.kind)).map((d) => [d.id, dateAttributeOf(d)]));
  }

  /**
   * What the plan would send in the window as things are now, per step and reference date: the
   * friends the job would select (scan's SQL), less the pairs already recorded. Nothing before
   * now, except, while the plan is on, what fell due since the job's last window (its next run
   * sends that). Counts only, never who.
   */
  async upcoming(ctx: ServiceContext, plan: DeliveryStepPlan, window: TimeWindow, now: Date = new Date()): Promise<UpcomingStepSend[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    const span = window.to.getTime() - window.from.getTime();
    if (!(span > 0) || span > MAX_UPCOMING_DAYS * DAY_MS)
      throw badInput({ to: `期間は開始より後で、${MAX_UPCOMING_DAYS}日以内にしてください。` });
    const pending = plan.enabled ? Math.max(new Date(plan.scannedUntil).getTime(), now.getTime() - MAX_CATCH_UP_MS) : now.getTime();
    const from = new Date(Math.max(window.from.getTime(), pending));
    if (from >= window.to) return [];
    // As the job sees them: the plan was loaded in the caller's scope; its segments are read as the job reads them.
    const em = unscopedFork(this.orm.em);
    const audience = await this.audience(em, plan, jstDate(now));
    const sends: UpcomingStepSend[] = [];
    for (const step of plan.steps) {
      const range = stepDateRange(step.offsetDays, step.time, { from, to: window.to });
      if (!range) continue;
      const rows = await unscopedSql<{ reference_date: string; n: number }>(
        em,
        RESIDENTS,
        `select x.value::text as reference_date, count(distinct x.resident_id)::int as n
           from resident_attribute_date x join resident r on r.id = x.resident_id
          where x.attribute_id = ? and x.value between ?::date and ?::date
            and r.channel_id = ?::uuid and r.follow_status = 'FOLLOWING'${audience.sql}
            and not exists (select 1 from delivery_step_sent s
                             where s.plan_id = ?::uuid and s.step_id = ?::uuid and s.resident_id = x.resident_id and s.reference_date = x.value)
          group by x.value
          order by x.value`,
        [plan.dateAttributeId, range.from, range.to, plan.channel.id, ...audience.params, plan.id, step.id],
      );
      for (const row of rows)
        sends.push({
          stepId: step.id,
          referenceDate: row.reference_date,
          at: stepInstant(row.reference_date, step.offsetDays, step.time),
          recipients: row.n,
        });
    }
    return sends.sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() || plan.steps.findIndex((s) => s.id === a.stepId) - plan.steps.findIndex((s) => s.id === b.stepId),
    );
  }

  /** An enabled plan sends on its own: turning one on, or changing one that is on, takes deliveries.send. */
  private mayEnable(ctx: ServiceContext, plan: DeliveryStepPlan): void {
    if (plan.enabled && !hasPermission(ctx.actor, 'deliveries.send'))
      throw forbidden(
        '有効なステップ配信は自動で送られるため、有効にする・有効なまま変更するには配信の送信の権限が必要です。',
        'SEND_REQUIRED',
      );
  }

  private title(value: string | null | undefined, fields: Record<string, string>): string | null {
    const title = value?.trim() ?? '';
    if (!title) fields['title'] = 'ステップ配信の名前（管理用）を入力してください。';
    else if (title.length > 100) fields['title'] = '名前は100文字以内で入力してください。';
    else return title;
    return null;
  }

  /** Steps checked and sorted; a step keeps its id (and so what was already sent for it) when the input names it. */
  private steps(raw: StepInput[], existing: readonly DeliveryStep[], fields: Record<string, string>): DeliveryStep[] | null {
    if (raw.length > MAX_STEPS) {
      fields['steps'] = `メッセージは${MAX_STEPS}個までです。`;
      return null;
    }
    const known = new Set(existing.map((s) => s.id));
    const ids = new Set<string>();
    const timings = new Set<string>();
    const steps: DeliveryStep[] = [];
    raw.forEach((input, i) => {
      const at = `steps.${i}`;
      let id: string = randomUUID();
      if (input.id !== undefined && input.id !== null) {
        if (!known.has(input.id)) fields[`${at}.id`] = 'このメッセージは見つかりません（新しいメッセージには id を付けないでください）。';
        else if (ids.has(input.id)) fields[`${at}.id`] = '同じメッセージが2回指定されています。';
        else id = input.id;
      }
      ids.add(id);
      const offset = input.offsetDays;
      if (offset === undefined || offset === null) fields[`${at}.offsetDays`] = '基準日の何日前・何日後に送るかを入力してください。';
      else if (!Number.isInteger(offset) || Math.abs(offset) > MAX_OFFSET_DAYS)
        fields[`${at}.offsetDays`] = `日数は${MAX_OFFSET_DAYS}日前から${MAX_OFFSET_DAYS}日後までの整数で入力してください。`;
      const time = input.time;
      if (!time) fields[`${at}.time`] = '送る時刻を入力してください。';
      else if (!isClockTime(time)) fields[`${at}.time`] = '時刻は「09:00」のように HH:MM（00:00〜23:59）で入力してください。';
      const variants = checkVariants(input.variants, `${at}.variants`, fields);
      if (typeof offset !== 'number' || !isClockTime(time) || !variants) return;
      const timing = `${offset}@${time}`;
      if (timings.has(timing)) fields[`${at}.offsetDays`] = '同じ日数・時刻のメッセージがほかにもあります。1つにまとめてください。';
      timings.add(timing);
      steps.push({ id, offsetDays: offset, time, variants });
    });
    if (Object.keys(fields).some((k) => k === 'steps' || k.startsWith('steps.'))) return null;
    return steps.sort((a, b) => a.offsetDays - b.offsetDays || a.time.localeCompare(b.time));
  }

  /** A date or date-list attribute the actor may use (shared, or of their departments), stored in the dates table. */
  private async dateAttribute(tx: TxContext, raw: string): Promise<number> {
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    const def = id === null ? undefined : (await this.attributes.snapshots(tx.em, { scoped: true })).find((d) => d.id === id);
    if (!def || (def.kind !== AttributeKind.DATE && def.kind !== AttributeKind.DATE_LIST))
      throw badInput({ dateAttributeId: '基準日には日付の属性（生年月日・子どもの生年月日など）を選んでください。' });
    if (def.personal) throw badInput({ dateAttributeId: '個人情報として暗号化して保存する属性は、基準日に使えません。' });
    if (def.retired) throw badInput({ dateAttributeId: '使われなくなった属性は基準日に選べません。' });
    return def.id;
  }

  private async segmentIds(tx: TxContext, raw: readonly string[]): Promise<string[]> {
    const ids = [...new Set(raw)];
    if (ids.length > MAX_SEGMENTS) throw badInput({ segmentIds: `セグメントは${MAX_SEGMENTS}個まで選べます。` });
    if (ids.some((id) => !UUID.test(id))) throw badInput({ segmentIds: 'セグメントが見つかりません。' });
    // Scoped: only segments the staff member's role and departments allow (SEG-03).
    const found = await this.segments.usable(tx, ids);
    if (found.length !== ids.length) throw badInput({ segmentIds: '選べないセグメントが含まれています。' });
    return ids;
  }

  // ---------------------------------------------------------------------------------------------
  // The job

  /** One run of `deliveries.steps`: queue what fell due since each plan's last window, then send every pending batch. */
  async runDue(now: Date = new Date(), touch: () => Promise<void> = async () => undefined): Promise<StepRunResult> {
    const queued = await this.scan(now);
    await touch();
    const sent = await this.sendPending(touch);
    return { queued, ...sent };
  }

  /**
   * Records and queues, per enabled plan, every (step, resident, date) whose instant is in
   * [the plan's `scannedUntil`, now), at most MAX_CATCH_UP_MS back. Sends nothing.
   */
  async scan(now: Date = new Date()): Promise<number> {
    const em = unscopedFork(this.orm.em);
    const plans = await unscopedSql<{ id: string }>(
      em,
      SYSTEM,
      `select id from delivery_step_plan where enabled and scanned_until < ? order by id`,
      [now],
    );
    let queued = 0;
    for (const { id } of plans) {
      try {
        queued += await this.scanPlan(id, now);
      } catch (err) {
        // One broken plan (a segment whose condition no longer checks) must not stop the others.
        this.logger.error({ err, planId: id }, 'step plan could not be scanned; retried on the next run');
      }
    }
    return queued;
  }

  private async scanPlan(planId: string, now: Date): Promise<number> {
    const ctx: ServiceContext = {
      em: unscopedFork(this.orm.em),
      actor: { kind: 'system', name: 'deliveries' },
      meta: { requestId: `deliveries-steps-${now.toISOString()}`, ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    return inTransaction(
      ctx,
      async (tx) => {
        // One scanner per plan at a time; another worker's run skips it.
        const locked = await unscopedSql<{ scanned_until: Date }>(
          tx.em,
          SYSTEM,
          `select scanned_until from delivery_step_plan where id = ? and enabled and scanned_until < ? for update skip locked`,
          [planId, now],
        );
        const scannedUntil = locked[0]?.scanned_until;
        if (!scannedUntil) return 0;
        const plan = await tx.em.findOneOrFail(DeliveryStepPlan, { id: planId });
        const from = new Date(Math.max(new Date(scannedUntil).getTime(), now.getTime() - MAX_CATCH_UP_MS));
        if (from.getTime() > new Date(scannedUntil).getTime())
          this.logger.warn({ planId, from: scannedUntil, to: from }, 'step messages due while the job did not run are not sent late');
        const audience = await this.audience(tx.em, plan, jstDate(now));
        const queued: Array<{ stepId: string; recipients: number }> = [];
        for (const step of plan.steps) {
          const range = stepDateRange(step.offsetDays, step.time, { from, to: now });
          if (!range) continue;
          const n = await this.queueStep(tx.em, plan, step, range, audience);
          if (n) queued.push({ stepId: step.id, recipients: n });
        }
        // Raw, so a plan's updatedAt (the console's order) stays when staff last changed it.
        await unscopedSql(tx.em, SYSTEM, `update delivery_step_plan set scanned_until = ? where id = ?`, [now, planId]);
        const total = queued.reduce((n, q) => n + q.recipients, 0);
        if (total)
          await this.audit.record(tx, {
            action: 'deliveries.steps.queue',
            targetType: 'DeliveryStepPlan',
            targetId: plan.id,
            summary: { steps: queued, from: from.toISOString(), to: now.toISOString() },
            departmentId: plan.department.id,
          });
        return total;
      },
      this.logger,
    );
  }

  /** ` and r.id in (…)` for a plan limited to segments (a friend in any of them), or nothing. */
  private async audience(em: EntityManager, plan: DeliveryStepPlan, day: string): Promise<{ sql: string; params: unknown[] }> {
    if (!plan.segmentIds.length) return { sql: '', params: [] };
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const id of plan.segmentIds) {
      const segment = await em.findOne(Segment, { id });
      if (!segment) continue;
      const selected = this.segments.select(await this.segments.resolveSaved(em, segment), day, plan.channel.id);
      parts.push(selected.sql);
      params.push(...selected.params);
    }
    // Every segment it named is gone: nobody, rather than every friend.
    if (!parts.length) return { sql: ' and false', params: [] };
    return { sql: ` and r.id in (${parts.join(' union ')})`, params };
  }

  /** Records the step's due pairs (new ones only) and writes them as batches; returns how many were new. */
  private async queueStep(
    em: EntityManager,
    plan: DeliveryStepPlan,
    step: DeliveryStep,
    range: { from: string; to: string },
    audience: { sql: string; params: unknown[] },
  ): Promise<number> {
    const rows = await unscopedSql<{ resident_id: string; reference_date: string; language: string }>(
      em,
      RESIDENTS,
      `with due as (
         insert into delivery_step_sent (plan_id, step_id, resident_id, reference_date)
         select distinct ?::uuid, ?::uuid, x.resident_id, x.value
           from resident_attribute_date x join resident r on r.id = x.resident_id
          where x.attribute_id = ? and x.value between ?::date and ?::date
            and r.channel_id = ?::uuid and r.follow_status = 'FOLLOWING'${audience.sql}
         on conflict do nothing
         returning resident_id, reference_date)
       select due.resident_id::text, due.reference_date::text as reference_date, r.language
         from due join resident r on r.id = due.resident_id
        order by due.reference_date, r.language, due.resident_id`,
      [plan.id, step.id, plan.dateAttributeId, range.from, range.to, plan.channel.id, ...audience.params],
    );
    if (!rows.length) return 0;
    const languages = new Set(step.variants.map((v) => v.language));
    const groups = new Map<string, { date: string; language: string; ids: string[] }>();
    for (const row of rows) {
      const language = languages.has(row.language) ? row.language : 'ja';
      const key = `${row.reference_date}|${language}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { date: row.reference_date, language, ids: [] }));
      group.ids.push(row.resident_id);
    }
    // A batch is one reference date: a resident with two children due in one window gets each message.
    const batches: Array<{ date: string; language: string; ids: string[] }> = [];
    for (const group of groups.values())
      for (let i = 0; i < group.ids.length; i += BATCH_SIZE)
        batches.push({ date: group.date, language: group.language, ids: group.ids.slice(i, i + BATCH_SIZE) });
    const compiled = await this.compile(em, step);
    await unscopedSql(
      em,
      SYSTEM,
      `with b as (
         insert into delivery_step_batch (plan_id, step_id, reference_date, language, resident_ids, recipients, messages)
         select ?::uuid, ?::uuid, v.date::date, v.language, v.ids::uuid[], cardinality(v.ids::uuid[]), (?::jsonb) -> v.language
           from jsonb_to_recordset(?::jsonb) as v(date text, language text, ids text[])
         returning id, reference_date, resident_ids)
       update delivery_step_sent s set batch_id = b.id from b
        where s.plan_id = ?::uuid and s.step_id = ?::uuid and s.reference_date = b.reference_date and s.resident_id = any(b.resident_ids)`,
      [plan.id, step.id, JSON.stringify(compiled), JSON.stringify(batches), plan.id, step.id],
    );
    return rows.length;
  }

  /** The step's LINE messages per language, links rewritten to tracked redirects (SEG-15) where they still fit. */
  private async compile(em: EntityManager, step: DeliveryStep): Promise<Record<string, unknown[]>> {
    const urls = new Set<string>();
    for (const variant of step.variants) for (const found of collectUris(variant.messages as ComposedMessage[])) urls.add(found.uri);
    const tracked = urls.size ? await this.links.trackMany(em, { ownerType: LINK_OWNER, ownerId: step.id }, [...urls]) : new Map();
    const compiled: Record<string, unknown[]> = {};
    for (const variant of step.variants) {
      const original = variant.messages as ComposedMessage[];
      const rewritten = validateMessages(rewriteUris(original, (uri) => tracked.get(uri) ?? uri));
      if (!rewritten.ok)
        this.logger.warn({ stepId: step.id, language: variant.language }, 'tracked links do not fit; sending the links as written');
      compiled[variant.language] = toLineMessages(substitute(rewritten.ok ? rewritten.messages : original, {}));
    }
    return compiled;
  }

  /** Sends every pending batch that is due, one claimed batch per transaction (skip locked: any number of senders). */
  async sendPending(touch: () => Promise<void> = async () => undefined): Promise<{ batchesSent: number; batchesFailed: number }> {
    const channels = new Map<string, LineChannel>();
    let batchesSent = 0;
    let batchesFailed = 0;
    let handled = 0;
    for (;;) {
      const outcome = await this.sendOne(unscopedFork(this.orm.em), channels);
      if (outcome.kind === 'idle') break;
      if (outcome.kind === 'sent') batchesSent++;
      if (outcome.kind === 'failed') batchesFailed++;
      if (++handled % 20 === 0) await touch();
    }
    return { batchesSent, batchesFailed };
  }

  private async sendOne(em: EntityManager, channels: Map<string, LineChannel>): Promise<SendOutcome> {
    return em.transactional(async (tx) => {
      await unscopedSql(tx, SYSTEM, `set local idle_in_transaction_session_timeout = '${SEND_TRANSACTION_TIMEOUT}'`);
      // A batch that waits for a retry is left for a later run; claimed ones are another sender's.
      const claimed = await unscopedSql<ClaimedBatch>(
        tx,
        SYSTEM,
        `select b.id::text, b.plan_id::text, p.channel_id::text, p.enabled, b.resident_ids::text[] as resident_ids,
                b.retry_key::text, b.attempts, b.messages
           from delivery_step_batch b join delivery_step_plan p on p.id = b.plan_id
          where b.status = 'PENDING' and (b.not_before is null or b.not_before <= now())
          order by b.id limit 1 for update of b skip locked`,
      );
      const batch = claimed[0];
      if (!batch) return { kind: 'idle' } as const;
      if (!batch.enabled) {
        // Stopped after it was queued: nothing more goes out for it.
        await unscopedSql(tx, SYSTEM, `update delivery_step_batch set status = 'CANCELED' where id = ?`, [batch.id]);
        return { kind: 'canceled' } as const;
      }
      let channel = channels.get(batch.channel_id);
      if (!channel) {
        channel = await tx.findOneOrFail(LineChannel, { id: batch.channel_id });
        channels.set(channel.id, channel);
      }
      // Whoever unfollowed since the batch was written is left out (LINE would ignore them anyway).
      const people = await unscopedSql<{ line_user_id: string }>(
        tx,
        RESIDENTS,
        `select line_user_id from resident where id = any(?::uuid[]) and follow_status = 'FOLLOWING' and channel_id = ?`,
        [uuidArray(batch.resident_ids), batch.channel_id],
      );
      const to = people.map((p) => keyring().decrypt(p.line_user_id));
      try {
        const result = to.length
          ? await this.gateway.multicast(
              this.channels.credentialsOf(channel),
              { to, messages: batch.messages, customAggregationUnits: [`s_${batch.plan_id.replace(/-/g, '').slice(0, 26)}`] },
              { retryKey: batch.retry_key, ref: `delivery-step-batch:${batch.id}` },
            )
          : { lineRequestId: null };
        await unscopedSql(
          tx,
          SYSTEM,
          `update delivery_step_batch set status = 'SENT', sent_at = now(), attempts = attempts + 1, line_request_id = ?, last_error = null
           where id = ?`,
          [result.lineRequestId, batch.id],
        );
        await unscopedSql(tx, SYSTEM, `update delivery_step_sent set sent_at = now() where batch_id = ?`, [batch.id]);
        return { kind: 'sent' } as const;
      } catch (err) {
        const failure = LineGateway.classify(err);
        const attempts = batch.attempts + 1;
        // Content LINE refuses stays refused; quota and credentials may be fixed by staff, so those wait longer.
        const giveUp = failure.kind === 'BAD_REQUEST' || attempts >= MAX_BATCH_ATTEMPTS;
        const delaySeconds = WAITS_FOR_STAFF.has(failure.kind) ? 1800 : Math.min(1800, 30 * 2 ** attempts);
        await unscopedSql(
          tx,
          SYSTEM,
          `update delivery_step_batch set attempts = ?, last_error = ?, status = ?, not_before = now() + make_interval(secs => ?)
           where id = ?`,
          [attempts, failure.message.slice(0, 500), giveUp ? 'FAILED' : 'PENDING', delaySeconds, batch.id],
        );
        this.logger.warn(
          { batch: batch.id, planId: batch.plan_id, attempts, kind: failure.kind },
          giveUp ? 'step message batch failed' : 'step message batch retried later',
        );
        return giveUp ? ({ kind: 'failed' } as const) : ({ kind: 'retry-later' } as const);
      }
    });
  }
}

const WAITS_FOR_STAFF: ReadonlySet<LineApiError['kind']> = new Set(['MONTHLY_QUOTA_EXHAUSTED', 'UNAUTHORIZED']);
