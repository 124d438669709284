import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { messagingApi } from '@line/bot-sdk';
import type { ServiceContext } from '../../platform/context/context.js';
import { keyring } from '../../platform/crypto/keyring.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { LineGateway, type LineApiError } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { PubSub } from '../../platform/pubsub/pubsub.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import type { AuditService } from '../audit/index.js';
import type { LineChannelService } from '../channels/index.js';
import { LineChannel } from '../channels/index.js';
import type { SegmentService } from '../segments/index.js';
import { Segment } from '../segments/index.js';
import { Delivery, DeliveryRun, DeliveryRunKind, DeliveryRunStatus, DeliveryTargetKind } from './delivery.entity.js';

/** LINE's multicast takes at most 500 user ids per request. */
export const BATCH_SIZE = 500;
/** Residents read per preparation transaction; each commits its batches and the resume point together. */
const PREPARE_CHUNK = 25_000;
/** Sender lanes started per run; each holds one connection while LINE answers a batch. */
export const LANES_PER_RUN = 4;
/** A batch LINE keeps failing (5xx, network) is retried this many times, then counted as failed. */
const MAX_BATCH_ATTEMPTS = 8;
/** A sender whose transaction stays open longer than this (a hung call) is cut off by PostgreSQL, and its batch is free again. */
const LANE_TRANSACTION_TIMEOUT = '120s';

export const PREPARE_JOB = 'deliveries.prepare';
export const SEND_JOB = 'deliveries.send';
export const DELIVERY_PROGRESS = 'DELIVERY_PROGRESS';

const SYSTEM = 'delivery runs are system work on behalf of the staff member who started them; each run was authorised when it started';

export interface DeliveryProgressEvent {
  runId: string;
  deliveryId: string;
  departmentId: string;
}

export interface RunProgress {
  batchesTotal: number;
  batchesSent: number;
  batchesFailed: number;
  batchesPending: number;
  recipientsPlanned: number;
  recipientsSent: number;
  recipientsFailed: number;
  failures: Array<{ reason: string; batches: number; recipients: number }>;
}

type LaneOutcome =
  { kind: 'sent' } | { kind: 'retry-later' } | { kind: 'idle' } | { kind: 'stopped' } | { kind: 'pause'; reason: string; error: string };

/** Whom a run sends to: its kind (a test reaches testers only), channel and send day (ages in segments). */
export interface RecipientTarget {
  kind: DeliveryRunKind;
  channelId: string;
  day: string;
}

/** One part of the recipients' SQL, from a resume point and up to a chunk size, or whole. */
type RecipientPart = (after: string | null, limit: number | null) => { sql: string; params: unknown[] };

interface ClaimedBatch {
  id: string;
  language: string;
  resident_ids: string[];
  retry_key: string;
  attempts: number;
}

/**
 * Runs deliveries (docs/adr/0014): preparation resolves recipients at send time and writes every
 * multicast batch (≤ 500 residents, its retry key) before the first call for it; sender lanes on
 * any worker claim batches with `for update skip locked` and hold the claim in an open
 * transaction while LINE answers, so a killed worker's batch is free again the moment its
 * connection drops, and LINE's retry key makes the second attempt a no-op if the first had been
 * accepted. Lanes hold a share lock on the run: pausing or cancelling waits for the calls in
 * flight, and nothing is sent after it returns.
 */
export class DeliveryRunner {
  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly segments: SegmentService,
    private readonly audit: AuditService,
    private readonly scheduler: Scheduler,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  /** Starts the run's preparation and its sender lanes (after the run is committed). */
  async launch(runId: string): Promise<void> {
    await this.scheduler.now(PREPARE_JOB, { runId });
    await this.startLanes(runId);
  }

  async startLanes(runId: string): Promise<void> {
    for (let lane = 0; lane < LANES_PER_RUN; lane++) await this.scheduler.now(SEND_JOB, { runId, lane });
  }

