import { LineGateway, type LineApiError } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';

/**
 * What becomes of a claimed batch after its LINE call (docs/adr/0014), for multicast and
 * broadcast alike: what the lane does next, and the batch's new state as one statement, which
 * the lane writes in the transaction that holds its claim.
 */
export interface BatchOutcome {
  outcome: { kind: 'sent'; seq: number } | { kind: 'retry-later' } | { kind: 'pause'; reason: string; error: string };
  update: { sql: string; params: unknown[] };
}

/** The claimed batch, as far as its outcome needs it. */
export interface ClaimedBatchRef {
  id: string;
  seq: number | null;
  attempts: number;
}

/** A batch LINE keeps failing (5xx, network) is retried this many times, then counted as failed. */
export const MAX_BATCH_ATTEMPTS = 8;

/** Why a run pauses on its own, by LINE's answer (Japanese, shown to staff): retrying cannot help until someone acts. */
export const PAUSE_REASONS: Partial<Record<LineApiError['kind'], string>> = {
  MONTHLY_QUOTA_EXHAUSTED: '今月のメッセージ通数の上限に達したため、一時停止しました。通数を追加してから再開してください。',
  UNAUTHORIZED: 'LINEのチャネルアクセストークンが無効なため、一時停止しました。チャネル設定を確認してから再開してください。',
  BAD_REQUEST: 'LINEが配信内容を受け付けなかったため、一時停止しました。内容を確認してください。',
};

/** LINE accepted the batch (now, or on an earlier attempt with the same retry key): SENT, with LINE's request id. */
export function sentOutcome(batch: ClaimedBatchRef, lineRequestId: string | null): BatchOutcome {
  return {
    outcome: { kind: 'sent', seq: batch.seq ?? 0 },
    update: {
      sql: `update delivery_batch set status = 'SENT', sent_at = now(), attempts = attempts + 1, line_request_id = ?, last_error = null,
                   line_user_ids = null
            where id = ?`,
      params: [lineRequestId, batch.id],
    },
  };
}

/**
 * LINE refused the batch or could not be reached: a pause (the batch stays pending) for what
 * retrying cannot fix, else a backoff of 5·2^attempts seconds (at most 5 minutes), until the
 * batch counts as failed after MAX_BATCH_ATTEMPTS. `what` names the batch's kind in the log.
 */
export function failedOutcome(err: unknown, batch: ClaimedBatchRef, logger: Logger, log: { runId: string; what: string }): BatchOutcome {
  const failure = LineGateway.classify(err);
  const error = failure.message.slice(0, 500);
  const pauseReason = PAUSE_REASONS[failure.kind];
  if (pauseReason)
    return {
      outcome: { kind: 'pause', reason: pauseReason, error },
      update: { sql: `update delivery_batch set last_error = ? where id = ?`, params: [error, batch.id] },
    };
  const attempts = batch.attempts + 1;
  const giveUp = attempts >= MAX_BATCH_ATTEMPTS;
  logger.warn(
    { runId: log.runId, batch: batch.id, attempts, kind: failure.kind },
    giveUp ? `${log.what} failed` : `${log.what} retried later`,
  );
  return {
    outcome: { kind: 'retry-later' },
    update: {
      sql: `update delivery_batch set attempts = ?, last_error = ?, status = ?, not_before = now() + make_interval(secs => ?)${
        giveUp ? ', line_user_ids = null' : ''
      }
            where id = ?`,
      params: [attempts, error, giveUp ? 'FAILED' : 'PENDING', Math.min(300, 5 * 2 ** attempts), batch.id],
    },
  };
}
