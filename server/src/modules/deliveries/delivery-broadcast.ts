import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { insight, messagingApi } from '@line/bot-sdk';
import { registerEnumType } from 'type-graphql';
import { unscopedRawQuery, unscopedSql } from '../../platform/db/scoped-sql.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';
import { LineGateway, type LineChannelCredentials } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import { failedOutcome, sentOutcome, type BatchOutcome } from './delivery-batch-outcome.js';
import { DeliveryRunKind, DeliveryTargetKind, type DeliveryRun, type DeliveryRunStatus } from './delivery.entity.js';

/**
 * How a run reaches LINE (docs/adr/0014, "Broadcast"): multicast batches of ≤ 500 residents, or
 * one LINE broadcast to every friend of the channel. Also the `delivery_batch.kind` of its batches.
 */
export enum DeliverySendMode {
  MULTICAST = 'MULTICAST',
  /** 一斉配信: one broadcast call, to every friend LINE knows of (also those who added the account before the system). */
  BROADCAST = 'BROADCAST',
}
registerEnumType(DeliverySendMode, { name: 'DeliverySendMode' });

/**
 * Whether a run is sent as one LINE broadcast: a real run to all friends with a single language
 * variant (only `ja` compiled). With several, each resident must get their own language, which
 * only multicast can do; a test run reaches the testers only.
 */
export function sendsAsBroadcast(kind: DeliveryRunKind, targetKind: DeliveryTargetKind, languages: readonly string[]): boolean {
  return kind === DeliveryRunKind.REAL && targetKind === DeliveryTargetKind.ALL && languages.length === 1 && languages[0] === 'ja';
}

/**
 * After LINE itself answered 429 to a broadcast (its hourly window used up, by another system on
 * the channel as well; LINE says nothing of when it frees), the batch is tried again this much
 * later: a few calls an hour, and long enough that the lanes hand the run over to a scheduled one
 * (HAND_OVER_AFTER_MS) instead of polling. Our own window says when it frees and is used instead.
 */
export const LINE_RATE_LIMITED_RETRY_SECONDS = 600;

const SYSTEM = 'a delivery run’s broadcast is system work on behalf of the staff member who started it';

/** The broadcast batch a lane claimed (the columns of the runner's claim it needs). */
export interface ClaimedBroadcast {
  id: string;
  seq: number | null;
  retry_key: string;
  attempts: number;
}

/**
 * A run's one LINE broadcast (docs/adr/0014, "Broadcast"), in the runner's batch machinery:
 * preparation writes a single batch of kind BROADCAST (no residents, recipients = the friends we
 * know of) with its retry key before any call, and a lane that claims it calls broadcast with that
 * key. The hourly window is never waited for inside the lane's transaction: a 429 leaves the batch
 * PENDING with `not_before` at the window's end, without counting it as a failed attempt.
 */