  /**
   * The recipients of a run of `delivery` (its kind, channel and send day), as parts each selecting
   * `r.id, r.language`; several segments are several parts, whose union removes a friend matching
   * more than one. Each part takes the resume point and the chunk size (`after`, `limit`) inside
   * it, so every part reads its index from the resume point on (a condition outside a join or a
   * `distinct` is not carried into them, and each chunk would read from the start); without them it
   * selects every recipient, for counting.
   */
  private async recipientParts(em: EntityManager, target: RecipientTarget, delivery: Delivery): Promise<RecipientPart[]> {
    const { channelId } = target;
    const tail = (limit: number | null) => `${limit === null ? '' : ` order by r.id limit ${limit}`}`;
    const plain =
      (from: string, where: string, params: unknown[]): RecipientPart =>
      (after, limit) => ({
        sql: `select r.id, r.language from ${from} where ${where}${after ? ' and r.id > ?::uuid' : ''}${tail(limit)}`,
        params: [...params, ...(after ? [after] : [])],
      });
    if (target.kind === DeliveryRunKind.TEST) {
      // Test sends reach only residents flagged as testers (SEG-13), on whichever channel the run uses.
      return [plain('resident r', `r.follow_status = 'FOLLOWING' and r.channel_id = ?::uuid and r.is_test_recipient`, [channelId])];
    }
    switch (delivery.targetKind) {
      case DeliveryTargetKind.ALL:
        return [plain('resident r', `r.follow_status = 'FOLLOWING' and r.channel_id = ?::uuid`, [channelId])];
      case DeliveryTargetKind.LIST:
        return [
          plain(
            'resident r join delivery_list_member m on m.resident_id = r.id',
            `m.delivery_id = ?::uuid and r.follow_status = 'FOLLOWING' and r.channel_id = ?::uuid`,
            [delivery.id, channelId],
          ),
        ];
      case DeliveryTargetKind.SEGMENTS: {
        const parts: RecipientPart[] = [];
        for (const id of delivery.segmentIds) {
          const segment = await em.findOne(Segment, { id });
          if (!segment) continue;
          const selected = this.segments.select(await this.segments.resolveSaved(em, segment), target.day, channelId);
          // select() is `select r.id from resident r join resident_attribute_doc d ... where <atomic terms joined by and>`.
          if (!/^\s*select r\.id from resident r join resident_attribute_doc d on d\.resident_id = r\.id\s/.test(selected.sql))
            throw new Error('deliveries: unexpected segment SQL shape');
          const sql = selected.sql.replace(/^\s*select r\.id /, 'select r.id, r.language ');
          parts.push((after, limit) => ({
            sql: `${sql}${after ? ' and r.id > ?::uuid and d.resident_id > ?::uuid' : ''}${tail(limit)}`,
            params: [...selected.params, ...(after ? [after, after] : [])],
          }));
        }
        return parts;
      }
    }
  }

  /** How many a run of `delivery` would reach now (the estimate before sending, the testers before a test). */
  async countRecipients(em: EntityManager, target: RecipientTarget, delivery: Delivery): Promise<number> {
    const parts = (await this.recipientParts(em, target, delivery)).map((part) => part(null, null));
    if (!parts.length) return 0;
    const rows = await unscopedSql<{ n: number }>(
      em,
      'residents belong to no department; the delivery was loaded in the caller’s scope',
      `select count(*)::int as n from (${parts.map((c) => `(${c.sql})`).join(' union ')}) u`,
      parts.flatMap((c) => c.params),
    );
    return rows[0]!.n;
  }

