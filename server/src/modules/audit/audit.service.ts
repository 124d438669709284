import { createHmac } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { Readable } from 'node:stream';
import type { Keyring } from '../../platform/crypto/keyring.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { actorLabel, departmentScope, type Actor } from '../../platform/context/actor.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { requirePermission } from '../../platform/auth/require.js';
import { streamPagedCsv } from '../../platform/csv/paged-csv.js';
import type { PubSub } from '../../platform/pubsub/pubsub.js';
import type { Logger } from '../../platform/logging/logger.js';
import { badInput } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditSettings } from './audit-settings.entity.js';

export const AUDIT_EVENT_ADDED = 'audit.eventAdded';
/** One advisory lock serialises chain appends; held only until the writing transaction ends. */
const CHAIN_LOCK = 7_300_001;
const GENESIS = '0'.repeat(64);
/** The chain links every department's events: appending, anchoring and purging see them all. */
const CHAIN = 'the hash chain links the events of every department';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** What changed; never personal data (the caller redacts). */
  summary?: Record<string, unknown>;
  /** Department the event belongs to; defaults to the acting staff member's. */
  departmentId?: string | null;
}

export interface AuditFilter {
  from?: Date | null;
  to?: Date | null;
  action?: string | null;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: string | null;
  message: string;
}

/** Serialises the fields a hash covers in a fixed order. */
function canonical(e: AuditEvent): string {
  return JSON.stringify([
    e.occurredAt.toISOString(),
    e.actorType,
    e.actorId ?? null,
    e.actorLabel ?? null,
    e.action,
    e.targetType ?? null,
    e.targetId ?? null,
    e.summary ?? null,
    e.ip ?? null,
    e.userAgent ?? null,
    e.departmentId ?? null,
  ]);
}

function actorType(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return 'STAFF';
    case 'apiKey':
      return 'API_KEY';
    case 'resident':
      return 'RESIDENT';
    case 'system':
      return 'SYSTEM';
    case 'anonymous':
      return 'ANONYMOUS';
  }
}

function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'staff':
      return actor.staffId;
    case 'apiKey':
      return actor.apiKeyId;
    case 'resident':
      return actor.residentId;
    case 'system':
      return actor.name;
    case 'anonymous':
      return null;
  }
}

/** The operation log (ADM-16, ADM-18): append in the caller's transaction, query, verify, export, purge. */
export class AuditService {
  private readonly chainKey: Buffer;

  constructor(
    private readonly orm: MikroORM,
    keyring: Keyring,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
    private readonly defaultRetentionMonths: number,
  ) {
    this.chainKey = keyring.deriveKey('audit-chain');
  }

  private link(prevHash: string, e: AuditEvent): string {
    return createHmac('sha256', this.chainKey).update(prevHash).update('\n').update(canonical(e)).digest('hex');
  }

  /**
   * Appends an event inside the caller's transaction, so the event exists exactly when the change
   * does. `actor` overrides the context's actor (a login is recorded as the staff member).
   */
  async record(tx: TxContext, entry: AuditEntry, actor: Actor = tx.actor): Promise<AuditEvent> {
    const em = tx.em;
    await unscopedSql(em, CHAIN, 'select pg_advisory_xact_lock(?)', [CHAIN_LOCK]);
    const last = await unscopedSql<{ hash: string }>(em, CHAIN, 'select hash from audit_event order by seq desc limit 1');
    const prevHash = last[0]?.hash ?? (await this.anchorHash(em));
    const event = em.create(AuditEvent, {
      occurredAt: new Date(),
      actorType: actorType(actor),
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      summary: entry.summary ? JSON.stringify(entry.summary) : null,
      ip: tx.meta.ip,
      userAgent: tx.meta.userAgent?.slice(0, 400) ?? null,
      departmentId:
        entry.departmentId !== undefined
          ? entry.departmentId
          : actor.kind === 'staff'
            ? actor.departmentId
            : actor.kind === 'apiKey'
              ? actor.departmentId
              : null,
      prevHash,
      hash: '',
    });
    event.hash = this.link(prevHash, event);
    em.persist(event);
    tx.meta.trace.auditWrites += 1;
    // seq can come back from the insert as a JS bigint, which JSON (NOTIFY payloads) cannot carry.
    tx.afterCommit(() => this.pubsub.publish(AUDIT_EVENT_ADDED, { seq: String(event.seq), departmentId: event.departmentId ?? null }));
    return event;
  }

