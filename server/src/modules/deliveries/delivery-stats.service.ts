import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { unscopedFork } from '../../platform/db/department-scope.js';
import { scopedSql, unscopedSql } from '../../platform/db/scoped-sql.js';
import { badInput } from '../../platform/errors/app-error.js';
import { LineGateway } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { LineChannelService } from '../channels/index.js';
import { LineChannel } from '../channels/index.js';
import type { LinkService } from '../links/index.js';
import { uuidArray } from '../../platform/db/sql-arrays.js';
import { aggregationUnit } from './delivery-runner.js';
import { broadcastStatistics } from './delivery-broadcast.js';
import { withAnswers, type DeliveryAnswerCounts } from './delivery-answers.js';
import type { DeliveryRunStatus, DeliveryTargetKind } from './delivery.entity.js';
import type { DeliveryHistoryEntry, DeliveryInsightCount, DeliveryStats } from './delivery-stats.types.js';

export const COLLECT_STATS_JOB = 'deliveries.collectStats';
/** Runs are refreshed for this long after they start; LINE's numbers hardly move after that. */
export const STATS_DAYS = 14;
/**
 * LINE calls per collection (the job runs hourly): LINE allows 60 statistics calls per hour and
 * channel, and the rest of the hour's allowance stays for retries and people asking by hand.
 */
export const MAX_CALLS_PER_COLLECTION = 50;
/** LINE aggregates at most 30 days after the start date. */
const MAX_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

const SYSTEM = 'statistics collection is system work over every department’s sent runs';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One run's own numbers and LINE's last report on it. */
export interface RunFigures {
  targeted: number;
  sent: number;
  failed: number;
  /** When LINE last answered for it; null when it has not yet. */
  collectedAt: Date | null;
  uniqueImpression: number | null;
  uniqueClick: number | null;
}

interface RunRow {
  run_id: string;
  delivery_id: string;
  targeted: number;
  sent: number;
  failed: number;
  collected_at: Date | string | null;
  unique_impression: number | null;
  unique_click: number | null;
}

/** One row of the history export: a real run with its delivery's title and target. */
export interface HistoryRow extends RunFigures {
  runId: string;
  /** The run's start, as PostgreSQL wrote it: the export's page cursor. */
  cursor: string;
  startedAt: Date;
  status: DeliveryRunStatus;
  title: string;
  targetKind: DeliveryTargetKind;
  segmentIds: string[];
  listSize: number;
}

export interface CollectResult {
  /** Runs LINE answered for. */
  refreshed: number;
  /** Runs whose call failed (recorded on the run's row, retried at the next collection). */
  failed: number;
  /** The hour's LINE allowance ran out before every due run was asked. */
  limited: boolean;
}

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const dateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

function figuresOf(row: RunRow): RunFigures {
  return {
    targeted: Number(row.targeted),
    sent: Number(row.sent),
    failed: Number(row.failed),
    collectedAt: dateOrNull(row.collected_at),
    uniqueImpression: numberOrNull(row.unique_impression),
    uniqueClick: numberOrNull(row.unique_click),
  };
}

/**
 * A LINE count over runs: known only when LINE reported it for every run that sent something;
 * withheld when LINE withheld it for one of them (its rows hold null), never counted as zero.
 */
function insightCount(runs: readonly RunFigures[], pick: (run: RunFigures) => number | null, sent: number): DeliveryInsightCount {
  const reported = runs.filter((r) => r.sent > 0);
  const collected = reported.filter((r) => r.collectedAt !== null);
  const withheld = collected.some((r) => pick(r) === null);
  const known = reported.length > 0 && collected.length === reported.length && !withheld;
  const count = known ? collected.reduce((sum, r) => sum + pick(r)!, 0) : null;
  return { count, rate: count !== null && sent > 0 ? count / sent : null, withheld };
}

/** The stats of one run, or of a delivery over its real runs (with its tracked-link taps). */
export function statsOf(runs: readonly RunFigures[], linkClicks: number | null = null): DeliveryStats {
  const sent = runs.reduce((n, r) => n + r.sent, 0);
  const reported = runs.filter((r) => r.sent > 0);
  const collectedAt =
    reported.length && reported.every((r) => r.collectedAt) ? new Date(Math.min(...reported.map((r) => r.collectedAt!.getTime()))) : null;
  return {
    targeted: runs.reduce((n, r) => n + r.targeted, 0),
    sent,
    failed: runs.reduce((n, r) => n + r.failed, 0),
    opens: insightCount(runs, (r) => r.uniqueImpression, sent),
    clicks: insightCount(runs, (r) => r.uniqueClick, sent),
    linkClicks,
    collectedAt,
  };
}

