import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, forbidden, notFound, rateLimited } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import { withinJsonLimits } from '../../platform/graphql/json-object.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { RateLimiter } from '../../platform/ratelimit/rate-limiter.js';
import type { AttributeService } from '../attributes/index.js';
import type { AuditService } from '../audit/index.js';
import { Department } from '../identity/index.js';
import type { LinkService } from '../links/index.js';
import { Resident } from '../residents/index.js';
import { compileBitmapCount } from './bitmap-count.js';
import { compileCondition } from './compile.js';
import {
  checkCondition,
  engagementDeliveryIds,
  tokyoDay,
  type EngagementDelivery,
  type Problem,
  type ResolvedCondition,
  type SegmentCondition,
} from './condition.js';
import { usableSegments } from './segment-access.js';
import { Segment } from './segment.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESIDENTS = 'residents belong to no department; the caller holds segments.read and the condition names only attributes it may use';
/** Live counts one staff member may ask for while editing, per window (a tree the bitmaps do not hold is counted by a scan over every friend). */
export const COUNT_LIMIT = { counts: 60, windowSeconds: 60 } as const;
const SAMPLE_SIZE = 20;
/** The links module's owner type of a delivery's links (registered by the deliveries module). */
const DELIVERY_LINKS = 'delivery';

export interface SegmentFields {
  name?: string | null;
  description?: string | null;
  condition?: unknown;
  departmentId?: string | null;
}

export interface CountOptions {
  /** Only friends of this channel. */
  channelId?: string | null;
  /** The send day ('YYYY-MM-DD', Asia/Tokyo) ages are computed on; today by default. */
  day?: string | null;
}

export interface SegmentCount {
  count: number;
  day: string;
  elapsedMs: number;
}

/** A delivery an engagement condition can name (its links were sent through the LIFF app, or it carries a form). */
export interface EngagementDeliveryChoice {
  deliveryId: string;
  title: string;
  /** When its links were last sent through the LIFF app, or a run of it carried its form. */
  sentAt: Date;
  /** Residents who opened one of its links there. */
  residents: number;
  /** Its links were sent through the LIFF app: clicked / notClicked can name it. */
  recording: boolean;
  /** It carries a form: answered / notAnswered can name it. */
  carriesForm: boolean;
}

/**
 * What the deliveries module tells segments about deliveries that carry a form (FORM-08), for the
 * answered / notAnswered engagement actions: segments cannot depend on deliveries, which depend on
 * segments, so deliveries register it (as they register their link owner with links). Both read in
 * the actor's departments; other departments' deliveries are left out as missing ones are.
 */
export interface DeliveryFormDirectory {
  /** Of `ids` (lower case), the deliveries that carry a form (now, or in a run sent), by id → title. */
  carryingForms(ctx: ServiceContext, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Deliveries whose real runs carried a form, the most recently sent first, at most `limit`. */
  recentWithForms(ctx: ServiceContext, limit: number): Promise<Array<{ deliveryId: string; title: string; sentAt: Date }>>;
}

/** Problems as BAD_USER_INPUT fields keyed `condition` or `condition.<path>`. */
function conditionProblems(problems: readonly Problem[]) {
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.path ? `condition.${p.path}` : 'condition'] ??= p.message;
  return badInput(fields, `条件に誤りがあります（${Object.keys(fields).length}件）。`);
}

/**
 * Segments: named conditions over residents (SEG-01, SEG-04, SEG-16). Counting and selecting
 * compile the condition to one SQL statement over the attribute layout of docs/adr/0012; only
 * friends (follow state FOLLOWING) are ever counted or selected.
 */
export class SegmentService {
  constructor(
    private readonly attributes: AttributeService,
    private readonly links: LinkService,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
  ) {}

  private deliveryForms: DeliveryFormDirectory | null = null;

  /** The deliveries module says which deliveries carry forms (once, at start). */
  registerDeliveryForms(directory: DeliveryFormDirectory): void {
    if (this.deliveryForms) throw new Error('segments: the delivery form directory is registered twice');
    this.deliveryForms = directory;
  }