  /**
   * Resolves the run's recipients and writes its batches, PREPARE_CHUNK residents per transaction
   * in resident-id order; resumes after the last committed chunk. Two preparers of one run cannot
   * both write a chunk: each chunk advances the resume point by compare-and-set.
   */
  async prepare(runId: string, touch: () => Promise<void> = async () => undefined): Promise<void> {
    const em = unscopedFork(this.orm.em);
    const run = await em.findOne(DeliveryRun, { id: runId }, { populate: ['delivery', 'channel'] });
    if (!run || run.preparedAt || run.status === DeliveryRunStatus.CANCELED || run.status === DeliveryRunStatus.COMPLETED) return;
    const delivery = run.delivery;
    const languages = Object.keys(run.compiled);
    const parts = await this.recipientParts(em, { kind: run.kind, channelId: run.channel.id, day: run.day }, delivery);
    let cursor = run.prepareCursor;
    let seq = run.batchesTotal;
    let planned = run.plannedRecipients;
    for (;;) {
      const status = await unscopedSql<{ status: string }>(em, SYSTEM, `select status from delivery_run where id = ?`, [runId]);
      if (status[0]?.status === DeliveryRunStatus.CANCELED) return;
      // The chunk: the next residents after the resume point, grouped per language into batches.
      const chunk = parts.map((part) => part(cursor, PREPARE_CHUNK));
      const rows = chunk.length
        ? await unscopedSql<{ id: string; language: string }>(
            em,
            SYSTEM,
            chunk.length === 1
              ? chunk[0]!.sql
              : `select id, language from (${chunk.map((c) => `(${c.sql})`).join(' union ')}) u order by id limit ${PREPARE_CHUNK}`,
            chunk.flatMap((c) => c.params),
          )
        : [];
      const byLanguage = new Map<string, string[]>();
      for (const row of rows) {
        const language = languages.includes(row.language) ? row.language : 'ja';
        let ids = byLanguage.get(language);
        if (!ids) byLanguage.set(language, (ids = []));
        ids.push(row.id);
      }
      const batches: Array<{ seq: number; language: string; ids: string[] }> = [];
      let nextSeq = seq;
      for (const [language, ids] of byLanguage) {
        for (let i = 0; i < ids.length; i += BATCH_SIZE) batches.push({ seq: nextSeq++, language, ids: ids.slice(i, i + BATCH_SIZE) });
      }
      const lastId = rows.length ? rows[rows.length - 1]!.id : cursor;
      const done = rows.length < PREPARE_CHUNK;
      const advanced = await em.transactional(async (tx) => {
        const moved = await unscopedSql<{ id: string }>(
          tx,
          SYSTEM,
          `update delivery_run set prepare_cursor = ?::uuid, batches_total = ?, planned_recipients = ?,
             prepared_at = ${done ? 'now()' : 'null'}, updated_at = now()
           where id = ? and batches_total = ? and prepared_at is null returning id`,
          [lastId, nextSeq, planned + rows.length, runId, seq],
        );
        if (!moved.length) return false;
        if (batches.length) {
          await unscopedSql(
            tx,
            SYSTEM,
            `insert into delivery_batch (run_id, seq, language, resident_ids, recipients)
             select ?::uuid, b.seq, b.language, b.ids::uuid[], cardinality(b.ids::uuid[])
             from jsonb_to_recordset(?::jsonb) as b(seq int, language text, ids text[])`,
            [runId, JSON.stringify(batches)],
          );
        }
        return true;
      });
      if (!advanced) {
        this.logger.info({ runId }, 'another worker prepares this run');
        return;
      }
      cursor = lastId;
      seq = nextSeq;
      planned += rows.length;
      this.publish(run);
      await touch();
      if (done) break;
    }
    this.logger.info({ runId, batches: seq, recipients: planned }, 'delivery run prepared');
    // Nothing to send (no recipients): the run completes here rather than waiting for a lane.
    await this.tryComplete(runId);
  }