export class DeliveryBroadcast {
  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly logger: Logger,
  ) {}

  /**
   * Writes the run's broadcast batch and marks the run prepared, in one statement that takes the
   * run row only if it has no batches and is neither prepared nor canceled (so two preparers never
   * both write it). `recipients` selects the friends of the channel we know of (their count is the
   * batch's recipients); none: no batch, and the run completes with nothing sent. False when
   * another preparer had it, or the run is canceled.
   */
  async prepare(runId: string, recipients: { sql: string; params: unknown[] }): Promise<boolean> {
    const rows = await unscopedRawQuery<{ status: DeliveryRunStatus | null; advanced: boolean; recipients: number | null }>(
      this.orm,
      SYSTEM,
      `with run as (
         select status from delivery_run where id = ?::uuid and batches_total = 0 and prepared_at is null for update
       ),
       go as (select 1 from run where status <> 'CANCELED'),
       counted as (select count(*)::int as n from (${recipients.sql}) c where exists (select 1 from go)),
       written as (
         insert into delivery_batch (run_id, seq, kind, language, resident_ids, recipients)
         select ?::uuid, 0, 'BROADCAST', 'ja', '{}', n from counted where n > 0 and exists (select 1 from go)
         returning 1
       ),
       advanced as (
         update delivery_run set batches_total = (select count(*) from written)::int, planned_recipients = (select n from counted),
                prepared_at = now(), updated_at = now()
          where id = ?::uuid and exists (select 1 from go)
         returning 1
       )
       select (select status from run) as status, exists (select 1 from advanced) as advanced, (select n from counted) as recipients`,
      [runId, ...recipients.params, runId, runId],
    );
    const outcome = rows[0];
    if (!outcome?.status) this.logger.info({ runId }, 'another worker prepares this run');
    if (outcome?.advanced) this.logger.info({ runId, recipients: outcome.recipients }, 'delivery run prepared as one LINE broadcast');
    return outcome?.advanced ?? false;
  }

  /**
   * Sends the claimed broadcast batch and says what becomes of it: `update` (one statement) is
   * the batch's new state, for the lane to write in the transaction that holds its claim. SENT with
   * LINE's request id (the key for its statistics) when LINE accepted it, now or on an earlier
   * attempt (409); PENDING until the window frees when the hour's broadcasts are used up; otherwise
   * as a multicast batch (delivery-batch-outcome.ts).
   */
  async send(
    run: Pick<DeliveryRun, 'id' | 'compiled'>,
    credentials: LineChannelCredentials,
    batch: ClaimedBroadcast,
  ): Promise<BatchOutcome> {
    const messages = run.compiled['ja'] as messagingApi.Message[];
    try {
      const result = await this.gateway.broadcast(
        credentials,
        { messages },
        { retryKey: batch.retry_key, ref: `delivery-batch:${batch.id}`, waitForWindow: false },
      );
      return sentOutcome(batch, result.lineRequestId);
    } catch (err) {
      const failure = LineGateway.classify(err);
      if (failure.kind === 'RATE_LIMITED') {
        // Not a failure of the content or of LINE: the attempts stay as they were.
        const wait = failure.retryAfterSeconds ?? LINE_RATE_LIMITED_RETRY_SECONDS;
        this.logger.info(
          { runId: run.id, batch: batch.id, waitSeconds: wait },
          'LINE broadcast window used up; the run goes on when it frees',
        );
        return {
          outcome: { kind: 'retry-later' },
          update: {
            sql: `update delivery_batch set last_error = ?, not_before = now() + make_interval(secs => ?) where id = ?`,
            params: [failure.message.slice(0, 500), wait, batch.id],
          },
        };
      }
      return failedOutcome(err, batch, this.logger, { runId: run.id, what: 'delivery broadcast' });
    }
  }
}

/**
 * How residents interacted with a broadcast run, by the request id LINE answered it with ("get
 * user interaction statistics"): a broadcast carries no custom aggregation unit. Counts LINE
 * withholds are null, as in "get statistics per unit"; `messages` and `clicks` are LINE's as given.
 */
export async function broadcastStatistics(
  gateway: LineGateway,
  credentials: LineChannelCredentials,
  requestId: string,
): Promise<Pick<insight.GetMessageEventResponse, 'overview' | 'messages' | 'clicks'>> {
  const answer = await gateway.messageEvent(credentials, requestId);
  return { overview: answer.overview, messages: answer.messages, clicks: answer.clicks };
}

/**
 * Runs' send modes from their first batches (the truth once prepared: a broadcast is the run's
 * only batch), in the order of `runIds`; null: no batch yet.
 */
export async function sendModesOf(em: EntityManager, runIds: readonly string[]): Promise<Array<DeliverySendMode | null>> {
  const rows = await unscopedSql<{ run_id: string; kind: DeliverySendMode }>(
    em,
    'the runs were loaded in the caller’s department scope',
    `select run_id::text, kind from delivery_batch where run_id = any(?::uuid[]) and seq = 0`,
    [uuidArray(runIds)],
  );
  const byRun = new Map(rows.map((r) => [r.run_id, r.kind]));
  return runIds.map((id) => byRun.get(id) ?? null);
}

/**
 * A sender lane whose run has nothing due for longer than this (a broadcast waiting for LINE's
 * hourly window) leaves it to a lane scheduled for then instead of holding a job slot meanwhile.
 * Longer than the longest multicast backoff (300 s), so multicast runs are never handed over.
 */
export const HAND_OVER_AFTER_MS = 360_000;