  async list(ctx: ServiceContext, search: string | null, args: ConnectionArgs): Promise<Page<Segment>> {
    requirePermission(ctx.actor, 'segments.read');
    const where: Record<string, unknown> = {};
    const usable = await usableSegments(ctx.em, ctx.actor);
    if (usable !== 'all') where['id'] = { $in: [...usable] };
    const text = search?.trim();
    if (text) where['name'] = { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    return paginate(ctx.em, Segment, where, args, { updatedAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Segment> {
    requirePermission(ctx.actor, 'segments.read');
    return this.load(ctx, id);
  }

  private async load(ctx: ServiceContext, id: string): Promise<Segment> {
    const segment = UUID.test(id) ? await ctx.em.findOne(Segment, { id }) : null;
    if (!segment) throw notFound('セグメント');
    // SEG-03: a segment the actor's roles do not allow is not there for them.
    const usable = await usableSegments(ctx.em, ctx.actor);
    if (usable !== 'all' && !usable.has(segment.id)) throw notFound('セグメント');
    return segment;
  }

  /**
   * The saved segments with these ids that the actor may use (department scope and SEG-03); for
   * features that target segments, which refuse any id not returned.
   */
  async usable(ctx: ServiceContext, ids: readonly string[]): Promise<Segment[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return [];
    const usable = await usableSegments(ctx.em, ctx.actor);
    const found = await ctx.em.find(Segment, { id: { $in: valid } });
    return usable === 'all' ? found : found.filter((s) => usable.has(s.id));
  }

  /** SEG-03: staff limited to a set of segments use those; they neither make new ones nor count free conditions. */
  private async refuseLimited(ctx: ServiceContext): Promise<void> {
    if ((await usableSegments(ctx.em, ctx.actor)) !== 'all')
      throw forbidden('この役割では、許可されたセグメントだけを使えます。新しい条件は作れません。', 'SEGMENTS_LIMITED');
  }

  /** SEG-03: the segments a role is limited to, or null when it may use every segment. */
  async roleAccess(ctx: ServiceContext, roleId: string): Promise<{ roleId: string; limited: boolean; segments: Segment[] }> {
    requirePermission(ctx.actor, 'roles.read');
    requirePermission(ctx.actor, 'segments.read');
    if (!UUID.test(roleId)) throw notFound('ロール');
    const rows = await unscopedSql<{ exists: boolean; segment_ids: string[] | null }>(
      ctx.em,
      'role settings are not department data; roles.read was checked',
      `select true as exists, (select segment_ids::text[] from segment_role_access where role_id = r.id) as segment_ids from role r where r.id = ?`,
      [roleId],
    );
    const row = rows[0];
    if (!row) throw notFound('ロール');
    const ids = row.segment_ids;
    return { roleId, limited: ids !== null, segments: ids?.length ? await ctx.em.find(Segment, { id: { $in: ids } }) : [] };
  }

  /** SEG-03: limits a role to these segments (`limited`), or lifts the limit. */
  async setRoleAccess(
    ctx: ServiceContext,
    roleId: string,
    limited: boolean,
    segmentIds: readonly string[],
  ): Promise<{ roleId: string; limited: boolean; segments: Segment[] }> {
    requirePermission(ctx.actor, 'roles.write');
    requirePermission(ctx.actor, 'segments.read');
    await inTransaction(
      ctx,
      async (tx) => {
        const role = UUID.test(roleId)
          ? await unscopedSql<{ id: string; name: string }>(tx.em, 'roles.write was checked', `select id, name from role where id = ?`, [
              roleId,
            ])
          : [];
        if (!role.length) throw notFound('ロール');
        const ids = [...new Set(segmentIds)];
        if (ids.length > 500) throw badInput({ segmentIds: '一つのロールに許可できるセグメントは500個までです。' });
        const found = ids.length && ids.every((id) => UUID.test(id)) ? await tx.em.find(Segment, { id: { $in: ids } }) : [];
        if (found.length !== ids.length) throw badInput({ segmentIds: '見つからないセグメントが含まれています。' });
        if (limited) {
          await unscopedSql(
            tx.em,
            'roles.write was checked',
            `insert into segment_role_access (role_id, segment_ids, updated_at) values (?, ?::uuid[], now())
             on conflict (role_id) do update set segment_ids = excluded.segment_ids, updated_at = now()`,
            [roleId, `{${ids.join(',')}}`],
          );
        } else {
          await unscopedSql(tx.em, 'roles.write was checked', `delete from segment_role_access where role_id = ?`, [roleId]);
        }
        await this.audit.record(tx, {
          action: 'segments.role_access.update',
          targetType: 'Role',
          targetId: roleId,
          summary: { role: role[0]!.name, limited, segments: ids.length },
        });
      },
      this.logger,
    );
    return this.roleAccess(ctx, roleId);
  }

  /**
   * Checks a condition from staff against the attributes they may use and the deliveries they may
   * name (the context's department scope).
   */
  async check(ctx: ServiceContext, raw: unknown): Promise<{ condition: SegmentCondition; resolved: ResolvedCondition }> {
    if (!withinJsonLimits(raw)) throw badInput({ condition: '条件が大きすぎるか、入れ子が深すぎます。' });
    const ids = engagementDeliveryIds(raw);
    const deliveries = new Map<string, EngagementDelivery>();
    if (ids.length) {
      const withForms = (await this.deliveryForms?.carryingForms(ctx, ids)) ?? new Map<string, string>();
      for (const d of await this.links.describeOwners(ctx, DELIVERY_LINKS, { ids }))
        deliveries.set(d.ownerId.toLowerCase(), {
          title: d.title,
          recording: d.identifiedAt !== null,
          carriesForm: withForms.has(d.ownerId.toLowerCase()),
        });
    }
    const checked = checkCondition(raw, await this.attributes.snapshots(ctx.em, { scoped: true }), { deliveries });
    if (!checked.ok) throw conditionProblems(checked.problems);
    return checked;
  }

  /**
   * The deliveries an engagement condition can name (SEG: "reacted to delivery X"): the actor's
   * departments' deliveries whose links were sent through the LIFF app, most recently sent first.
   */
  async engagementDeliveries(ctx: ServiceContext, limit = 100): Promise<EngagementDeliveryChoice[]> {
    requirePermission(ctx.actor, 'segments.read');
    requirePermission(ctx.actor, 'deliveries.read');
    const owners = await this.links.describeOwners(ctx, DELIVERY_LINKS, { limit });
    const choices = new Map<string, EngagementDeliveryChoice>();
    for (const o of owners)
      choices.set(o.ownerId.toLowerCase(), {
        deliveryId: o.ownerId,
        title: o.title,
        sentAt: o.identifiedAt!,
        residents: o.residents,
        recording: true,
        carriesForm: false,
      });
    const withForms = (await this.deliveryForms?.recentWithForms(ctx, limit)) ?? [];
    const forms = await this.deliveryForms?.carryingForms(ctx, [...choices.keys()]);
    for (const choice of choices.values()) choice.carriesForm = forms?.has(choice.deliveryId.toLowerCase()) ?? false;
    const others = withForms.filter((d) => !choices.has(d.deliveryId.toLowerCase()));
    // Their links may have been opened through the LIFF app before (a delivery that recorded engagement once).
    const residents = new Map(
      others.length
        ? (await this.links.describeOwners(ctx, DELIVERY_LINKS, { ids: others.map((d) => d.deliveryId) })).map((o) => [
            o.ownerId.toLowerCase(),
            o.residents,
          ])
        : [],
    );
    for (const d of withForms) {
      const id = d.deliveryId.toLowerCase();
      const known = choices.get(id);
      if (known) {
        known.carriesForm = true;
        if (d.sentAt > known.sentAt) known.sentAt = d.sentAt;
      } else choices.set(id, { ...d, residents: residents.get(id) ?? 0, recording: false, carriesForm: true });
    }
    return [...choices.values()].sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime()).slice(0, limit);
  }

  /** A saved segment's condition, resolved against every definition (retired ones still match their kept values). */
  async resolveSaved(em: EntityManager, segment: Segment): Promise<ResolvedCondition> {
    const checked = checkCondition(segment.condition, await this.attributes.snapshots(em, { scoped: false }), { saved: true });
    if (!checked.ok) throw conditionProblems(checked.problems);
    return checked.resolved;
  }

  async create(ctx: ServiceContext, input: SegmentFields): Promise<Segment> {
    requirePermission(ctx.actor, 'segments.manage');
    await this.refuseLimited(ctx);
    return inTransaction(
      ctx,
      async (tx) => {
        const name = this.name(input.name);
        const { condition } = await this.check(tx, input.condition);
        const department = await this.owningDepartment(tx, input.departmentId ?? null);
        const segment = tx.em.create(Segment, { name, description: input.description?.trim() || null, condition, department });
        tx.em.persist(segment);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'segments.create',
          targetType: 'Segment',
          targetId: segment.id,
          summary: { name },
          departmentId: department.id,
        });
        return segment;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, id: string, input: SegmentFields): Promise<Segment> {
    requirePermission(ctx.actor, 'segments.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const segment = await this.load(tx, id);
        const changed: string[] = [];
        if (input.name !== undefined && input.name !== null) {
          segment.name = this.name(input.name);
          changed.push('name');
        }
        if (input.description !== undefined) {
          segment.description = input.description?.trim() || null;
          changed.push('description');
        }
        if (input.condition !== undefined && input.condition !== null) {
          segment.condition = (await this.check(tx, input.condition)).condition;
          segment.lastCount = null;
          segment.lastCountedAt = null;
          changed.push('condition');
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'segments.update',
          targetType: 'Segment',
          targetId: segment.id,
          summary: { changed },
          departmentId: segment.department.id,
        });
        return segment;
      },
      this.logger,
    );
  }

  async duplicate(ctx: ServiceContext, id: string): Promise<Segment> {
    requirePermission(ctx.actor, 'segments.manage');
    const source = await this.load(ctx, id);
    return this.create(ctx, {
      name: `${source.name}（コピー）`.slice(0, 100),
      description: source.description,
      condition: source.condition,
      departmentId: source.department.id,
    });
  }

  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'segments.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const segment = await this.load(tx, id);
        await this.audit.record(tx, {
          action: 'segments.delete',
          targetType: 'Segment',
          targetId: segment.id,
          summary: { name: segment.name },
          departmentId: segment.department.id,
        });
        tx.em.remove(segment);
        await tx.em.flush();
        return id;
      },
      this.logger,
    );
  }

  /** The live count while staff edit (rate limited per staff member), for an unsaved condition. */
  async countCondition(ctx: ServiceContext, raw: unknown, options: CountOptions = {}): Promise<SegmentCount> {
    requirePermission(ctx.actor, 'segments.read');
    await this.refuseLimited(ctx);
    await this.limitCounting(ctx);
    const { resolved } = await this.check(ctx, raw);
    return this.count(ctx.em, resolved, options);
  }

  /** A saved segment's count (SEG-16), remembered on the segment. */
  async countSegment(ctx: ServiceContext, id: string, options: CountOptions = {}): Promise<SegmentCount> {
    requirePermission(ctx.actor, 'segments.read');
    await this.limitCounting(ctx);
    const segment = await this.load(ctx, id);
    const result = await this.count(ctx.em, await this.resolveSaved(ctx.em, segment), options);
    if (!options.channelId) {
      // Remembering the count is bookkeeping, not a change anyone made: no audit event.
      ctx.meta.trace.unchanged = true;
      await unscopedSql(
        ctx.em,
        'the segment was loaded in scope above',
        'update segment set last_count = ?, last_counted_at = now() where id = ?',
        [result.count, segment.id],
      );
    }
    return result;
  }

  /**
   * Friends matching a resolved condition, counted exactly: from the per-key bitmaps when they hold
   * every condition of the tree (docs/adr/0012), else with the SQL of select(). Both count the same.
   */
  async count(em: EntityManager, resolved: ResolvedCondition, options: CountOptions = {}): Promise<SegmentCount> {
    const started = performance.now();
    const day = this.day(options.day);
    const count = (await this.countVia(em, resolved, 'bitmaps', options)) ?? (await this.countVia(em, resolved, 'sql', options))!;
    return { count, day, elapsedMs: Math.round(performance.now() - started) };
  }

  /**
   * The count one way: `bitmaps` answers null when they cannot count this tree exactly (a condition
   * they do not hold, a number without a bitmap of its own, or this transaction's own bitmap changes
   * not yet applied); `sql` always counts.
   */
  async countVia(
    em: EntityManager,
    resolved: ResolvedCondition,
    via: 'bitmaps' | 'sql',
    options: CountOptions = {},
  ): Promise<number | null> {
    const day = this.day(options.day);
    const channelId = options.channelId && UUID.test(options.channelId) ? options.channelId : null;
    if (via === 'sql') {
      const { sql, params } = this.select(resolved, day, channelId);
      const rows = await unscopedSql<{ n: number }>(em, RESIDENTS, `select count(*)::int as n from (${sql}) matched`, params);
      return rows[0]!.n;
    }
    const query = compileBitmapCount(resolved, day, channelId);
    if (!query) return null;
    type Row = { n: number; unsure: number; pending: boolean };
    // The planner cannot know how few residents the edge days hold, and its estimate would have
    // the statement JIT-compiled: a second of compiling for a count of milliseconds. Inside the
    // caller's transaction (a delivery's send checks its quota so) JIT stays off for the rest of it.
    const counted = async (tx: EntityManager): Promise<Row[]> => {
      await unscopedSql(tx, RESIDENTS, 'set local jit = off');
      return unscopedSql<Row>(tx, RESIDENTS, query.sql, query.params);
    };
    const rows = em.isInTransaction() ? await counted(em) : await em.transactional(counted);
    const row = rows[0]!;
    return row.unsure > 0 || row.pending ? null : row.n;
  }

  /** A few matching residents for staff who may see residents (SEG: "a sample of matching residents"). */
  async sample(ctx: ServiceContext, raw: unknown, options: CountOptions = {}): Promise<Resident[]> {
    requirePermission(ctx.actor, 'segments.read');
    requirePermission(ctx.actor, 'residents.read');
    // Who matches a condition tells their attribute values.
    requirePermission(ctx.actor, 'attributes.read');
    await this.refuseLimited(ctx);
    await this.limitCounting(ctx);
    const { resolved } = await this.check(ctx, raw);
    const { sql, params } = this.select(resolved, this.day(options.day), options.channelId ?? null);
    const rows = await unscopedSql<{ id: string }>(
      ctx.em,
      RESIDENTS,
      `${sql} order by r.followed_at desc nulls last, r.id limit ${SAMPLE_SIZE}`,
      params,
    );
    if (!rows.length) return [];
    const residents = await ctx.em.find(Resident, { id: { $in: rows.map((r) => r.id) } });
    const order = new Map(rows.map((r, i) => [r.id, i]));
    return residents.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /**
   * Every matching friend, in batches through a server-side cursor (never all in memory): the
   * delivery runner resolves recipients with this at send time. `onBatch` runs inside the
   * cursor's read-only transaction; it must not write through `em`.
   */
  async forEachRecipientBatch(
    em: EntityManager,
    resolved: ResolvedCondition,
    options: CountOptions & { batchSize?: number },
    onBatch: (residentIds: string[]) => Promise<void>,
  ): Promise<number> {
    const batchSize = Math.min(Math.max(options.batchSize ?? 1000, 1), 10_000);
    const { sql, params } = this.select(resolved, this.day(options.day), options.channelId ?? null);
    let total = 0;
    await em.fork().transactional(async (tx) => {
      await unscopedSql(tx, RESIDENTS, 'set transaction read only');
      await unscopedSql(tx, RESIDENTS, `declare segment_recipients no scroll cursor for ${sql} order by r.id`, params);
      for (;;) {
        const rows = await unscopedSql<{ id: string }>(tx, RESIDENTS, `fetch forward ${batchSize} from segment_recipients`);
        if (!rows.length) break;
        total += rows.length;
        await onBatch(rows.map((r) => r.id));
        if (rows.length < batchSize) break;
      }
      await unscopedSql(tx, RESIDENTS, 'close segment_recipients');
    });
    return total;
  }

  /** `select r.id` of the friends matching, for counting, sampling or inserting recipients. */
  select(resolved: ResolvedCondition, day: string, channelId: string | null): { sql: string; params: unknown[] } {
    const compiled = compileCondition(resolved, day);
    const channel = channelId && UUID.test(channelId) ? ' and r.channel_id = ?::uuid' : '';
    return {
      sql: `select r.id from resident r join resident_attribute_doc d on d.resident_id = r.id
             where r.follow_status = 'FOLLOWING'${channel} and ${compiled.sql}`,
      params: [...(channel ? [channelId] : []), ...compiled.params],
    };
  }

  private day(day: string | null | undefined): string {
    if (!day) return tokyoDay();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      throw badInput({ day: '基準日は日付（例: 2026-12-01）で指定してください。' });
    return day;
  }

  private name(value: string | null | undefined): string {
    const name = value?.trim() ?? '';
    if (!name) throw badInput({ name: 'セグメントの名前を入力してください。' });
    if (name.length > 100) throw badInput({ name: 'セグメントの名前は100文字以内で入力してください。' });
    return name;
  }

  private async limitCounting(ctx: ServiceContext): Promise<void> {
    const who = ctx.actor.kind === 'staff' ? ctx.actor.staffId : ctx.actor.kind === 'apiKey' ? ctx.actor.apiKeyId : null;
    if (!who) return;
    const hit = await this.rateLimiter.hit(`segments-count:${who}`, COUNT_LIMIT.counts, COUNT_LIMIT.windowSeconds);
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds);
  }

  private async owningDepartment(ctx: ServiceContext, departmentId: string | null): Promise<Department> {
    const actor = ctx.actor;
    const own = actor.kind === 'staff' ? actor.departmentId : actor.kind === 'apiKey' ? actor.departmentId : null;
    const id = departmentId ?? own;
    if (!id) throw badInput({ departmentId: 'セグメントを持つ部署を選んでください。' });
    const scope = departmentScope(actor);
    if (!UUID.test(id) || (scope !== 'all' && !scope.includes(id))) throw badInput({ departmentId: '所属していない部署は選べません。' });
    const department = await ctx.em.findOne(Department, { id });
    if (!department) throw badInput({ departmentId: '部署が見つかりません。' });
    return department;
  }
}