  /**
   * One sender lane: claims and sends batches until the run has none left, is paused or ends.
   * Several lanes (on several workers) run per run; any number may die at any point.
   */
  async sendLane(runId: string, touch: () => Promise<void> = async () => undefined): Promise<void> {
    const em = unscopedFork(this.orm.em);
    const run = await em.findOne(DeliveryRun, { id: runId }, { populate: ['channel'] });
    if (!run || run.status !== DeliveryRunStatus.SENDING) return;
    const credentials = this.channels.credentialsOf(run.channel);
    const unit = aggregationUnit(run);
    let lastPublish = 0;
    let sent = 0;
    for (;;) {
      const outcome = await this.sendOne(em.fork(), run, credentials, unit);
      if (outcome.kind === 'sent') {
        sent++;
        if (sent % 20 === 0) await touch();
        if (Date.now() - lastPublish > 500) {
          lastPublish = Date.now();
          this.publish(run);
        }
        continue;
      }
      if (outcome.kind === 'stopped') break;
      if (outcome.kind === 'pause') {
        await this.pauseForLine(runId, outcome.reason, outcome.error);
        break;
      }
      // Nothing claimable now: batches still being written, held by other lanes, or waiting to be retried.
      const state = await unscopedSql<{ prepared: boolean; pending: number; wait_ms: number | null }>(
        em,
        SYSTEM,
        `select r.prepared_at is not null as prepared,
                (select count(*)::int from delivery_batch b where b.run_id = r.id and b.status = 'PENDING') as pending,
                (select extract(epoch from min(b.not_before) - now()) * 1000 from delivery_batch b
                  where b.run_id = r.id and b.status = 'PENDING' and b.not_before > now()) as wait_ms
         from delivery_run r where r.id = ?`,
        [runId],
      );
      const s = state[0];
      if (!s) break;
      if (s.prepared && s.pending === 0) {
        await this.tryComplete(runId);
        break;
      }
      if (outcome.kind === 'idle' && s.prepared && s.wait_ms === null) {
        // Every pending batch is in another lane's hands: that lane finishes the run.
        break;
      }
      await sleep(Math.min(Math.max(Number(s.wait_ms ?? 100), 50), 5_000));
      await touch();
    }
    this.publish(run);
  }

  private async sendOne(
    em: EntityManager,
    run: DeliveryRun,
    credentials: ReturnType<LineChannelService['credentialsOf']>,
    unit: string,
  ): Promise<LaneOutcome> {
    return em.transactional(async (tx) => {
      await unscopedSql(tx, SYSTEM, `set local idle_in_transaction_session_timeout = '${LANE_TRANSACTION_TIMEOUT}'`);
      await runGate(tx, run.id, 'shared');
      const runRow = await unscopedSql<{ status: string }>(tx, SYSTEM, `select status from delivery_run where id = ?`, [run.id]);
      if (runRow[0]?.status !== DeliveryRunStatus.SENDING) return { kind: 'stopped' } as const;
      const claimed = await unscopedSql<ClaimedBatch>(
        tx,
        SYSTEM,
        `select id::text, language, resident_ids::text[] as resident_ids, retry_key::text, attempts from delivery_batch
         where run_id = ? and status = 'PENDING' and (not_before is null or not_before <= now())
         order by seq limit 1 for update skip locked`,
        [run.id],
      );
      const batch = claimed[0];
      if (!batch) return { kind: 'idle' } as const;
      const people = await unscopedSql<{ line_user_id: string }>(
        tx,
        SYSTEM,
        `select line_user_id from resident where id = any(?::uuid[])`,
        [uuidArray(batch.resident_ids)],
      );
      const to = people.map((p) => keyring().decrypt(p.line_user_id));
      const messages = (run.compiled[batch.language] ?? run.compiled['ja']) as messagingApi.Message[];
      try {
        const result = to.length
          ? await this.gateway.multicast(
              credentials,
              // Test sends stay out of the delivery's LINE statistics.
              { to, messages, ...(run.kind === DeliveryRunKind.REAL ? { customAggregationUnits: [unit] } : {}) },
              { retryKey: batch.retry_key, ref: `delivery-batch:${batch.id}` },
            )
          : { lineRequestId: null };
        await unscopedSql(
          tx,
          SYSTEM,
          `update delivery_batch set status = 'SENT', sent_at = now(), attempts = attempts + 1, line_request_id = ?, last_error = null
           where id = ?`,
          [result.lineRequestId, batch.id],
        );
        return { kind: 'sent' } as const;
      } catch (err) {
        const failure = LineGateway.classify(err);
        const attempts = batch.attempts + 1;
        const pauseReason = PAUSE_REASONS[failure.kind];
        if (pauseReason) {
          // Retrying cannot help until someone acts (quota, credentials, content LINE refuses): the
          // batch stays pending and the run pauses with the reason.
          await unscopedSql(tx, SYSTEM, `update delivery_batch set last_error = ? where id = ?`, [failure.message.slice(0, 500), batch.id]);
          return { kind: 'pause', reason: pauseReason, error: failure.message.slice(0, 500) } as const;
        }
        const giveUp = attempts >= MAX_BATCH_ATTEMPTS;
        await unscopedSql(
          tx,
          SYSTEM,
          `update delivery_batch set attempts = ?, last_error = ?, status = ?,
             not_before = now() + make_interval(secs => ?)
           where id = ?`,
          [attempts, failure.message.slice(0, 500), giveUp ? 'FAILED' : 'PENDING', Math.min(300, 5 * 2 ** attempts), batch.id],
        );
        this.logger.warn(
          { runId: run.id, batch: batch.id, attempts, kind: failure.kind },
          giveUp ? 'delivery batch failed' : 'delivery batch retried later',
        );
        return { kind: 'retry-later' } as const;
      }
    });
  }

