import { randomUUID } from 'node:crypto';
import { IsolationLevel, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { messagingApi } from '@line/bot-sdk';
import type { ServiceContext } from '../../platform/context/context.js';
import { keyring } from '../../platform/crypto/keyring.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { UnscopedSession, unscopedRawQuery, unscopedSql } from '../../platform/db/scoped-sql.js';
import { textArray } from '../../platform/db/sql-arrays.js';
import type { LineGateway, SendResult } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { PubSub } from '../../platform/pubsub/pubsub.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import type { AuditService } from '../audit/index.js';
import type { LineChannelService } from '../channels/index.js';
import { LineChannel } from '../channels/index.js';
import type { SegmentService } from '../segments/index.js';
import { Segment, type ResolvedCondition } from '../segments/index.js';
import { Delivery, DeliveryRun, DeliveryRunKind, DeliveryRunStatus, DeliveryTargetKind } from './delivery.entity.js';
import { failedOutcome, sentOutcome, type BatchOutcome } from './delivery-batch-outcome.js';
import { DeliveryBroadcast, DeliverySendMode, HAND_OVER_AFTER_MS, sendsAsBroadcast } from './delivery-broadcast.js';

/** LINE's multicast takes at most 500 user ids per request. */
export const BATCH_SIZE = 500;
/** Residents written per preparation transaction (its batches and the run's counts together). */
const PREPARE_CHUNK = 25_000;
/** The first chunk of a run, read in resident-id order by index: quick, so that sending starts while the rest is joined. */
const FIRST_PREPARE_CHUNK = 10_000;
/** Sender lanes (jobs) started per run, and at most as many at once per job runner; each holds a connection per batch in flight. */
export const LANES_PER_RUN = 4;
/** A sender whose transaction stays open longer than this (a hung call) is cut off by PostgreSQL, and its batch is free again. */
const LANE_TRANSACTION_TIMEOUT = '120s';
/** The run gate's advisory lock key (runGate), for a run id as its one parameter. */
const GATE_KEY = `hashtext('delivery_run'), hashtext(?)`;
/**
 * What each recipients' part selects: the resident, their language (for the variant) and their
 * sealed LINE user id, which preparation copies into the batch (docs/adr/0014).
 */
const RECIPIENT_COLUMNS = 'r.id, r.language::text as language, r.line_user_id';
/**
 * The variant a recipient gets (their language when the run has it, else Japanese), for a column
 * of their language; one parameter, the run's languages as a text[] literal.
 */
const variantOf = (language: string) => `case when ${language} = any(?::text[]) then ${language} else 'ja' end`;
/** A lane's transaction: cut off if it hangs, and the run's gate taken shared (parameters: the timeout, the run id). */
const LANE_GATE = `select set_config('idle_in_transaction_session_timeout', ?, true), pg_advisory_xact_lock_shared(${GATE_KEY})`;
/**
 * The run's status and, when it is sending, the next claimable batch from a seq on, with its
 * residents' sealed LINE user ids (parameters: the seq, the run id): those preparation copied into
 * the batch, or for a batch written without them (before Migration20261219090000), looked up.
 */
const CLAIM = `select r.status, b.id::text, b.seq, b.kind, b.language, b.retry_key::text, b.attempts,
       coalesce(b.line_user_ids, (select string_agg(p.line_user_id, ' ') from resident p where p.id = any(b.resident_ids))) as line_user_ids,
       b.line_user_ids is not null as copied
  from delivery_run r
  left join lateral (
    select id, seq, kind, language, retry_key, attempts, resident_ids, line_user_ids from delivery_batch
     where run_id = r.id and r.status = 'SENDING' and status = 'PENDING' and seq >= ?
       and (not_before is null or not_before <= now())
     order by seq limit 1 for update skip locked
  ) b on true
 where r.id = ?`;

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
  | { kind: 'sent'; seq: number }
  | { kind: 'retry-later' }
  | { kind: 'idle' }
  | { kind: 'stopped' }
  | { kind: 'pause'; reason: string; error: string };

/**
 * A sender claims from the batch after its last one: scanning from the first, each claim walked
 * the index entries of every batch sent before (PostgreSQL cannot drop them while the preparer's
 * snapshot is open). Every so often, and when nothing comes after, it looks from the first again.
 */
const FULL_CLAIM_SCAN_EVERY = 64;

/** Whom a run sends to: its kind (a test reaches testers only), channel and send day (ages in segments). */
export interface RecipientTarget {
  kind: DeliveryRunKind;
  channelId: string;
  day: string;
}

/** Residents per preparation chunk: the first one, and every one after it (smaller in tests). */
export interface PrepareChunks {
  readonly first: number;
  readonly rest: number;
}

export interface DeliveryRunnerOptions {
  /**
   * Batches each sender lane has in flight (DELIVERY_SENDS_PER_LANE, default 1), each claimed and
   * committed in a transaction of its own: LANES_PER_RUN × this connections per job runner.
   */
  readonly sendsPerLane?: number;
  readonly chunks?: PrepareChunks;
}

/** Where preparation stands after a chunk: batches and recipients written, and whether that was all. */
interface ChunkOutcome {
  batches: number;
  recipients: number;
  done: boolean;
}

interface RecipientPartOptions {
  /** Leave out the residents already in this run's batches. */
  notInRun?: string;
  /** Only the first ones in resident-id order. */
  limit?: number;
}

/** A batch as preparation's reader grouped it: the residents as a uuid[] literal, their sealed LINE user ids joined by spaces. */
interface PreparedBatch {
  language: string;
  resident_ids: string;
  line_user_ids: string;
  recipients: number;
}

/** One part of the recipients' SQL. */
type RecipientPart = (options?: RecipientPartOptions) => { sql: string; params: unknown[] };

/** The run's status and, when it is sending, the batch a lane claimed (all null when none was claimable). */
interface ClaimedBatch {
  status: DeliveryRunStatus;
  id: string | null;
  seq: number | null;
  /** BROADCAST: the run's one LINE broadcast (no residents; delivery-broadcast.ts). */
  kind: DeliverySendMode | null;
  language: string | null;
  retry_key: string;
  attempts: number;
  /** The residents' sealed LINE user ids, separated by spaces. */
  line_user_ids: string | null;
  /** Whether they are the batch's own copy from preparation (else read from the residents). */
  copied: boolean | null;
}

/**
 * Runs deliveries (docs/adr/0014): preparation resolves recipients at send time and writes every
 * multicast batch (≤ 500 residents, its retry key) before the first call for it; sender lanes on
 * any worker claim batches with `for update skip locked` and hold the claim in an open
 * transaction while LINE answers, so a killed worker's batch is free again the moment its
 * connection drops, and LINE's retry key makes the second attempt a no-op if the first had been
 * accepted. Lanes hold the run's gate shared: pausing or cancelling waits for the calls in
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
    options: DeliveryRunnerOptions = {},
  ) {
    this.sendsPerLane = options.sendsPerLane ?? 1;
    this.chunks = options.chunks ?? { first: FIRST_PREPARE_CHUNK, rest: PREPARE_CHUNK };
    this.broadcast = new DeliveryBroadcast(orm, gateway, logger);
  }

  private readonly sendsPerLane: number;
  private readonly chunks: PrepareChunks;
  /** A real run to all friends in Japanese only: one LINE broadcast (docs/adr/0014, "Broadcast"). */
  private readonly broadcast: DeliveryBroadcast;

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
   * RECIPIENT_COLUMNS; several segments are several parts, whose union removes a friend matching
   * more than one. A part can leave out the residents already in a run's batches (`notInRun`),
   * or take the first `limit` in resident-id order; with neither it selects every recipient.
   */
  private async recipientParts(em: EntityManager, target: RecipientTarget, delivery: Delivery): Promise<RecipientPart[]> {
    const { channelId } = target;
    const tail = (options: RecipientPartOptions) => ({
      sql:
        (options.notInRun
          ? ` and not exists (select 1 from delivery_batch b cross join unnest(b.resident_ids) as done(id)
                               where b.run_id = ?::uuid and done.id = r.id)`
          : '') + (options.limit ? ` order by r.id limit ${Math.floor(options.limit)}` : ''),
      params: options.notInRun ? [options.notInRun] : [],
    });
    const plain =
      (from: string, where: string, params: unknown[]): RecipientPart =>
      (options = {}) => {
        const rest = tail(options);
        return { sql: `select ${RECIPIENT_COLUMNS} from ${from} where ${where}${rest.sql}`, params: [...params, ...rest.params] };
      };
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
          const sql = selected.sql.replace(/^\s*select r\.id /, `select ${RECIPIENT_COLUMNS} `);
          parts.push((options = {}) => {
            const rest = tail(options);
            return { sql: `${sql}${rest.sql}`, params: [...selected.params, ...rest.params] };
          });
        }
        return parts;
      }
    }
  }

  /** The parts as one statement selecting `id, language, line_user_id` (their union, when there are several). */
  private static recipientsOf(parts: RecipientPart[], options: RecipientPartOptions): { sql: string; params: unknown[] } {
    const chosen = parts.map((part) => part(options));
    if (chosen.length === 1) return chosen[0]!;
    return {
      sql: `select id, language, line_user_id from (${chosen.map((c) => `(${c.sql})`).join(' union ')}) u${
        options.limit ? ` order by id limit ${Math.floor(options.limit)}` : ''
      }`,
      params: chosen.flatMap((c) => c.params),
    };
  }

  /**
   * How many a run of `delivery` would reach now (the estimate before sending, the testers before a
   * test). A real run to segments is counted as the segment editor counts (from the bitmaps where
   * they hold the conditions, docs/adr/0012): their union is the `any` of their conditions, and
   * the channel and send day are those the run's recipients are selected with. At a million
   * friends that answers in tens of milliseconds where the union of the segments' SQL took half a
   * second of the send mutation.
   */
  async countRecipients(em: EntityManager, target: RecipientTarget, delivery: Delivery): Promise<number> {
    if (target.kind === DeliveryRunKind.REAL && delivery.targetKind === DeliveryTargetKind.SEGMENTS) {
      const conditions: ResolvedCondition[] = [];
      for (const id of delivery.segmentIds) {
        const segment = await em.findOne(Segment, { id });
        if (segment) conditions.push(await this.segments.resolveSaved(em, segment));
      }
      if (!conditions.length) return 0;
      const resolved: ResolvedCondition = conditions.length === 1 ? conditions[0]! : { type: 'any', conditions };
      return (await this.segments.count(em, resolved, { channelId: target.channelId, day: target.day })).count;
    }
    const parts = (await this.recipientParts(em, target, delivery)).map((part) => part());
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
   * Resolves the run's recipients and writes its batches, a chunk per transaction; a preparer that
   * dies is followed by one that leaves out the residents already in the run's batches. Two
   * preparers of one run cannot both write a chunk: each chunk takes the run row at the batch
   * count it read (compare-and-set) before it writes.
   *
   * The first chunk (`chunks.first` residents, in resident-id order, grouped and written by one
   * statement) gives the lanes batches within moments. The rest is one pass over the recipients
   * through a cursor, `chunks.rest` at a time: chunks in resident-id order each read their
   * residents by index, scattered over the table (a million took 20–40 s); one pass joins the
   * tables once and streams the result (a million in about 9 s while the lanes send).
   */
  async prepare(runId: string, touch: () => Promise<void> = async () => undefined): Promise<void> {
    const em = unscopedFork(this.orm.em);
    const run = await em.findOne(DeliveryRun, { id: runId }, { populate: ['delivery', 'channel'] });
    if (!run || run.preparedAt || run.status === DeliveryRunStatus.CANCELED || run.status === DeliveryRunStatus.COMPLETED) return;
    const parts = await this.recipientParts(em, { kind: run.kind, channelId: run.channel.id, day: run.day }, run.delivery);
    const languages = Object.keys(run.compiled);
    if (run.batchesTotal === 0 && sendsAsBroadcast(run.kind, run.delivery.targetKind, languages)) {
      // One batch for the run's one LINE broadcast, in place of the multicast batches (delivery-broadcast.ts).
      if (await this.broadcast.prepare(runId, DeliveryRunner.recipientsOf(parts, {}))) this.publish(run);
      await this.tryComplete(runId);
      return;
    }
    let outcome: ChunkOutcome | null = { batches: run.batchesTotal, recipients: run.plannedRecipients, done: false };
    if (run.batchesTotal === 0) {
      outcome = await this.prepareFirstChunk(runId, parts, languages);
      if (outcome) {
        this.publish(run);
        await touch();
      }
    }
    if (outcome && !outcome.done) outcome = await this.prepareRest(run, parts, languages, touch);
    if (!outcome) return;
    this.logger.info({ runId, batches: outcome.batches, recipients: outcome.recipients }, 'delivery run prepared');
    // Nothing to send (no recipients): the run completes here rather than waiting for a lane.
    await this.tryComplete(runId);
  }

  /** The first chunk of a run that has no batches yet, in one statement; null when the run is canceled or another preparer moved it. */
  private async prepareFirstChunk(runId: string, parts: RecipientPart[], languages: string[]): Promise<ChunkOutcome | null> {
    const first = this.chunks.first;
    const chunk = DeliveryRunner.recipientsOf(parts, { limit: first });
    return unscopedFork(this.orm.em).transactional(async (tx) => {
      if (!(await this.lockForChunk(tx, runId, 0))) return null;
      const rows = await unscopedSql<ChunkOutcome>(
        tx,
        SYSTEM,
        `with chunk as materialized (
           select id, line_user_id,
                  ${variantOf('language')} as language
           from (${chunk.sql}) c
         ),
         numbered as (
           select id, line_user_id, language, (row_number() over (partition by language order by id) - 1) / ${BATCH_SIZE} as k from chunk
         ),
         grouped as (
           select language, k, array_agg(id order by id) as ids, string_agg(line_user_id, ' ' order by id) as sealed
             from numbered group by language, k
         ),
         written as (
           insert into delivery_batch (run_id, seq, language, resident_ids, line_user_ids, recipients)
           select ?::uuid, (row_number() over (order by language, k))::int - 1, language, ids, sealed, cardinality(ids) from grouped
           returning 1
         ),
         counts as (
           select (select count(*) from chunk)::int as residents, (select count(*) from written)::int as batches
         )
         update delivery_run r
            set batches_total = c.batches, planned_recipients = c.residents,
                prepared_at = case when c.residents < ${first} then now() end, updated_at = now()
           from counts c
          where r.id = ?
         returning r.batches_total as batches, r.planned_recipients as recipients, r.prepared_at is not null as done`,
        [textArray(languages), ...chunk.params, runId, runId],
      );
      return rows[0]!;
    });
  }

  /**
   * The rest of the run's recipients, in one pass: a cursor in a repeatable-read transaction of its
   * own, whose snapshot also gives the batch count its first chunk must still find; each chunk is
   * written by a transaction of its own as the cursor goes.
   */
  private async prepareRest(
    run: DeliveryRun,
    parts: RecipientPart[],
    languages: string[],
    touch: () => Promise<void>,
  ): Promise<ChunkOutcome | null> {
    return unscopedFork(this.orm.em).transactional(
      async (reader) => {
        const state = await unscopedSql<{ status: DeliveryRunStatus; batches: number; recipients: number; prepared: boolean }>(
          reader,
          SYSTEM,
          `select status, batches_total as batches, planned_recipients as recipients, prepared_at is not null as prepared
           from delivery_run where id = ?`,
          [run.id],
        );
        const start = state[0];
        if (!start || start.prepared || start.status === DeliveryRunStatus.CANCELED) return null;
        // A hash join of the whole recipients' tables, streamed, rather than the index order a cursor would
        // otherwise be planned for; memory enough for it (and for the residents already in batches) to stay in memory.
        await unscopedSql(reader, SYSTEM, `select set_config('cursor_tuple_fraction', '1', true), set_config('work_mem', '64MB', true)`);
        const recipients = DeliveryRunner.recipientsOf(parts, { notInRun: run.id });
        await unscopedSql(reader, SYSTEM, `declare run_recipients no scroll cursor for ${recipients.sql}`, recipients.params);
        // A chunk of the cursor's rows, grouped into batches by PostgreSQL in this session
        // (delivery_recipients_fetch): the sealed ids never cross the job runner one by one. Within a
        // batch the order does not matter; with several variants, each language has its own batches.
        const k =
          languages.length === 1
            ? `(v.n - 1) / ${BATCH_SIZE}`
            : `(row_number() over (partition by v.language order by v.n) - 1) / ${BATCH_SIZE}`;
        const fetchChunk = () =>
          unscopedSql<PreparedBatch>(
            reader,
            SYSTEM,
            `select g.language, array_agg(g.id)::text as resident_ids, string_agg(g.line_user_id, ' ') as line_user_ids,
                    count(*)::int as recipients
               from (
                 select v.id, v.line_user_id, v.language, ${k} as k
                   from (
                     select f.id, f.line_user_id, ${variantOf('f.language')} as language, f.n
                       from delivery_recipients_fetch('run_recipients', ?::int) with ordinality as f(id, language, line_user_id, n)
                   ) v
               ) g
              group by g.language, g.k
              order by g.language, g.k`,
            [textArray(languages), this.chunks.rest],
          );
        let outcome: ChunkOutcome = { batches: start.batches, recipients: start.recipients, done: false };
        let rows = await fetchChunk();
        for (;;) {
          const done = rows.reduce((n, batch) => n + batch.recipients, 0) < this.chunks.rest;
          // The cursor reads the next chunk while this one is written (two connections, two backends).
          const following = done ? null : fetchChunk();
          let next: ChunkOutcome | null;
          try {
            next = await this.writeChunk(run.id, outcome, rows, done);
            if (next) await touch();
          } catch (err) {
            await following?.catch(() => undefined);
            throw err;
          }
          if (!next) {
            await following?.catch(() => undefined);
            return null;
          }
          outcome = next;
          this.publish(run);
          if (!following) return outcome;
          rows = await following;
        }
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }

  /** Writes one chunk's batches after the `from` ones; null when the run is canceled or another preparer moved it. */
  private async writeChunk(runId: string, from: ChunkOutcome, batches: PreparedBatch[], done: boolean): Promise<ChunkOutcome | null> {
    const next: ChunkOutcome = {
      batches: from.batches + batches.length,
      recipients: from.recipients + batches.reduce((n, batch) => n + batch.recipients, 0),
      done,
    };
    // One statement, its parameters (a chunk's 3 MB of ids) sent apart from it. The run row is
    // taken first, at the batch count this preparer read; the batches and the new counts are
    // written only if it was.
    const written = await unscopedRawQuery<{ status: DeliveryRunStatus | null; advanced: boolean }>(
      this.orm,
      SYSTEM,
      `with run as (
         select status from delivery_run where id = ?::uuid and batches_total = ?::int and prepared_at is null for update
       ),
       go as (select 1 from run where status <> 'CANCELED'),
       written as (
         insert into delivery_batch (run_id, seq, language, resident_ids, line_user_ids, recipients)
         select ?::uuid, ?::int + b.n::int - 1, b.language, b.ids::uuid[], b.sealed, b.recipients
           from unnest(?::text[], ?::text[], ?::text[], ?::int[]) with ordinality as b(language, ids, sealed, recipients, n)
          where exists (select 1 from go)
         returning 1
       ),
       advanced as (
         update delivery_run set batches_total = ?::int, planned_recipients = ?::int,
                prepared_at = ${done ? 'now()' : 'null'}, updated_at = now()
          where id = ?::uuid and exists (select 1 from go)
         returning 1
       )
       select (select status from run) as status, exists (select 1 from advanced) as advanced`,
      [
        runId,
        from.batches,
        runId,
        from.batches,
        textArray(batches.map((b) => b.language)),
        textArray(batches.map((b) => b.resident_ids)),
        textArray(batches.map((b) => b.line_user_ids)),
        `{${batches.map((b) => b.recipients).join(',')}}`,
        next.batches,
        next.recipients,
        runId,
      ],
    );
    const outcome = written[0];
    if (!outcome?.status) this.logger.info({ runId }, 'another worker prepares this run');
    return outcome?.advanced ? next : null;
  }

  /** Takes the run row for a chunk if it still has `batches` batches and is neither prepared nor canceled. */
  private async lockForChunk(tx: EntityManager, runId: string, batches: number): Promise<boolean> {
    const rows = await unscopedSql<{ status: DeliveryRunStatus }>(
      tx,
      SYSTEM,
      `select status from delivery_run where id = ? and batches_total = ? and prepared_at is null for update`,
      [runId, batches],
    );
    if (!rows.length) {
      this.logger.info({ runId }, 'another worker prepares this run');
      return false;
    }
    return rows[0]!.status !== DeliveryRunStatus.CANCELED;
  }

  /**
   * One sender lane: claims and sends batches until the run has none left, is paused or ends,
   * with `sendsPerLane` of them in flight. Several lanes (on several workers) run per run; any
   * number may die at any point.
   */
  async sendLane(runId: string, touch: () => Promise<void> = async () => undefined): Promise<void> {
    const em = unscopedFork(this.orm.em);
    const run = await em.findOne(DeliveryRun, { id: runId }, { populate: ['channel'] });
    if (!run || run.status !== DeliveryRunStatus.SENDING) return;
    const credentials = this.channels.credentialsOf(run.channel);
    const unit = aggregationUnit(run);
    let lastPublish = 0;
    let sent = 0;
    /** Whether one of this lane's senders left the run to a lane scheduled for later. */
    let handedOver = false;
    // The lane's sends, each claiming, sending and committing one batch after another.
    const sender = async () => {
      let from = 0;
      for (let claims = 1; ; claims++) {
        const outcome = await this.sendOne(run, credentials, unit, claims % FULL_CLAIM_SCAN_EVERY === 0 ? 0 : from);
        if (outcome.kind === 'sent') {
          from = outcome.seq + 1;
          sent++;
          if (sent % 20 === 0) await touch();
          if (Date.now() - lastPublish > 500) {
            lastPublish = Date.now();
            this.publish(run);
          }
          continue;
        }
        if (outcome.kind === 'stopped') return;
        if (outcome.kind === 'pause') {
          await this.pauseForLine(runId, outcome.reason, outcome.error);
          return;
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
        if (!s) return;
        if (s.prepared && s.pending === 0) {
          await this.tryComplete(runId);
          return;
        }
        if (outcome.kind === 'idle' && s.prepared && s.wait_ms === null) {
          // Every pending batch is in another sender's hands: that one finishes the run.
          return;
        }
        if (s.prepared && Number(s.wait_ms) > HAND_OVER_AFTER_MS) {
          // Nothing due for long (a broadcast waiting for LINE's hourly window): a lane scheduled for then goes on, not this job.
          if (handedOver) return;
          handedOver = true;
          await this.scheduler.schedule(new Date(Date.now() + Number(s.wait_ms)), SEND_JOB, { runId });
          return;
        }
        await sleep(Math.min(Math.max(Number(s.wait_ms ?? 100), 50), 5_000));
        await touch();
      }
    };
    await Promise.all(Array.from({ length: this.sendsPerLane }, sender));
    this.publish(run);
  }

  private async sendOne(
    run: DeliveryRun,
    credentials: ReturnType<LineChannelService['credentialsOf']>,
    unit: string,
    fromSeq: number,
  ): Promise<LaneOutcome> {
    // Two round trips per batch: begin, the gate and the claim in one simple query, then the
    // batch's new state and the commit in another. Each statement of a simple query takes its own
    // snapshot, so the claim sees a pause that committed while this lane waited for the gate.
    const session = await UnscopedSession.open(this.orm, SYSTEM);
    try {
      const results = await session.send(`begin; ${LANE_GATE}; ${CLAIM}`, [LANE_TRANSACTION_TIMEOUT, run.id, fromSeq, run.id]);
      let batch = (results[2] as ClaimedBatch[] | undefined)?.[0];
      // Nothing from there on: a batch before it may be claimable again (retried, or its sender died).
      if (batch?.status === DeliveryRunStatus.SENDING && batch.id === null && fromSeq > 0)
        batch = ((await session.send(CLAIM, [0, run.id]))[0] as ClaimedBatch[])[0];
      // Released without a commit: the claim wrote nothing.
      if (batch?.status !== DeliveryRunStatus.SENDING) return { kind: 'stopped' } as const;
      if (batch.id === null) return { kind: 'idle' } as const;
      const claimed = { id: batch.id, seq: batch.seq, attempts: batch.attempts };
      // The batch's new state is committed with the claim, whatever LINE answered.
      let done: BatchOutcome;
      if (batch.kind === DeliverySendMode.BROADCAST) {
        // The run's one LINE broadcast (delivery-broadcast.ts).
        done = await this.broadcast.send(run, credentials, { ...claimed, retry_key: batch.retry_key });
      } else {
        const messages = (run.compiled[batch.language ?? 'ja'] ?? run.compiled['ja']) as messagingApi.Message[];
        // Sealed values never contain a space (format v1: base64url parts joined by dots). They are
        // opened on the keyring's worker threads while the gateway waits for the rate limit.
        let unreadable = false;
        const request = batch.line_user_ids
          ? keyring()
              .decryptMany(batch.line_user_ids.split(' '))
              .then(
                // Test sends stay out of the delivery's LINE statistics.
                (to) => ({ to, messages, ...(run.kind === DeliveryRunKind.REAL ? { customAggregationUnits: [unit] } : {}) }),
                (err: unknown) => {
                  unreadable = true;
                  throw err;
                },
              )
          : null;
        try {
          const result: SendResult = request
            ? await this.gateway.multicast(credentials, request, {
                retryKey: batch.retry_key,
                ref: `delivery-batch:${batch.id}`,
                deferAcceptance: true,
              })
            : { retryKey: batch.retry_key, lineRequestId: null, alreadyAccepted: false };
          done = sentOutcome(claimed, result.lineRequestId);
          // LINE's acceptance is recorded with the batch's new state, in the commit below.
          if (result.acceptance)
            done = {
              ...done,
              update: { sql: `${result.acceptance.sql}; ${done.update.sql}`, params: [...result.acceptance.params, ...done.update.params] },
            };
        } catch (err) {
          // Not LINE's answer: an id that cannot be opened (a key missing from ENCRYPTION_KEYS). The
          // batch's own copy may predate a key rotation whose old key is gone since: dropped, the
          // batch stays pending and its next claim reads the residents, re-sealed by the rotation.
          // Residents' own values that cannot be opened fail the lane, as before anything was sent.
          if (unreadable && batch.copied) {
            this.logger.warn(
              { runId: run.id, batch: batch.id },
              'a batch’s copy of LINE user ids could not be opened; reading the residents',
            );
            await session.send(`update delivery_batch set line_user_ids = null where id = ?; commit`, [batch.id]);
            return { kind: 'retry-later' } as const;
          }
          if (unreadable) throw err;
          done = failedOutcome(err, claimed, this.logger, { runId: run.id, what: 'delivery batch' });
        }
      }
      await session.send(`${done.update.sql}; commit`, done.update.params);
      return done.outcome;
    } finally {
      await session.release();
    }
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
 * The run's gate (docs/adr/0014): each lane holds it shared while LINE answers a batch; pausing
 * and cancelling take it exclusively, so they wait for the calls in flight and no lane claims
 * another batch after them. An advisory lock rather than a row lock: its queue is first come,
 * first served, and the run row stays free for the preparer's progress updates.
 */
export async function runGate(em: EntityManager, runId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  await unscopedSql(
    em,
    'an advisory lock on the run id',
    `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${GATE_KEY})`,
    [runId],
  );
}