  /** Records an event in a transaction of its own (logins, exports: things that change nothing else). */
  async recordStandalone(ctx: ServiceContext, entry: AuditEntry, actor: Actor = ctx.actor): Promise<void> {
    await inTransaction(ctx, (tx) => this.record(tx, entry, actor), this.logger);
  }

  private async anchorHash(em: EntityManager): Promise<string> {
    const rows = await unscopedSql<{ anchor_hash: string }>(em, CHAIN, 'select anchor_hash from audit_settings where id = 1');
    return rows[0]?.anchor_hash ?? GENESIS;
  }

  private where(filter: AuditFilter): FilterQuery<AuditEvent> {
    const where: Record<string, unknown> = {};
    const occurred: Record<string, Date> = {};
    if (filter.from) occurred['$gte'] = filter.from;
    if (filter.to) occurred['$lt'] = filter.to;
    if (Object.keys(occurred).length) where['occurredAt'] = occurred;
    if (filter.action) where['action'] = { $like: `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    if (filter.actorId) where['actorId'] = filter.actorId;
    if (filter.targetType) where['targetType'] = filter.targetType;
    if (filter.targetId) where['targetId'] = filter.targetId;
    return where;
  }

  async list(ctx: ServiceContext, filter: AuditFilter, args: ConnectionArgs): Promise<Page<AuditEvent>> {
    requirePermission(ctx.actor, 'audit.read');
    return paginate(ctx.em, AuditEvent, this.where(filter), args, { seq: 'desc' });
  }

  async findBySeq(ctx: ServiceContext, seq: string): Promise<AuditEvent | null> {
    return ctx.em.findOne(AuditEvent, { seq });
  }

  /** True when the actor may see this event (department scope), for the live subscription. */
  canSee(actor: Actor, departmentId: string | null): boolean {
    const scope = departmentScope(actor);
    return scope === 'all' || (departmentId !== null && scope.includes(departmentId));
  }

  /** CSV of the filtered log, streamed (ADM-16 export); the export itself is logged. */
  async exportCsv(ctx: ServiceContext, filter: AuditFilter): Promise<Readable> {
    requirePermission(ctx.actor, 'audit.export');
    await this.recordStandalone(ctx, { action: 'audit.export', summary: { filter } });
    const where = this.where(filter);
    const em = ctx.em.fork({ clear: true });
    return streamPagedCsv<AuditEvent>({
      columns: [
        { key: 'seq', header: '番号' },
        { key: 'occurredAt', header: '日時' },
        { key: 'actorType', header: '操作者種別' },
        { key: 'actorLabel', header: '操作者' },
        { key: 'actorId', header: '操作者ID' },
        { key: 'action', header: '操作' },
        { key: 'targetType', header: '対象種別' },
        { key: 'targetId', header: '対象ID' },
        { key: 'summary', header: '内容' },
        { key: 'ip', header: 'IPアドレス' },
        { key: 'userAgent', header: 'ユーザーエージェント' },
        { key: 'hash', header: 'ハッシュ' },
      ],
      pageSize: 1000,
      nextPage: (last) => {
        em.clear();
        return em.find(AuditEvent, last ? { $and: [where, { seq: { $lt: last.seq } }] } : where, { orderBy: { seq: 'desc' }, limit: 1000 });
      },
      toRow: (e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }),
      logger: this.logger,
      what: 'audit',
    });
  }

  /**
   * Walks the whole chain from the anchor and reports the first link that does not hold. A
   * department-scoped caller learns only about its own departments' events: `checked` counts
   * those, and a break in another department's event is reported without naming it.
   */
  async verifyChain(ctx?: ServiceContext): Promise<ChainVerification> {
    if (ctx) requirePermission(ctx.actor, 'audit.read');
    const scope = ctx ? departmentScope(ctx.actor) : 'all';
    const visible = (e: AuditEvent) => scope === 'all' || (Boolean(e.departmentId) && scope.includes(e.departmentId!));
    const em = unscopedFork(this.orm.em);
    let prev = await this.anchorHash(em);
    let checked = 0;
    let after = '0';
    for (;;) {
      const rows = await em.find(AuditEvent, { seq: { $gt: after } }, { orderBy: { seq: 'asc' }, limit: 2000 });
      for (const e of rows) {
        if (visible(e)) checked++;
        if (e.prevHash !== prev || e.hash !== this.link(prev, e)) {
          return visible(e)
            ? { ok: false, checked, firstBrokenSeq: e.seq, message: `操作ログ番号 ${e.seq} で改ざんまたは欠落が検出されました。` }
            : {
                ok: false,
                checked,
                firstBrokenSeq: null,
                message: '他の部署の操作ログで改ざんまたは欠落が検出されました。システム管理者に確認を依頼してください。',
              };
        }
        prev = e.hash;
      }
      if (rows.length < 2000) break;
      after = rows[rows.length - 1]!.seq;
      em.clear();
    }
    return { ok: true, checked, firstBrokenSeq: null, message: `${checked}件の操作ログを検証し、改ざんは検出されませんでした。` };
  }

  async settings(ctx: ServiceContext): Promise<{ retentionMonths: number }> {
    requirePermission(ctx.actor, 'audit.read');
    return { retentionMonths: await this.retentionMonths(ctx.em) };
  }

  private async retentionMonths(em: EntityManager): Promise<number> {
    const row = await em.findOne(AuditSettings, { id: 1 });
    return row?.retentionMonths ?? this.defaultRetentionMonths;
  }

  async updateSettings(ctx: ServiceContext, retentionMonths: number): Promise<{ retentionMonths: number }> {
    requirePermission(ctx.actor, 'audit.settings');
    if (!Number.isInteger(retentionMonths) || retentionMonths < 6 || retentionMonths > 120) {
      throw badInput({ retentionMonths: '保存期間は6〜120か月の範囲で指定してください。' });
    }
    return inTransaction(ctx, async (tx) => {
      const row = await tx.em.findOne(AuditSettings, { id: 1 });
      const before = row?.retentionMonths ?? this.defaultRetentionMonths;
      if (row) row.retentionMonths = retentionMonths;
      else tx.em.persist(tx.em.create(AuditSettings, { id: 1, retentionMonths, anchorHash: GENESIS }));
      await this.record(tx, {
        action: 'audit.settings.update',
        targetType: 'AuditSettings',
        summary: { retentionMonths: { from: before, to: retentionMonths } },
      });
      return { retentionMonths };
    });
  }

  /**
   * Deletes events older than the retention period (default 24 months), oldest first, and moves
   * the chain anchor to the last deleted event so the remainder still verifies.
   */
  async purgeExpired(now: Date = new Date()): Promise<{ deleted: number }> {
    const em = unscopedFork(this.orm.em);
    const result = await em.transactional(async (tx) => {
      await unscopedSql(tx, CHAIN, 'select pg_advisory_xact_lock(?)', [CHAIN_LOCK]);
      const months = await this.retentionMonths(tx);
      const cutoff = new Date(now);
      cutoff.setMonth(cutoff.getMonth() - months);
      const last = await unscopedSql<{ seq: string; hash: string }>(
        tx,
        CHAIN,
        'select seq::text as seq, hash from audit_event where occurred_at < ? order by seq desc limit 1',
        [cutoff],
      );
      if (!last[0]) return { deleted: 0, cutoff, upToSeq: null };
      const deleted = await unscopedSql<{ n: string }>(
        tx,
        CHAIN,
        'with d as (delete from audit_event where seq <= ? returning 1) select count(*)::text as n from d',
        [last[0].seq],
      );
      await unscopedSql(
        tx,
        CHAIN,
        `insert into audit_settings (id, retention_months, anchor_seq, anchor_hash) values (1, ?, ?, ?)
         on conflict (id) do update set anchor_seq = excluded.anchor_seq, anchor_hash = excluded.anchor_hash`,
        [months, last[0].seq, last[0].hash],
      );
      const count = Number(deleted[0]?.n ?? 0);
      this.logger.info({ deleted: count, cutoff }, 'purged expired audit events');
      return { deleted: count, cutoff, upToSeq: last[0].seq };
    });
    if (result.deleted > 0) {
      // The purge itself is an operation worth a record: the first link after the new anchor.
      const ctx = {
        em,
        actor: { kind: 'system', name: 'audit-retention' } as const,
        meta: { requestId: 'audit-retention', ip: null, userAgent: null, trace: { auditWrites: 0 } },
      };
      await this.recordStandalone(ctx, {
        action: 'audit.purge',
        summary: { deleted: result.deleted, before: result.cutoff.toISOString(), upToSeq: result.upToSeq },
        departmentId: null,
      });
    }
    return { deleted: result.deleted };
  }
}