  private async pauseForLine(runId: string, reason: string, error: string): Promise<void> {
    const em = unscopedFork(this.orm.em);
    const paused = await unscopedSql<{ id: string }>(
      em,
      SYSTEM,
      `update delivery_run set status = 'PAUSED', pause_reason = ?, last_error = ?, updated_at = now()
       where id = ? and status = 'SENDING' returning id`,
      [reason, error, runId],
    );
    if (!paused.length) return;
    const run = await em.findOneOrFail(DeliveryRun, { id: runId });
    await this.audit.recordStandalone(
      { em, actor: { kind: 'system', name: 'deliveries' }, meta: systemMeta() },
      {
        action: 'deliveries.run.pause',
        targetType: 'DeliveryRun',
        targetId: runId,
        summary: { reason, by: 'LINE' },
        departmentId: run.department.id,
      },
    );
    this.publish(run);
  }

  /** Completes the run when every batch is written and none is pending (idempotent). */
  async tryComplete(runId: string): Promise<boolean> {
    const em = unscopedFork(this.orm.em);
    const done = await em.transactional(async (tx) => {
      const rows = await unscopedSql<{ id: string; kind: DeliveryRunKind; delivery_id: string }>(
        tx,
        SYSTEM,
        `update delivery_run r set status = 'COMPLETED', completed_at = now(), updated_at = now()
         where r.id = ? and r.status = 'SENDING' and r.prepared_at is not null
           and not exists (select 1 from delivery_batch b where b.run_id = r.id and b.status = 'PENDING')
         returning r.id, r.kind, r.delivery_id`,
        [runId],
      );
      const row = rows[0];
      if (!row) return false;
      if (row.kind === DeliveryRunKind.TEST) {
        await unscopedSql(tx, SYSTEM, `update delivery set last_tested_at = now(), updated_at = now() where id = ?`, [row.delivery_id]);
      } else {
        // A one-off delivery is sent; a recurring one goes on with its next occurrence.
        await unscopedSql(
          tx,
          SYSTEM,
          `update delivery set status = case when next_run_at is null then 'SENT' else 'SCHEDULED' end, updated_at = now()
           where id = ? and status = 'SENDING'`,
          [row.delivery_id],
        );
      }
      return true;
    });
    if (done) {
      const run = await em.findOne(DeliveryRun, { id: runId });
      if (run) this.publish(run);
      this.logger.info({ runId }, 'delivery run completed');
    }
    return done;
  }