/** `yyyyMMdd` in Asia/Tokyo, as LINE's insight takes dates. */
export function lineDate(at: Date): string {
  return new Date(at.getTime() + JST_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The days to ask LINE about for a run: from its start to its end (or today while it sends), at
 * most the 30 days LINE aggregates.
 */
export function statsPeriod(startedAt: Date, completedAt: Date | null, now: Date): { from: string; to: string } {
  const end = Math.min((completedAt ?? now).getTime(), now.getTime(), startedAt.getTime() + MAX_PERIOD_DAYS * DAY_MS);
  return { from: lineDate(startedAt), to: lineDate(new Date(Math.max(end, startedAt.getTime()))) };
}

/**
 * Delivery statistics (SEG-14/15): the run's own numbers from its batches, LINE's opens and clicks
 * from insight ("get statistics per unit" with the delivery's custom aggregation unit, collected
 * hourly into `delivery_stat`), and the taps on its tracked links from the links module.
 */
export class DeliveryStatsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly links: LinkService,
    private readonly logger: Logger,
    private readonly answers: DeliveryAnswerCounts,
  ) {}

  /** The real runs' figures of each delivery in scope (absent: none in scope). */
  private async deliveryRuns(ctx: ServiceContext, deliveryIds: readonly string[]): Promise<Map<string, RunFigures[]>> {
    const ids = [...new Set(deliveryIds.filter((id) => UUID.test(id)))];
    const out = new Map<string, RunFigures[]>();
    if (!ids.length) return out;
    const rows = await scopedSql<RunRow>(
      ctx,
      `${RUN_FIGURES} where r.delivery_id = any(?::uuid[]) and r.kind = 'REAL' and {{scope:r.department_id}}`,
      [uuidArray(ids)],
    );
    for (const row of rows) {
      let list = out.get(row.delivery_id);
      if (!list) out.set(row.delivery_id, (list = []));
      list.push(figuresOf(row));
    }
    return out;
  }

  /** Each delivery's stats over its real runs, in the order asked (batched by the resolver). */
  async forDeliveries(ctx: ServiceContext, deliveryIds: readonly string[]): Promise<DeliveryStats[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    const runs = await this.deliveryRuns(ctx, deliveryIds);
    const taps = await this.links.clicks(ctx.em, 'delivery', [...runs.keys()]);
    return deliveryIds.map((id) => statsOf(runs.get(id) ?? [], taps.get(id)?.total ?? 0));
  }

  /** Each run's stats, in the order asked (batched by the resolver). */
  async forRuns(ctx: ServiceContext, runIds: readonly string[]): Promise<DeliveryStats[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    const ids = [...new Set(runIds.filter((id) => UUID.test(id)))];
    const rows = ids.length
      ? await scopedSql<RunRow>(ctx, `${RUN_FIGURES} where r.id = any(?::uuid[]) and {{scope:r.department_id}}`, [uuidArray(ids)])
      : [];
    const byRun = new Map(rows.map((row) => [row.run_id, figuresOf(row)]));
    const answers = await this.answers.ofRuns(ctx, [...byRun.keys()]);
    return runIds.map((id) => {
      const figures = byRun.get(id);
      return withAnswers(statsOf(figures ? [figures] : []), answers.get(id.toLowerCase()));
    });
  }

  /**
   * The last `last` deliveries sent (by their latest real run), oldest first for a chart, each with
   * its stats (SEG-15).
   */
  async history(ctx: ServiceContext, last: number): Promise<DeliveryHistoryEntry[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    if (!Number.isInteger(last) || last < 1 || last > 100) throw badInput({ last: '1〜100件の範囲で指定してください。' });
    const rows = await scopedSql<{ id: string; title: string; sent_at: Date | string; runs: number }>(
      ctx,
      `select d.id, d.title, max(r.created_at) as sent_at, count(*)::int as runs
         from delivery d join delivery_run r on r.delivery_id = d.id and r.kind = 'REAL'
        where {{scope:d.department_id}}
        group by d.id, d.title
        order by max(r.created_at) desc, d.id desc
        limit ?`,
      [last],
    );
    rows.reverse();
    const stats = await this.forDeliveries(
      ctx,
      rows.map((r) => r.id),
    );
    return rows.map((r, i) => ({ deliveryId: r.id, title: r.title, sentAt: new Date(r.sent_at), runs: Number(r.runs), stats: stats[i]! }));
  }

  /** A page of the history export: real runs in scope by start, after `after` (the previous page's last). */
  async historyPage(
    ctx: ServiceContext,
    filter: { from?: Date | null; to?: Date | null },
    after: HistoryRow | undefined,
    limit: number,
  ): Promise<HistoryRow[]> {
    requirePermission(ctx.actor, 'deliveries.read');
    const where: string[] = [`r.kind = 'REAL'`, '{{scope:r.department_id}}'];
    const params: unknown[] = [];
    if (filter.from) {
      where.push('r.created_at >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('r.created_at < ?');
      params.push(filter.to);
    }
    if (after) {
      where.push('(r.created_at, r.id) > (?::timestamptz, ?::uuid)');
      params.push(after.cursor, after.runId);
    }
    const rows = await scopedSql<
      RunRow & {
        cursor: string;
        created_at: Date | string;
        status: DeliveryRunStatus;
        title: string;
        target_kind: DeliveryTargetKind;
        segment_ids: string[];
        list_size: number;
      }
    >(
      ctx,
      `select s1.*, d.title, d.target_kind, d.segment_ids::text[] as segment_ids, d.list_size
         from (${RUN_FIGURES} where ${where.join(' and ')}) s1
         join delivery d on d.id = s1.delivery_id
        where {{scope:d.department_id}}
        order by s1.created_at, s1.run_id
        limit ${Math.max(1, Math.min(1000, Math.floor(limit)))}`,
      params,
    );
    return rows.map((row) => ({
      ...figuresOf(row),
      runId: row.run_id,
      cursor: row.cursor,
      startedAt: new Date(row.created_at),
      status: row.status,
      title: row.title,
      targetKind: row.target_kind,
      segmentIds: row.segment_ids ?? [],
      listSize: Number(row.list_size),
    }));
  }

  /**
   * Refreshes LINE's numbers for the real runs started in the last STATS_DAYS days (the job
   * `deliveries.collectStats`, hourly): at most `maxCalls` calls, the runs waiting longest first,
   * and it stops as soon as LINE's hourly allowance is used up. LINE calls run outside any
   * transaction; each answer is written on its own.
   */
  async collect(options: { maxCalls?: number; now?: Date } = {}): Promise<CollectResult> {
    const now = options.now ?? new Date();
    const maxCalls = options.maxCalls ?? MAX_CALLS_PER_COLLECTION;
    const em = unscopedFork(this.orm.em);
    const due = await unscopedSql<{
      id: string;
      delivery_id: string;
      department_id: string;
      channel_id: string;
      created_at: Date | string;
      completed_at: Date | string | null;
      broadcast_request_id: string | null;
    }>(
      em,
      SYSTEM,
      `select r.id, r.delivery_id, r.department_id, r.channel_id, r.created_at, r.completed_at,
              (select b.line_request_id from delivery_batch b where b.run_id = r.id and b.seq = 0 and b.kind = 'BROADCAST') as broadcast_request_id
         from delivery_run r left join delivery_stat s on s.run_id = r.id
        where r.kind = 'REAL' and r.created_at >= ?::timestamptz - make_interval(days => ?)
          and exists (select 1 from delivery_batch b where b.run_id = r.id and b.status = 'SENT')
        order by s.attempted_at asc nulls first, r.created_at asc
        limit ?`,
      [now, STATS_DAYS, maxCalls],
    );
    const result: CollectResult = { refreshed: 0, failed: 0, limited: false };
    if (!due.length) return result;
    const channels = new Map(
      (await em.find(LineChannel, { id: { $in: [...new Set(due.map((r) => r.channel_id))] } })).map((c) => [c.id, c]),
    );
    for (const run of due) {
      const channel = channels.get(run.channel_id);
      if (!channel) continue;
      const period = statsPeriod(new Date(run.created_at), dateOrNull(run.completed_at), now);
      const unit = aggregationUnit({ delivery: { id: run.delivery_id } });
      try {
        // A broadcast run has no aggregation unit: LINE's statistics of its request (delivery-broadcast.ts).
        const credentials = this.channels.credentialsOf(channel);
        const answer = run.broadcast_request_id
          ? await broadcastStatistics(this.gateway, credentials, run.broadcast_request_id)
          : await this.gateway.statisticsPerUnit(credentials, unit, period.from, period.to);
        await this.write(em, run, period, {
          collected: true,
          uniqueImpression: numberOrNull(answer.overview?.uniqueImpression),
          uniqueClick: numberOrNull(answer.overview?.uniqueClick),
          uniqueMediaPlayed: numberOrNull(answer.overview?.uniqueMediaPlayed),
          uniqueMediaPlayed100Percent: numberOrNull(answer.overview?.uniqueMediaPlayed100Percent),
          messages: answer.messages ?? [],
          clicks: answer.clicks ?? [],
          error: null,
        });
        result.refreshed++;
      } catch (err) {
        const failure = LineGateway.classify(err);
        if (failure.kind === 'RATE_LIMITED') {
          // The hour's allowance is spent (here or by another process): the rest wait for the next run.
          result.limited = true;
          this.logger.info({ runId: run.id, refreshed: result.refreshed }, 'LINE statistics allowance used up for this hour');
          break;
        }
        result.failed++;
        this.logger.warn({ runId: run.id, kind: failure.kind }, 'LINE statistics for a delivery run failed');
        await this.write(em, run, period, { collected: false, error: failure.message.slice(0, 500) });
      }
    }
    return result;
  }

  private async write(
    em: EntityManager,
    run: { id: string; delivery_id: string; department_id: string },
    period: { from: string; to: string },
    answer:
      | { collected: false; error: string }
      | {
          collected: true;
          uniqueImpression: number | null;
          uniqueClick: number | null;
          uniqueMediaPlayed: number | null;
          uniqueMediaPlayed100Percent: number | null;
          messages: unknown[];
          clicks: unknown[];
          error: null;
        },
  ): Promise<void> {
    if (!answer.collected) {
      // A failure keeps what LINE said last time; only the attempt and the reason change.
      await unscopedSql(
        em,
        SYSTEM,
        `insert into delivery_stat (id, run_id, delivery_id, department_id, attempted_at, last_error)
         values (gen_random_uuid(), ?, ?, ?, clock_timestamp(), ?)
         on conflict (run_id) do update set attempted_at = excluded.attempted_at, last_error = excluded.last_error, updated_at = now()`,
        [run.id, run.delivery_id, run.department_id, answer.error],
      );
      return;
    }
    await unscopedSql(
      em,
      SYSTEM,
      `insert into delivery_stat (id, run_id, delivery_id, department_id, collected_at, attempted_at, period_from, period_to,
         unique_impression, unique_click, unique_media_played, unique_media_played_100_percent, messages, clicks, last_error)
       values (gen_random_uuid(), ?, ?, ?, clock_timestamp(), clock_timestamp(), ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, null)
       on conflict (run_id) do update set
         collected_at = excluded.collected_at, attempted_at = excluded.attempted_at,
         period_from = excluded.period_from, period_to = excluded.period_to,
         unique_impression = excluded.unique_impression, unique_click = excluded.unique_click,
         unique_media_played = excluded.unique_media_played,
         unique_media_played_100_percent = excluded.unique_media_played_100_percent,
         messages = excluded.messages, clicks = excluded.clicks, last_error = null, updated_at = now()`,
      [
        run.id,
        run.delivery_id,
        run.department_id,
        period.from,
        period.to,
        answer.uniqueImpression,
        answer.uniqueClick,
        answer.uniqueMediaPlayed,
        answer.uniqueMediaPlayed100Percent,
        JSON.stringify(answer.messages),
        JSON.stringify(answer.clicks),
      ],
    );
  }
}

/**
 * Each run's own numbers (recipients in SENT and FAILED batches, as DeliveryRunner.progress counts
 * them) with LINE's last report; the caller adds the `where`.
 */
const RUN_FIGURES = `select r.id as run_id, r.delivery_id, r.planned_recipients as targeted, r.created_at, r.created_at::text as cursor,
    r.status, coalesce(b.sent, 0)::int as sent, coalesce(b.failed, 0)::int as failed,
    s.collected_at, s.unique_impression, s.unique_click
  from delivery_run r
  left join lateral (
    select sum(recipients) filter (where status = 'SENT') as sent, sum(recipients) filter (where status = 'FAILED') as failed
      from delivery_batch where run_id = r.id
  ) b on true
  left join delivery_stat s on s.run_id = r.id`;