  /** Progress from the batches themselves (the truth), for the console and the subscription. */
  async progress(em: EntityManager, run: DeliveryRun): Promise<RunProgress> {
    const rows = await unscopedSql<{ status: string; reason: string | null; batches: number; recipients: number }>(
      em,
      'the run was loaded in the caller’s department scope',
      `select status, case when status = 'FAILED' then coalesce(last_error, '') end as reason,
              count(*)::int as batches, coalesce(sum(recipients), 0)::int as recipients
       from delivery_batch where run_id = ? group by 1, 2`,
      [run.id],
    );
    const p: RunProgress = {
      batchesTotal: run.batchesTotal,
      batchesSent: 0,
      batchesFailed: 0,
      batchesPending: 0,
      recipientsPlanned: run.plannedRecipients,
      recipientsSent: 0,
      recipientsFailed: 0,
      failures: [],
    };
    for (const row of rows) {
      if (row.status === 'SENT') {
        p.batchesSent += row.batches;
        p.recipientsSent += row.recipients;
      } else if (row.status === 'FAILED') {
        p.batchesFailed += row.batches;
        p.recipientsFailed += row.recipients;
        p.failures.push({ reason: row.reason ?? '', batches: row.batches, recipients: row.recipients });
      } else if (row.status === 'PENDING') p.batchesPending += row.batches;
    }
    return p;
  }

  /** Runs that should be sending but may have lost their lanes or preparer (a worker died): start them again. */
  async resumeAll(): Promise<number> {
    const em = unscopedFork(this.orm.em);
    const rows = await unscopedSql<{ id: string; prepared: boolean }>(
      em,
      SYSTEM,
      `select id, prepared_at is not null as prepared from delivery_run where status = 'SENDING'`,
    );
    for (const row of rows) {
      if (!row.prepared) await this.scheduler.now(PREPARE_JOB, { runId: row.id });
      await this.startLanes(row.id);
    }
    return rows.length;
  }

  publish(run: { id: string; delivery: { id: string }; department: { id: string } }): void {
    const event: DeliveryProgressEvent = { runId: run.id, deliveryId: run.delivery.id, departmentId: run.department.id };
    this.pubsub.publish(DELIVERY_PROGRESS, event);
  }

  /** An EntityManager for the system's own work, across departments. */
  systemEm(): EntityManager {
    return unscopedFork(this.orm.em);
  }

  /** The channel credentials of a run (for the quota check before it starts). */
  async quota(channel: { id: string }): Promise<{ limit: number | null; used: number }> {
    const loaded = await this.systemEm().findOneOrFail(LineChannel, { id: channel.id });
    return this.gateway.quota(this.channels.credentialsOf(loaded));
  }

  static newTestOccurrence(): string {
    return `test:${randomUUID()}`;
  }
}

/** Why a run pauses on its own, by LINE's answer (Japanese, shown to staff). */
const PAUSE_REASONS: Partial<Record<LineApiError['kind'], string>> = {
  MONTHLY_QUOTA_EXHAUSTED: '今月のメッセージ通数の上限に達したため、一時停止しました。通数を追加してから再開してください。',
  UNAUTHORIZED: 'LINEのチャネルアクセストークンが無効なため、一時停止しました。チャネル設定を確認してから再開してください。',
  BAD_REQUEST: 'LINEが配信内容を受け付けなかったため、一時停止しました。内容を確認してください。',
};

/** LINE's custom aggregation unit for the run's delivery (≤ 30 of [a-zA-Z0-9_]), for per-delivery statistics. */
export function aggregationUnit(run: { delivery: { id: string } }): string {
  return `d_${run.delivery.id.replace(/-/g, '').slice(0, 26)}`;
}

function systemMeta(): ServiceContext['meta'] {
  return { requestId: `deliveries-${randomUUID()}`, ip: null, userAgent: null, trace: { auditWrites: 0 } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A PostgreSQL array literal of UUIDs, for `= any(?::uuid[])`: knex expands a JS array parameter
 * into a list of placeholders, which `any` does not take. Only UUIDs (checked) ever go in.
 */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new TypeError(`not a UUID: ${id}`);
  return `{${ids.join(',')}}`;
}

/**
 * The run's gate (docs/adr/0014): each lane holds it shared while LINE answers a batch; pausing
 * and cancelling take it exclusively, so they wait for the calls in flight and no lane claims
 * another batch after them. An advisory lock rather than a row lock: its queue is first come,
 * first served, and the run row stays free for the preparer's progress updates.
 */
export async function runGate(em: EntityManager, runId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  await unscopedSql(
    em,
    'an advisory lock on the run id',
    `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext('delivery_run'), hashtext(?))`,
    [runId],
  );
}
